import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWidget } from '../../../src/channels/web/build-widget.js';
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
