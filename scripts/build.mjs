// Compiles src/**/*.ts to dist/ (same layout, ES modules for Node 24), so `npm start` runs plain JavaScript:
// no TypeScript compiler on the production path. Type checking stays with `npm run typecheck`.
// Then it makes, with the compiled code, what the server would otherwise make at every start (issue #12): the
// widget and console bundles, the parsed YAML of content/ and dialogs/ and the templates it checked, in dist/prebuilt/.
// The server checks each against its sources and makes it itself when they differ, so an edit without a rebuild is
// never missed.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');
const entryPoints = (await readdir(src, { recursive: true })).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => path.join(src, f));
await build({ entryPoints, outdir: dist, outbase: src, platform: 'node', format: 'esm', target: 'node24', sourcemap: 'linked', logLevel: 'warning' });

const compiled = (file) => import(pathToFileURL(path.join(dist, file)).href);
const [{ writePrebuiltWidget }, { writePrebuiltConsolePage }, { writeParsedYamlCache }] = await Promise.all([
  compiled('channels/web/build-widget.js'),
  compiled('console/build-console-page.js'),
  compiled('content/parsed-yaml.js'),
]);
await Promise.all([writePrebuiltWidget(), writePrebuiltConsolePage(), writeParsedYamlCache(pathToFileURL(`${root}/`))]);
// After the YAML cache, which loading the content then uses.
const [{ loadContent }, { writeCheckedTemplates }] = await Promise.all([compiled('content/load-content.js'), compiled('content/checked-templates.js')]);
await writeCheckedTemplates(await loadContent(root));
