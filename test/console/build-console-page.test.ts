import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import express from 'express';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { buildConsolePage, consolePageRouter, loadConsolePage } from '../../src/console/build-console-page.js';
import type { BuiltConsolePage } from '../../src/console/build-console-page.js';
import { consoleStringKeys } from '../../src/console/page/console-strings.js';

const pageDir = new URL('../../src/console/page/', import.meta.url);
const htmlSinks = /\b(innerHTML|outerHTML|insertAdjacentHTML)\b|document\.write(ln)?\s*\(/;
const absoluteUrl = /\b(https?|wss?):\/\/[^\s"'`)]*/g;

async function consoleStrings(locale: string): Promise<{ ui: Record<string, unknown>; fields: Record<string, unknown>; values: Record<string, unknown> }> {
  const raw: unknown = JSON.parse(await readFile(new URL(`../../locales/${locale}/console.json`, import.meta.url), 'utf8'));
  const record = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? { ...v } : {});
  const top = record(raw);
  return { ui: record(top.ui), fields: record(top.fields), values: record(top.values) };
}

describe('buildConsolePage', () => {
  let built: BuiltConsolePage;
  beforeAll(async () => {
    built = await buildConsolePage();
  });

  it('bundles the page into one IIFE under 30 KB gzipped and reports the real gzip size', () => {
    expect(built.js.length).toBeGreaterThan(5000);
    expect(built.js.startsWith('"use strict";(()=>{')).toBe(true);
    expect(built.gzipBytes).toBeLessThan(30 * 1024);
    expect(built.gzipBytes).toBe(gzipSync(built.js).length);
  });

  it('embeds every UI string of both languages, and both languages have the same keys', async () => {
    const nl = await consoleStrings('nl');
    const en = await consoleStrings('en');
    expect(Object.keys(nl.ui).sort()).toEqual([...consoleStringKeys].sort());
    expect(Object.keys(en.ui).sort()).toEqual([...consoleStringKeys].sort());
    expect(Object.keys(en.fields).sort()).toEqual(Object.keys(nl.fields).sort());
    expect(Object.keys(en.values).sort()).toEqual(Object.keys(nl.values).sort());
    for (const strings of [nl, en]) {
      expect(built.js).toContain(JSON.stringify(strings.ui.claim));
      expect(built.js).toContain(JSON.stringify(strings.ui.consentHeading));
    }
    expect(built.js).not.toContain('HUURHULP_CONSOLE_STRINGS');
  });

  it('never parses HTML: no innerHTML, outerHTML, insertAdjacentHTML or document.write in the sources or the bundle', async () => {
    const files = (await readdir(pageDir)).filter((name) => name.endsWith('.ts'));
    expect(files).toContain('console-page.ts');
    const offenders: string[] = [];
    for (const name of files) {
      const source = await readFile(new URL(name, pageDir), 'utf8');
      source.split('\n').forEach((line, index) => {
        if (htmlSinks.test(line)) offenders.push(`${name}:${index + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
    expect(built.js).not.toMatch(htmlSinks);
  });

  it('talks to no other host: no absolute URL in the bundle or the shell, only the console API', () => {
    expect(built.js.match(absoluteUrl) ?? []).toEqual([]);
    expect(built.html.match(absoluteUrl) ?? []).toEqual([]);
    expect(built.js).toContain('/api/console');
    expect(built.js).toContain('/api/console/events');
  });

  it('has an HTML shell without inline script (CSP script-src self) that loads /console/console.js', async () => {
    const nl = await consoleStrings('nl');
    const scripts = built.html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? [];
    expect(scripts).toEqual(['<script src="/console/console.js" defer></script>']);
    expect(built.html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(built.html).toContain('<html lang="nl-NL" dir="ltr">');
    expect(built.html).toContain(`<title>${String(nl.ui.title)}</title>`);
    expect(built.html).toMatch(/<style>[^<]+<\/style>/);
    expect(built.html).toContain('<div id="console"></div>');
  });
});

describe('consolePageRouter', () => {
  it('serves the shell at /console and the script at /console/console.js', async () => {
    const built = await buildConsolePage();
    const app = express().use(consolePageRouter(built));
    const page = await request(app).get('/console').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toBe(built.html);
    const script = await request(app).get('/console/console.js').expect(200);
    expect(script.headers['content-type']).toMatch(/^application\/javascript/);
    expect(script.text).toBe(built.js);
    await request(app).get('/console/other.js').expect(404);
  });

  it('marks the shell when the Teams channel is on, so the page shows its Teams corner', async () => {
    const built = await buildConsolePage();
    const on = await request(express().use(consolePageRouter(built, { teams: true }))).get('/console').expect(200);
    expect(on.text).toContain('<div id="console" data-teams="on"></div>');
    const off = await request(express().use(consolePageRouter(built, { teams: false }))).get('/console').expect(200);
    expect(off.text).toContain('<div id="console"></div>');
  });
});

describe('loadConsolePage (the server)', () => {
  const prebuilt = new URL('../../dist/prebuilt/console.json', import.meta.url);

  it('serves the bundle `npm run build` made (the global setup ran it), which is exactly what esbuild makes now', async () => {
    const [loaded, fresh] = await Promise.all([loadConsolePage(prebuilt), buildConsolePage()]);
    expect(loaded.source).toBe('prebuilt');
    expect(fresh.source).toBe('esbuild');
    expect(loaded.js).toBe(fresh.js);
    expect(loaded.gzipBytes).toBe(fresh.gzipBytes);
    for (const teams of [false, true]) expect(loaded.shell({ teams })).toBe(fresh.shell({ teams }));
  });

  it('bundles anew when a source the build read has changed since, or when there is none (running from src/)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hh-console-'));
    try {
      const stale = pathToFileURL(path.join(dir, 'console.json'));
      const fileSchema = z.object({ path: z.string(), sha256: z.string() });
      const manifest = z.looseObject({ files: z.array(fileSchema) }).parse(JSON.parse(await readFile(prebuilt, 'utf8')));
      const css = manifest.files.find((f) => f.path.endsWith('console.css'));
      expect(css).toBeDefined();
      const files = manifest.files.map((f) => (f === css ? { ...f, sha256: '0'.repeat(64) } : f));
      await writeFile(stale, JSON.stringify({ ...manifest, files }));
      const rebuilt = await loadConsolePage(stale);
      expect(rebuilt.source).toBe('esbuild');
      expect(rebuilt.js).toBe((await buildConsolePage()).js);
      expect((await loadConsolePage(pathToFileURL(path.join(dir, 'none.json')))).source).toBe('esbuild');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
