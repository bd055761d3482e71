import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { buildWidget, loadWidget } from '../../../src/channels/web/build-widget.js';
import type { BuiltWidget } from '../../../src/channels/web/build-widget.js';

const widgetDir = new URL('../../../src/channels/web/widget/', import.meta.url);
const htmlSinks = /\b(innerHTML|outerHTML|insertAdjacentHTML)\b|document\.write(ln)?\s*\(/;

async function localeStrings(locale: string): Promise<Record<string, unknown>> {
  const raw: unknown = JSON.parse(await readFile(new URL(`../../../locales/${locale}/widget.json`, import.meta.url), 'utf8'));
  if (typeof raw !== 'object' || raw === null) throw new Error(`locales/${locale}/widget.json is not an object`);
  return { ...raw };
}

describe('buildWidget', () => {
  let built: BuiltWidget;
  beforeAll(async () => {
    built = await buildWidget();
  });

  it('bundles the widget into one IIFE under 30 KB gzipped', () => {
    expect(built.js.length).toBeGreaterThan(1000);
    expect(built.js.startsWith('"use strict";(()=>{')).toBe(true);
    expect(built.gzipBytes).toBeGreaterThan(0);
    expect(built.gzipBytes).toBeLessThan(30 * 1024);
    // The reported number is the real gzip size of the served text.
    expect(built.gzipBytes).toBe(gzipSync(built.js).length);
  });

  it('embeds the UI strings of both languages', async () => {
    for (const locale of ['nl', 'en']) {
      const strings = await localeStrings(locale);
      expect(built.js).toContain(JSON.stringify(strings.launcher));
      expect(built.js).toContain(JSON.stringify(strings.inputLabel));
    }
    expect(built.js).not.toContain('HUURHULP_WIDGET_STRINGS');
  });

  it('never parses HTML: no innerHTML, outerHTML, insertAdjacentHTML or document.write in the source or bundle', async () => {
    const files = (await readdir(widgetDir)).filter((name) => name.endsWith('.ts'));
    expect(files).toContain('widget.ts');
    const offenders: string[] = [];
    for (const name of files) {
      const source = await readFile(new URL(name, widgetDir), 'utf8');
      source.split('\n').forEach((line, index) => {
        if (htmlSinks.test(line)) offenders.push(`${name}:${index + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
    expect(built.js).not.toMatch(htmlSinks);
  });

  it('talks to no other host: no absolute http(s) or ws(s) URL in the bundle', () => {
    expect(built.js.match(/\b(https?|wss?):\/\/[^\s"'`)]*/g) ?? []).toEqual([]);
    expect(built.js).toContain('/api/web/session');
    expect(built.js).toContain('/api/messages');
  });
});

describe('loadWidget (the server)', () => {
  const prebuilt = new URL('../../../dist/prebuilt/widget.json', import.meta.url);

  it('serves the bundle `npm run build` made (the global setup ran it), which is exactly what esbuild makes now', async () => {
    const [loaded, fresh] = await Promise.all([loadWidget(prebuilt), buildWidget()]);
    expect(loaded.source).toBe('prebuilt');
    expect(fresh.source).toBe('esbuild');
    expect(loaded.js).toBe(fresh.js);
    expect(loaded.gzipBytes).toBe(fresh.gzipBytes);
  });

  it('bundles anew when the build made it from other strings, or when there is none (running from src/)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hh-widget-'));
    try {
      const stale = pathToFileURL(path.join(dir, 'widget.json'));
      const manifest = z.looseObject({ embeddedSha256: z.string() }).parse(JSON.parse(await readFile(prebuilt, 'utf8')));
      await writeFile(stale, JSON.stringify({ ...manifest, embeddedSha256: '0'.repeat(64) }));
      const rebuilt = await loadWidget(stale);
      expect(rebuilt.source).toBe('esbuild');
      expect(rebuilt.js).toBe((await buildWidget()).js);
      expect((await loadWidget(pathToFileURL(path.join(dir, 'none.json')))).source).toBe('esbuild');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
