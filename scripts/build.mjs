// Compiles src/**/*.ts to dist/ (same layout, ES modules for Node 24), so `npm start` runs plain JavaScript:
// no TypeScript compiler on the production path. Type checking stays with `npm run typecheck`.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const entryPoints = (await readdir(src, { recursive: true })).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => path.join(src, f));
await build({ entryPoints, outdir: path.join(root, 'dist'), outbase: src, platform: 'node', format: 'esm', target: 'node24', sourcemap: 'linked', logLevel: 'warning' });
