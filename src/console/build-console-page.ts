import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import express, { type Router } from 'express';
import { z } from 'zod/v4';
import { ContentError } from '../shared/errors.js';
import { bundledFiles, readPrebuilt, writePrebuilt } from '../shared/prebuilt-bundle.js';
import { localeInfo, sourceLocale } from '../shared/locale-registry.js';
import { consoleLocales, consoleStringKeys } from './page/console-strings.js';
import type { ConsoleLocale, ConsoleStrings } from './page/console-strings.js';

export interface ConsoleFeatures {
  /** The Teams channel is on: the page shows the Teams corner (link code, alert channel). */
  readonly teams: boolean;
}

export interface BuiltConsolePage {
  /** The HTML shell: an inline stylesheet and `<script src="/console/console.js" defer>`, no inline script. */
  readonly html: string;
  /** The same shell for a server with these channels on. */
  shell(features: ConsoleFeatures): string;
  readonly js: string;
  /** Gzipped size of `js`, the part that grows with the page. */
  readonly gzipBytes: number;
  /** Bundled now, or read from the build's file in dist/ (loadConsolePage). */
  readonly source: 'esbuild' | 'prebuilt';
}

// Through the repository root, so they resolve the same from src/ and from the compiled dist/.
const root = new URL('../../', import.meta.url);
const entryPoint = fileURLToPath(new URL('../../src/console/page/console-page.ts', import.meta.url));
const stylesheet = new URL('../../src/console/page/console.css', import.meta.url);
const localesDir = new URL('../../locales/', import.meta.url);
/** Written by `npm run build` next to the compiled server (dist/prebuilt/); running from src/ there is none. */
export const prebuiltConsoleFile = new URL('../prebuilt/console.json', import.meta.url);
/** Where the page is served; the shell loads the script from here. */
export const consolePagePath = '/console';
export const consoleScriptPath = '/console/console.js';

const text = z.string().trim().min(1);
// The enum-keyed record is exhaustive in zod 4: every UI key present, no unknown ones.
const consoleStringsSchema = z.strictObject({
  ui: z.record(z.enum(consoleStringKeys), text),
  fields: z.record(z.string(), text),
  values: z.record(z.string(), text),
});

/**
 * Bundles the volunteer console into one minified IIFE, in memory, with every language's UI strings
 * embedded, and renders its HTML shell.
 */
export async function buildConsolePage(): Promise<BuiltConsolePage> {
  return (await bundleConsolePage(await readAllConsoleStrings())).page;
}

/**
 * The console page for the server: the build's bundle when it was made from exactly these sources and strings,
 * else bundled now (`npm run dev`, the tests, a dist/ older than its sources). The strings are read and checked
 * either way, so a broken console.json still refuses to boot.
 */
export async function loadConsolePage(file: URL = prebuiltConsoleFile): Promise<BuiltConsolePage> {
  const strings = await readAllConsoleStrings();
  const prebuilt = await readPrebuilt(file, root, JSON.stringify(strings));
  const js = prebuilt?.['js'];
  const css = prebuilt?.['css'];
  if (js !== undefined && css !== undefined) return page(strings, js, css, 'prebuilt');
  return (await bundleConsolePage(strings)).page;
}

/** `npm run build`: bundles the console into dist/prebuilt/ with the hashes of what it was made from. */
export async function writePrebuiltConsolePage(file: URL = prebuiltConsoleFile): Promise<void> {
  const strings = await readAllConsoleStrings();
  const { page: built, css, inputs } = await bundleConsolePage(strings);
  await writePrebuilt(file, root, { files: inputs, embedded: JSON.stringify(strings) }, { js: built.js, css });
}

type AllConsoleStrings = Partial<Record<ConsoleLocale, ConsoleStrings>>;

async function readAllConsoleStrings(): Promise<AllConsoleStrings> {
  const strings: AllConsoleStrings = {};
  for (const locale of consoleLocales) strings[locale] = await readConsoleStrings(locale);
  return strings;
}

async function bundleConsolePage(strings: AllConsoleStrings): Promise<{ page: BuiltConsolePage; css: string; inputs: string[] }> {
  // Imported here: a server that reads the build's bundle does not load esbuild at all.
  const { build, transform } = await import('esbuild');
  const [bundle, css] = await Promise.all([
    build({
      entryPoints: [entryPoint],
      bundle: true,
      format: 'iife',
      minify: true,
      target: 'es2020',
      platform: 'browser',
      write: false,
      legalComments: 'none',
      charset: 'utf8',
      define: { HUURHULP_CONSOLE_STRINGS: JSON.stringify(strings) },
      logLevel: 'silent',
      // The files it reads, named relative to the repository root: what a prebuilt bundle is checked against.
      metafile: true,
      absWorkingDir: fileURLToPath(root),
    }),
    readFile(stylesheet, 'utf8').then((source) => transform(source, { loader: 'css', minify: true, logLevel: 'silent' })),
  ]);
  const output = bundle.outputFiles[0];
  if (!output) throw new Error('esbuild produced no console bundle');
  return { page: page(strings, output.text, css.code, 'esbuild'), css: css.code, inputs: [...bundledFiles(bundle.metafile.inputs), relative(fileURLToPath(root), fileURLToPath(stylesheet)).split(sep).join('/')] };
}

function page(strings: AllConsoleStrings, js: string, css: string, source: BuiltConsolePage['source']): BuiltConsolePage {
  const sourceStrings = strings[sourceLocale];
  if (!sourceStrings) throw new ContentError([`locales/${sourceLocale}/console.json: missing`]);
  const shellFor = (features: ConsoleFeatures): string => shell(sourceStrings, css, features);
  return { html: shellFor({ teams: false }), shell: shellFor, js, gzipBytes: gzipSync(js).length, source };
}

/** Serves GET /console (the shell) and GET /console/console.js. Mount at the app root. */
export function consolePageRouter(built: BuiltConsolePage, features: ConsoleFeatures = { teams: false }): Router {
  const router = express.Router();
  const html = built.shell(features);
  router.get(consolePagePath, (_req, res) => {
    res.type('html').set('Cache-Control', 'no-cache').send(html);
  });
  router.get(consoleScriptPath, (_req, res) => {
    res.type('application/javascript').set('Cache-Control', 'no-cache').send(built.js);
  });
  return router;
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The page before the script runs: the source language's title and a no-JavaScript note; the script switches to `?lang=<code>`. */
function shell(strings: ConsoleStrings, css: string, features: ConsoleFeatures): string {
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(localeInfo(sourceLocale).tag)}" dir="${localeInfo(sourceLocale).dir}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    `<title>${escapeHtml(strings.ui.title)}</title>`,
    '<link rel="icon" href="data:,">',
    `<style>${css.trim()}</style>`,
    `<script src="${consoleScriptPath}" defer></script>`,
    '</head>',
    '<body>',
    `<div id="console"${features.teams ? ' data-teams="on"' : ''}></div>`,
    `<noscript><p>${escapeHtml(strings.ui.noscript)}</p></noscript>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

async function readConsoleStrings(locale: ConsoleLocale): Promise<ConsoleStrings> {
  const path = `locales/${locale}/console.json`;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(new URL(`${locale}/console.json`, localesDir), 'utf8'));
  } catch (error) {
    throw new ContentError([`${path}: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const parsed = consoleStringsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ContentError(parsed.error.issues.map((issue) => `${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  return parsed.data;
}
