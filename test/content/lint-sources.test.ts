import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { claimsOf, lintSources } from '../../src/content/lint-sources.js';
import { sourceMapSchema } from '../../src/content/source-map.js';
import { loadSources } from '../../src/content/load-sources.js';
import { loadContent } from '../../src/content/load-content.js';
import { rootDir } from '../../src/server.js';

async function fixture(): Promise<{ texts: Record<string, Record<string, string>>; map: z.infer<typeof sourceMapSchema> }> {
  const raw: unknown = parseYaml(await readFile(new URL('../fixtures/content/sources-broken.yaml', import.meta.url), 'utf8'));
  return z.strictObject({ texts: z.record(z.string(), z.record(z.string(), z.string())), map: sourceMapSchema }).parse(raw);
}

describe('lintSources', () => {
  it('names every unsourced claim and every stale or broken mapping, and nothing else', async () => {
    const { texts, map } = await fixture();
    expect(lintSources(texts, map)).toEqual([
      'content[nl] phase_x.number_without_source: states a number but has no source in content/sources.yaml',
      'content[nl] phase_x.organisation_without_source: states Juridisch Loket but has no source in content/sources.yaml',
      'content[nl] phase_x.both_without_source: states a number, Juridisch Loket but has no source in content/sources.yaml',
      'content/sources.yaml messages.phase_x.gone: no such message in content/nl',
      'content/sources.yaml messages.phase_x.number_without_source_typo: no such message in content/nl',
      'content/sources.yaml messages.phase_x.number_without_source_typo: unknown source "E99"',
      'content/sources.yaml not_facts.phase_x.old_example: no such message in content/nl',
    ]);
  });

  it('a source needs a url or a seed document', () => {
    const parsed = sourceMapSchema.safeParse({ organisations: [], sources: { X: { title: 'Iets', publisher: 'Iemand', date: '2024', evidence: '[X]' } }, messages: {} });
    expect(parsed.success).toBe(false);
  });

  it('claims: digits outside tags, and listed names as whole words in any case', () => {
    expect(claimsOf('Bel {{phone}} nu.', ['Geldfit'])).toEqual([]);
    expect(claimsOf('GELDFIT helpt.', ['Geldfit'])).toEqual(['Geldfit']);
    expect(claimsOf('Binnen 13 weken.', [])).toEqual(['a number']);
  });

  it('every Dutch message of the shipped content passes, and every source is used', async () => {
    const [bundle, sources] = await Promise.all([loadContent(rootDir), loadSources(rootDir)]);
    expect(sources.errors).toEqual([]);
    expect(lintSources(bundle.content['nl'] ?? {}, sources.map)).toEqual([]);
    const used = new Set(Object.values(sources.map.messages).flat());
    expect(Object.keys(sources.map.sources).filter((s) => !used.has(s))).toEqual([]);
  });
});
