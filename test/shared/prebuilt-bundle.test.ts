import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundledFiles, readPrebuilt, writePrebuilt } from '../../src/shared/prebuilt-bundle.js';

describe('prebuilt bundles', () => {
  let root: URL;
  let manifest: URL;
  beforeEach(async () => {
    root = pathToFileURL(`${await mkdtemp(path.join(tmpdir(), 'hh-prebuilt-'))}/`);
    await writeFile(new URL('a.ts', root), 'export const a = 1;\n');
    await writeFile(new URL('b.ts', root), 'export const b = 2;\n');
    manifest = new URL('out/bundle.json', root);
    await writePrebuilt(manifest, root, { files: ['a.ts', 'b.ts'], embedded: '{"nl":"Hoi"}' }, { js: 'bundled();' });
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('are used while every input file and the embedded text read the same', async () => {
    expect(await readPrebuilt(manifest, root, '{"nl":"Hoi"}')).toEqual({ js: 'bundled();' });
  });

  it('are not used once the embedded text differs (a translator changed a string)', async () => {
    expect(await readPrebuilt(manifest, root, '{"nl":"Hallo"}')).toBeNull();
  });

  it('are not used once a source file changed or is gone', async () => {
    await writeFile(new URL('b.ts', root), 'export const b = 3;\n');
    expect(await readPrebuilt(manifest, root, '{"nl":"Hoi"}')).toBeNull();
    await writeFile(new URL('b.ts', root), 'export const b = 2;\n');
    expect(await readPrebuilt(manifest, root, '{"nl":"Hoi"}')).toEqual({ js: 'bundled();' });
    await rm(new URL('a.ts', root));
    expect(await readPrebuilt(manifest, root, '{"nl":"Hoi"}')).toBeNull();
  });

  it('are not used when the file is missing or not a manifest', async () => {
    expect(await readPrebuilt(new URL('out/none.json', root), root, '{"nl":"Hoi"}')).toBeNull();
    await writeFile(manifest, '{"format":1');
    expect(await readPrebuilt(manifest, root, '{"nl":"Hoi"}')).toBeNull();
    await writeFile(manifest, JSON.stringify({ format: 2, files: [], embeddedSha256: '', outputs: {} }));
    expect(await readPrebuilt(manifest, root, '')).toBeNull();
  });

  it("record esbuild's real input files, not its virtual define inputs", async () => {
    expect(bundledFiles({ 'src/a.ts': {}, '<define:HUURHULP_WIDGET_STRINGS>': {}, 'src/b.ts': {} })).toEqual(['src/a.ts', 'src/b.ts']);
    const text = await readFile(manifest, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ files: [{ path: 'a.ts' }, { path: 'b.ts' }] });
  });
});
