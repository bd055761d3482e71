import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRenderer } from '../content/create-renderer.js';
import { createTranslator } from '../content/create-translator.js';
import { loadContent } from '../content/load-content.js';
import { HuurhulpError } from '../shared/errors.js';
import { sourceLocale } from '../shared/locale-registry.js';
import { lintTranslations } from './check-content.js';

// `npm run lint:translation -- <code> [dir]`: checks one language against the Dutch source, registered or not:
// the same keys, its plural forms, the lexicon files, templates that compile, and faithfulness (numbers, amounts,
// dates, phone numbers, web addresses, placeholders, Dutch legal words). Prints every finding; exit 1 if any.
const [code, dir] = process.argv.slice(2);
if (code === undefined || !/^[a-z]{2,3}$/.test(code) || code === sourceLocale) {
  process.stderr.write('usage: npm run lint:translation -- <language code, e.g. ar> [repository dir]\n');
  process.exit(2);
}
const root = dir ? path.resolve(dir) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let findings: string[];
try {
  const bundle = await loadContent(root, [sourceLocale, code]);
  createRenderer(bundle, createTranslator(bundle));
  findings = await lintTranslations(root, bundle);
} catch (e) {
  findings = e instanceof HuurhulpError ? [...e.details] : [String(e)];
}
for (const f of findings) process.stdout.write(`${f}\n`);
process.stdout.write(findings.length === 0 ? `lint:translation: ${code} is complete and faithful to the Dutch\n` : `lint:translation: ${findings.length} finding(s) for ${code}\n`);
process.exitCode = findings.length === 0 ? 0 : 1;
