import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { yamlOptions } from '../shared/yaml-options.js';
import { emptySourceMap, sourceMapSchema, type SourceMap } from './source-map.js';

/** Reads content/sources.yaml below `root`; a tree without one has no sources (every claim then fails the lint). */
export async function loadSources(root: string): Promise<{ map: SourceMap; errors: string[] }> {
  let text: string;
  try {
    text = await readFile(path.join(root, 'content', 'sources.yaml'), 'utf8');
  } catch {
    return { map: emptySourceMap, errors: [] };
  }
  let raw: unknown;
  try {
    raw = parseYaml(text, yamlOptions);
  } catch (e) {
    return { map: emptySourceMap, errors: [`content/sources.yaml: ${e instanceof Error ? (e.message.split('\n')[0] ?? '') : 'unreadable'}`] };
  }
  const parsed = sourceMapSchema.safeParse(raw);
  if (!parsed.success) return { map: emptySourceMap, errors: parsed.error.issues.map((i) => `content/sources.yaml ${i.path.join('.')}: ${i.message}`) };
  return { map: parsed.data, errors: [] };
}
