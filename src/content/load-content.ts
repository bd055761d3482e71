import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod/v4';
import type { TextTable } from '../engine/lint-dialogs.js';
import { lexiconSchema, type Lexicon } from '../engine/lexicon.js';
import { ContentError } from '../shared/errors.js';
import { parseYamlText } from './parsed-yaml.js';
import { locales } from '../shared/locale-registry.js';

export interface ContentBundle {
  readonly languages: readonly string[];
  /** Message templates: content[lng][ns][flat.key]. */
  readonly content: TextTable;
  /** i18next resources: labels[lng][ns][flat.key] (plural keys such as days_one kept as they are). */
  readonly labels: TextTable;
  /** Long domain words allowed by the readability lint (content/<lng>/glossary.yaml). */
  readonly glossary: Readonly<Record<string, readonly string[]>>;
  /** Dutch legal and official words that translations keep visible (content/<lng>/legal-terms.yaml; the source's counts). */
  readonly legalTerms?: Readonly<Record<string, readonly string[]>>;
  /** Merged over all languages: every language's words work in every conversation. */
  readonly lexicon: Lexicon;
}

const nested: z.ZodType<unknown> = z.lazy(() => z.union([z.string(), z.array(z.string()), z.record(z.string(), nested)]));
const tree = z.record(z.string(), nested);

/** Reads content/<lng>/*.yaml and locales/<lng>/*.json below `root`. Every fault is listed with its file. */
export async function loadContent(root: string, languages: readonly string[] = locales): Promise<ContentBundle> {
  const errors: string[] = [];
  const content: Record<string, Record<string, Record<string, string>>> = {};
  const labels: Record<string, Record<string, Record<string, string>>> = {};
  const glossary: Record<string, string[]> = {};
  const legalTerms: Record<string, string[]> = {};
  const lexParts: unknown[] = [];
  for (const lng of languages) {
    content[lng] = {};
    labels[lng] = {};
    for (const file of await listFiles(path.join(root, 'content', lng), /\.ya?ml$/)) {
      const ns = file.replace(/\.ya?ml$/, '');
      const rel = `content/${lng}/${file}`;
      const raw = await readTree(path.join(root, 'content', lng, file), 'yaml', rel, errors);
      if (raw === undefined) continue;
      if (ns === 'glossary' || ns === 'legal-terms') {
        const list = z.array(z.string()).safeParse(raw);
        if (!list.success) errors.push(`${rel}: must be a list of words`);
        else if (ns === 'glossary') glossary[lng] = list.data.map((w) => w.toLowerCase());
        else legalTerms[lng] = list.data;
        continue;
      }
      const parsed = tree.safeParse(raw);
      if (!parsed.success) errors.push(`${rel}: must map keys to text`);
      else content[lng][ns] = flatten(parsed.data, rel, errors);
    }
    for (const file of await listFiles(path.join(root, 'locales', lng), /\.json$/)) {
      const ns = file.replace(/\.json$/, '');
      const rel = `locales/${lng}/${file}`;
      const raw = await readTree(path.join(root, 'locales', lng, file), 'json', rel, errors);
      if (raw === undefined) continue;
      if (ns === 'intents' || ns === 'parse') {
        lexParts.push({ ns, raw, rel });
        continue;
      }
      const parsed = tree.safeParse(raw);
      if (!parsed.success) {
        errors.push(`${rel}: must map keys to text`);
        continue;
      }
      labels[lng][ns] = flatten(parsed.data, rel, errors);
    }
  }
  const lexicon = mergeLexicon(lexParts, errors);
  if (errors.length > 0 || lexicon === null) throw new ContentError(errors.length > 0 ? errors : ['no lexicon']);
  return { languages, content, labels, glossary, legalTerms, lexicon };
}

async function listFiles(dir: string, pattern: RegExp): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => pattern.test(f)).sort();
  } catch {
    return [];
  }
}

async function readTree(file: string, kind: 'yaml' | 'json', rel: string, errors: string[]): Promise<unknown> {
  try {
    const text = await readFile(file, 'utf8');
    return kind === 'json' ? JSON.parse(text) : await parseYamlText(text);
  } catch (e) {
    errors.push(`${rel}: ${e instanceof Error ? e.message.split('\n')[0] : 'unreadable'}`);
    return undefined;
  }
}

function flatten(value: Record<string, unknown>, rel: string, errors: string[], prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out[key] = v;
    else if (Array.isArray(v)) out[key] = v.join('\n');
    else if (v !== null && typeof v === 'object') Object.assign(out, flatten(Object.fromEntries(Object.entries(v)), rel, errors, key));
    else errors.push(`${rel} ${key}: must be text`);
  }
  return out;
}

/** Unions the intents and parse words of all languages. Number words and month lists merge per entry. */
function mergeLexicon(parts: unknown[], errors: string[]): Lexicon | null {
  const partSchema = z.object({ ns: z.enum(['intents', 'parse']), raw: z.unknown(), rel: z.string() });
  const merged: { intents: Record<string, string[]>; parse: Record<string, unknown> } = { intents: {}, parse: {} };
  for (const p of parts) {
    const part = partSchema.parse(p);
    const shape = part.ns === 'intents' ? lexiconSchema.shape.intents : lexiconSchema.shape.parse;
    const parsed = shape.safeParse(part.raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push(`${part.rel} ${issue.path.join('.')}: ${issue.message}`);
      continue;
    }
    const target = part.ns === 'intents' ? merged.intents : merged.parse;
    for (const [k, v] of Object.entries(parsed.data)) {
      const prev = target[k];
      target[k] = mergeValue(prev, v);
    }
  }
  const result = lexiconSchema.safeParse(merged);
  if (!result.success) {
    for (const issue of result.error.issues) errors.push(`locales/*/${String(issue.path[0])}.json ${issue.path.slice(1).join('.')}: ${issue.message}`);
    return null;
  }
  return result.data;
}

function mergeValue(prev: unknown, next: unknown): unknown {
  if (prev === undefined) return next;
  if (Array.isArray(prev) && Array.isArray(next)) {
    if (prev.every((x) => Array.isArray(x)) && next.every((x) => Array.isArray(x))) return prev.map((x, i) => [...new Set([...(Array.isArray(x) ? x : []), ...(Array.isArray(next[i]) ? next[i] : [])])]);
    return [...new Set([...prev, ...next])];
  }
  if (typeof prev === 'object' && prev !== null && typeof next === 'object' && next !== null) return { ...prev, ...next };
  return next;
}
