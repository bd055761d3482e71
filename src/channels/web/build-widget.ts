import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { z } from 'zod/v4';
import { ContentError } from '../../shared/errors.js';
import { bundledFiles, readPrebuilt, writePrebuilt } from '../../shared/prebuilt-bundle.js';
import { widgetLocales, widgetStringKeys } from './widget/widget-strings.js';
import type { WidgetLocale, WidgetStrings } from './widget/widget-strings.js';

export interface BuiltWidget {
  readonly js: string;
  readonly gzipBytes: number;
  /** Bundled now, or read from the build's file in dist/ (loadWidget). */
  readonly source: 'esbuild' | 'prebuilt';
}

// Through the repository root, so it resolves the same from src/ and from the compiled dist/.
const root = new URL('../../../', import.meta.url);
const entryPoint = fileURLToPath(new URL('../../../src/channels/web/widget/widget.ts', import.meta.url));
const localesDir = new URL('../../../locales/', import.meta.url);
/** Written by `npm run build` next to the compiled server (dist/prebuilt/); running from src/ there is none. */
export const prebuiltWidgetFile = new URL('../../prebuilt/widget.json', import.meta.url);

// An enum-keyed record is exhaustive in zod 4: every key present, no unknown keys, none empty.
const widgetStringsSchema = z.record(z.enum(widgetStringKeys), z.string().trim().min(1));

/**
 * Bundles the browser widget into one minified IIFE, in memory, with every language's UI strings
 * embedded. The result is served as /widget.js.
 */
export async function buildWidget(): Promise<BuiltWidget> {
  return (await bundleWidget(await readAllWidgetStrings())).widget;
}

/**
 * The widget for the server: the build's bundle when it was made from exactly these sources and strings, else
 * bundled now (`npm run dev`, the tests, a dist/ older than its sources). The strings are read and checked
 * either way, so a broken widget.json still refuses to boot.
 */
export async function loadWidget(file: URL = prebuiltWidgetFile): Promise<BuiltWidget> {
  const strings = await readAllWidgetStrings();
  const prebuilt = await readPrebuilt(file, root, JSON.stringify(strings));
  const js = prebuilt?.['js'];
  if (js !== undefined) return { js, gzipBytes: gzipSync(js).length, source: 'prebuilt' };
  return (await bundleWidget(strings)).widget;
}

/** `npm run build`: bundles the widget into dist/prebuilt/ with the hashes of what it was made from. */
export async function writePrebuiltWidget(file: URL = prebuiltWidgetFile): Promise<void> {
  const strings = await readAllWidgetStrings();
  const { widget, inputs } = await bundleWidget(strings);
  await writePrebuilt(file, root, { files: inputs, embedded: JSON.stringify(strings) }, { js: widget.js });
}

async function readAllWidgetStrings(): Promise<Partial<Record<WidgetLocale, WidgetStrings>>> {
  const strings: Partial<Record<WidgetLocale, WidgetStrings>> = {};
  for (const locale of widgetLocales) strings[locale] = await readWidgetStrings(locale);
  return strings;
}

async function bundleWidget(strings: Partial<Record<WidgetLocale, WidgetStrings>>): Promise<{ widget: BuiltWidget; inputs: string[] }> {
  // Imported here: a server that reads the build's bundle does not load esbuild at all.
  const { build } = await import('esbuild');
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
    // The files it reads, named relative to the repository root: what a prebuilt bundle is checked against.
    metafile: true,
    absWorkingDir: fileURLToPath(root),
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no widget bundle');
  const js = output.text;
  return { widget: { js, gzipBytes: gzipSync(js).length, source: 'esbuild' }, inputs: bundledFiles(result.metafile.inputs) };
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
