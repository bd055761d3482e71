import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContent } from '../content/load-content.js';
import { loadSources } from '../content/load-sources.js';
import { sourcesListing } from './sources-listing.js';
import { sourceLocale } from '../shared/locale-registry.js';

// `npm run content -- sources [dir]`: lists every sourced Dutch message with its sources (for a meldpunt to review).
// Exit codes: 0 done, 1 sources.yaml unreadable, 2 usage.
const [command, dir] = process.argv.slice(2);
const root = dir ? path.resolve(dir) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

if (command !== 'sources') {
  process.stderr.write('usage: npm run content -- sources [dir]\n');
  process.exitCode = 2;
} else {
  const [bundle, sources] = await Promise.all([loadContent(root), loadSources(root)]);
  if (sources.errors.length > 0) {
    process.stderr.write(`${sources.errors.join('\n')}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(sourcesListing(bundle.content[sourceLocale] ?? {}, sources.map));
  }
}
