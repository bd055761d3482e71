import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, transform } from 'esbuild';
import express, { type Router } from 'express';
import { z } from 'zod/v4';
import { ContentError } from '../shared/errors.js';
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
}

// Through the repository root, so they resolve the same from src/ and from the compiled dist/.
const entryPoint = fileURLToPath(new URL('../../src/console/page/console-page.ts', import.meta.url));
const stylesheet = new URL('../../src/console/page/console.css', import.meta.url);
const localesDir = new URL('../../locales/', import.meta.url);
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
 * Bundles the volunteer console into one minified IIFE, in memory, with both languages' UI strings
 * embedded, and renders its HTML shell. Called once at startup.
 */
export async function buildConsolePage(): Promise<BuiltConsolePage> {
  const strings: Partial<Record<ConsoleLocale, ConsoleStrings>> = {};
  for (const locale of consoleLocales) strings[locale] = await readConsoleStrings(locale);
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
    }),
    readFile(stylesheet, 'utf8').then((source) => transform(source, { loader: 'css', minify: true, logLevel: 'silent' })),
  ]);
  const output = bundle.outputFiles[0];
  if (!output) throw new Error('esbuild produced no console bundle');
  const source = strings[sourceLocale];
  if (!source) throw new ContentError([`locales/${sourceLocale}/console.json: missing`]);
  const js = output.text;
  const shellFor = (features: ConsoleFeatures): string => shell(source, css.code, features);
  return { html: shellFor({ teams: false }), shell: shellFor, js, gzipBytes: gzipSync(js).length };
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
