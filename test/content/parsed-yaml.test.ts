import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cachedYaml, parseYamlText, writeParsedYamlCache, yamlOptions } from '../../src/content/parsed-yaml.js';

const repoRoot = new URL('../../', import.meta.url);
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('the parsed-YAML cache `npm run build` writes', () => {
  it('holds, for every content and dialog file, exactly the value the yaml package gives it', async () => {
    const built = new URL('dist/prebuilt/parsed-yaml.json', repoRoot);
    let files = 0;
    for (const dir of ['content', 'dialogs']) {
      const base = new URL(`${dir}/`, repoRoot);
      for (const name of (await readdir(base, { recursive: true })).filter((n) => /\.ya?ml$/.test(n))) {
        const text = await readFile(new URL(name, base), 'utf8');
        expect({ name, value: await cachedYaml(text, built) }).toEqual({ name, value: parse(text, yamlOptions) });
        files++;
      }
    }
    expect(files).toBeGreaterThan(50);
  });
});

describe('parseYamlText', () => {
  let dir: string;
  let cacheFile: URL;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hh-yaml-'));
    await mkdir(path.join(dir, 'content', 'nl'), { recursive: true });
    await writeFile(path.join(dir, 'content', 'nl', 'good.yaml'), 'greeting: Hoi\nlist: [a, b]\n');
    await writeFile(path.join(dir, 'content', 'nl', 'broken.yaml'), 'a: 1\na: 2\n');
    await writeFile(path.join(dir, 'content', 'nl', 'nan.yaml'), 'x: .nan\n');
    cacheFile = pathToFileURL(path.join(dir, 'prebuilt', 'parsed-yaml.json'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps only what parses and what JSON carries exactly; the rest is parsed (and refused) as before', async () => {
    expect(await writeParsedYamlCache(pathToFileURL(`${dir}/`), ['content'], cacheFile)).toBe(1);
    expect(await cachedYaml('greeting: Hoi\nlist: [a, b]\n', cacheFile)).toEqual({ greeting: 'Hoi', list: ['a', 'b'] });
    expect(await cachedYaml('x: .nan\n', cacheFile)).toBeUndefined();
    expect(await parseYamlText('x: .nan\n', cacheFile)).toEqual({ x: Number.NaN });
    await expect(parseYamlText('a: 1\na: 2\n', cacheFile)).rejects.toThrow(/unique/i);
  });

  it('looks a text up by its hash: another text is parsed, never answered from the cache', async () => {
    const text = 'greeting: Hoi\n';
    // A cache that answers this text with a value no parser would give: proof that the lookup is used, and by what.
    const entries = { [sha256(text)]: JSON.stringify({ greeting: 'from the cache' }) };
    await mkdir(path.join(dir, 'prebuilt'), { recursive: true });
    await writeFile(cacheFile, JSON.stringify({ format: 1, options: JSON.stringify(yamlOptions), entries }));
    expect(await parseYamlText(text, cacheFile)).toEqual({ greeting: 'from the cache' });
    expect(await parseYamlText('greeting: Hallo\n', cacheFile)).toEqual({ greeting: 'Hallo' });
  });

  it('hands out a fresh value on every hit, so no caller sees another one’s changes', async () => {
    await writeParsedYamlCache(pathToFileURL(`${dir}/`), ['content'], cacheFile);
    const text = 'greeting: Hoi\nlist: [a, b]\n';
    const first = await parseYamlText(text, cacheFile);
    const second = await parseYamlText(text, cacheFile);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
  });
});
