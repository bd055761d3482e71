import path from 'node:path';
import { access, readdir, readFile } from 'node:fs/promises';
import { lintDialogAverages, lintReadability } from '../content/lint-readability.js';
import { loadContent, type ContentBundle } from '../content/load-content.js';
import { loadSources } from '../content/load-sources.js';
import { lintSources } from '../content/lint-sources.js';
import { createRenderer } from '../content/create-renderer.js';
import { createTranslator } from '../content/create-translator.js';
import { defaultActions } from '../engine/actions/action-registry.js';
import { lintDialogs } from '../engine/lint-dialogs.js';
import { parseDialogs } from '../engine/parse-dialogs.js';
import { HuurhulpError } from '../shared/errors.js';
import { isLocale, localeInfo, sourceLocale } from '../shared/locale-registry.js';
import { lintFaithful } from '../content/lint-faithful.js';
import { lintLocaleKeys, pluralFormsOf } from '../content/lint-locale-keys.js';

/**
 * Everything `npm run lint:dialogs` checks for a tree with dialogs/, content/ and locales/: the schema and
 * references, the dialog lint, templates that compile, the B1 readability of the Dutch texts, and that every number
 * and organisation in a Dutch text has a source (content/sources.yaml).
 */
export async function checkContent(root: string): Promise<string[]> {
  const dir = path.join(root, 'dialogs');
  const names = (await readdir(dir)).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  const sources = await Promise.all(names.map(async (name) => ({ name, text: await readFile(path.join(dir, name), 'utf8') })));
  const parsed = parseDialogs(sources, defaultActions);
  if (!parsed.ok) return [...parsed.errors];
  let bundle;
  try {
    bundle = await loadContent(root);
    createRenderer(bundle, createTranslator(bundle));
  } catch (e) {
    return e instanceof HuurhulpError ? [...e.details] : [String(e)];
  }
  const findings = lintDialogs({ dialogs: parsed.dialogs, content: bundle.content, labels: bundle.labels, languages: bundle.languages });
  const source = bundle.content[sourceLocale] ?? {};
  findings.push(...lintReadability(source, bundle.glossary[sourceLocale] ?? []));
  findings.push(...lintDialogAverages(source));
  const sourceMap = await loadSources(root);
  findings.push(...sourceMap.errors, ...lintSources(source, sourceMap.map));
  findings.push(...(await lintTranslations(root, bundle)));
  return findings;
}

/**
 * Per language besides the source: the same keys as the source, every plural form its language needs, the lexicon
 * files (crisis words must work in every language), and faithfulness to the Dutch. Also used by
 * `npm run lint:translation` for a language that is not registered yet (its tag is then its code).
 */
export async function lintTranslations(root: string, bundle: ContentBundle): Promise<string[]> {
  const tagOf = (lng: string): string => (isLocale(lng) ? localeInfo(lng).tag : lng);
  const findings = lintLocaleKeys({ source: sourceLocale, languages: bundle.languages, content: bundle.content, labels: bundle.labels, pluralForms: (lng) => pluralFormsOf(tagOf(lng)) });
  const legalTerms = bundle.legalTerms?.[sourceLocale] ?? [];
  for (const lng of bundle.languages) {
    for (const file of ['intents.json', 'parse.json']) {
      if (!(await exists(path.join(root, 'locales', lng, file)))) findings.push(`locales/${lng}/${file}: missing (the words people type in ${lng}; crisis words must work in every language)`);
    }
    if (!(await exists(path.join(root, 'content', lng, 'demo-page.html')))) findings.push(`content/${lng}/demo-page.html: missing (the demo page in ${lng})`);
    if (lng === sourceLocale) continue;
    const keepTerms = isLocale(lng) ? localeInfo(lng).keepsDutchTerms : true;
    findings.push(...lintFaithful({ lng, source: bundle.content[sourceLocale] ?? {}, translation: bundle.content[lng] ?? {}, legalTerms, keepTerms }));
    findings.push(...lintFaithful({ lng, source: bundle.labels[sourceLocale] ?? {}, translation: bundle.labels[lng] ?? {}, legalTerms, keepTerms: false, kind: 'labels' }));
  }
  return findings;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
