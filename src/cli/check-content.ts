import path from 'node:path';
import { readdir, readFile } from 'node:fs/promises';
import { lintDialogAverages, lintReadability } from '../content/lint-readability.js';
import { loadContent } from '../content/load-content.js';
import { loadSources } from '../content/load-sources.js';
import { lintSources } from '../content/lint-sources.js';
import { createRenderer } from '../content/create-renderer.js';
import { createTranslator } from '../content/create-translator.js';
import { defaultActions } from '../engine/actions/action-registry.js';
import { lintDialogs } from '../engine/lint-dialogs.js';
import { parseDialogs } from '../engine/parse-dialogs.js';
import { HuurhulpError } from '../shared/errors.js';
import { sourceLocale } from '../shared/locale-registry.js';

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
  return findings;
}
