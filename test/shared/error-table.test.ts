import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rootDir } from '../../src/server.js';
import { errorCodes } from '../../src/shared/errors.js';

/** The README's error table must list exactly the codes the code can return, with their HTTP status. */
describe('README error table', () => {
  it('matches the error registry', async () => {
    const readme = await readFile(path.join(rootDir, 'README.md'), 'utf8');
    const section = readme.split('## Error codes')[1]?.split('\n## ')[0] ?? '';
    const rows = [...section.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]);
    expect(rows.length).toBeGreaterThan(0);
    const documented = Object.fromEntries(rows);
    const registry = Object.fromEntries(Object.entries(errorCodes).map(([code, e]) => [code, e.status]));
    expect(documented).toEqual(registry);
  });
});
