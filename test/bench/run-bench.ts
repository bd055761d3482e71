import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod/v4';

/**
 * `npm run bench`: runs every test/bench/*.bench.ts (each exports one async function returning printable lines)
 * and prints the figures. Benchmarks compare within one run; absolute numbers vary between machines.
 */
const dir = path.dirname(fileURLToPath(import.meta.url));
const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts')).sort();
for (const file of files) {
  const mod: unknown = await import(pathToFileURL(path.join(dir, file)).href);
  if (typeof mod !== 'object' || mod === null) continue;
  for (const [name, fn] of Object.entries(mod)) {
    if (!name.startsWith('bench') || typeof fn !== 'function') continue;
    process.stdout.write(`\n== ${file} :: ${name}\n`);
    const lines: unknown = await fn();
    for (const line of z.array(z.string()).parse(lines)) process.stdout.write(`${line}\n`);
  }
}
process.exit(0);
