import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { z } from 'zod/v4';
import { ContentError } from '../../shared/errors.js';
import { widgetLocales, widgetStringKeys } from './widget/widget-strings.js';
import type { WidgetLocale, WidgetStrings } from './widget/widget-strings.js';

export interface BuiltWidget {
  readonly js: string;
  readonly gzipBytes: number;
}

// Through the repository root, so it resolves the same from src/ and from the compiled dist/.
const entryPoint = fileURLToPath(new URL('../../../src/channels/web/widget/widget.ts', import.meta.url));
const localesDir = new URL('../../../locales/', import.meta.url);

// An enum-keyed record is exhaustive in zod 4: every key present, no unknown keys, none empty.
const widgetStringsSchema = z.record(z.enum(widgetStringKeys), z.string().trim().min(1));

/**
 * Bundles the browser widget into one minified IIFE, in memory, with both languages' UI strings
 * embedded. Called once at startup; the result is served as /widget.js.
 */
export async function buildWidget(): Promise<BuiltWidget> {
  const strings: Partial<Record<WidgetLocale, WidgetStrings>> = {};
  for (const locale of widgetLocales) strings[locale] = await readWidgetStrings(locale);
  const result = await build({
    entryPoints: [entryPoint],
    bundle: true,
    format: 'iife',
    minify: true,
    target: 'es2019',
    platform: 'browser',
    write: false,
    legalComments: 'none',
    charset: 'utf8',
    define: { HUURHULP_WIDGET_STRINGS: JSON.stringify(strings) },
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no widget bundle');
  const js = output.text;
  return { js, gzipBytes: gzipSync(js).length };
}

async function readWidgetStrings(locale: WidgetLocale): Promise<WidgetStrings> {
  const path = `locales/${locale}/widget.json`;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(new URL(`${locale}/widget.json`, localesDir), 'utf8'));
  } catch (error) {
    throw new ContentError([`${path}: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const parsed = widgetStringsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ContentError(
      parsed.error.issues.map((issue) => `${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return parsed.data;
}
