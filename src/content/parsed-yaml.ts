import { readdir, readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod/v4';
import { prebuiltFile, readPrebuiltJson, sha256, writePrebuiltJson } from '../shared/prebuilt-file.js';
import { yamlOptions } from '../shared/yaml-options.js';

/**
 * YAML without the wait (issue #12): parsing content/ and dialogs/ took about a fifth of every start. `npm run
 * build` parses each file once and keeps the value under the SHA-256 of the file's text in dist/prebuilt/; the
 * server looks a text up by its own hash, so an edited file (or one the build did not see) is simply not found and
 * is parsed as before, and a stale value can never be served. The value then goes through the same zod schemas.
 */

export { yamlOptions };

export const parsedYamlFile = prebuiltFile('parsed-yaml.json');

const cacheSchema = z.object({
  format: z.literal(1),
  // Made with other options, the values could differ: then the cache is not used.
  options: z.literal(JSON.stringify(yamlOptions)),
  /** sha256 of the text -> the parsed value as JSON (parsed anew on every hit, so no caller shares objects). */
  entries: z.record(z.string(), z.string()),
});

const caches = new Map<string, Promise<ReadonlyMap<string, string>>>();

function readCache(file: URL): Promise<ReadonlyMap<string, string>> {
  let cache = caches.get(file.href);
  if (cache === undefined) {
    // No cache (running from src/, or not built yet) or an unreadable one: everything is parsed.
    cache = readPrebuiltJson(file, cacheSchema).then((read) => new Map(Object.entries(read?.entries ?? {})));
    caches.set(file.href, cache);
  }
  return cache;
}

/** The value of exactly this YAML text from the build's cache, or undefined when the cache does not have it. */
export async function cachedYaml(text: string, file: URL = parsedYamlFile): Promise<unknown> {
  const json = (await readCache(file)).get(sha256(text));
  return json === undefined ? undefined : JSON.parse(json);
}

/** Parses YAML text with `yamlOptions`: the build's value when it has this exact text, else the yaml package's. */
export async function parseYamlText(text: string, file: URL = parsedYamlFile): Promise<unknown> {
  const cached = await cachedYaml(text, file);
  if (cached !== undefined) return cached;
  // Imported on a miss only: with a fresh build the server never loads the YAML parser for content.
  const { parse } = await import('yaml');
  return parse(text, yamlOptions);
}

/**
 * `npm run build`: parses every *.yaml / *.yml below `dirs` of `root` and writes the cache. A file that does not
 * parse, or whose value JSON cannot carry exactly (NaN, Infinity), is left out: the server parses it itself and
 * reports the fault as before.
 */
export async function writeParsedYamlCache(root: URL, dirs: readonly string[] = ['content', 'dialogs'], file: URL = parsedYamlFile): Promise<number> {
  const { parse } = await import('yaml');
  const entries: Record<string, string> = {};
  for (const dir of dirs) {
    const base = new URL(`${dir}/`, root);
    const names = (await readdir(base, { recursive: true })).filter((name) => /\.ya?ml$/.test(name)).sort();
    for (const name of names) {
      const text = await readFile(new URL(name, base), 'utf8');
      let value: unknown;
      try {
        value = parse(text, yamlOptions);
      } catch {
        continue;
      }
      const json = JSON.stringify(value);
      if (json === undefined || !isDeepStrictEqual(JSON.parse(json), value)) continue;
      entries[sha256(text)] = json;
    }
  }
  const cache: z.infer<typeof cacheSchema> = { format: 1, options: JSON.stringify(yamlOptions), entries };
  await writePrebuiltJson(file, cache);
  return Object.keys(entries).length;
}
