import type { SourceMap } from './source-map.js';
import { sourceLocale } from '../shared/locale-registry.js';

type Texts = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** What a message states that needs a source: its digits (outside Handlebars tags) and the listed organisations it names. */
export function claimsOf(text: string, organisations: readonly string[]): string[] {
  const plain = text.replace(/\{\{[^}]*\}\}/g, ' ');
  const claims: string[] = [];
  if (/\d/.test(plain)) claims.push('a number');
  for (const name of organisations) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'iu').test(plain)) claims.push(name);
  }
  return claims;
}

/**
 * The sources lint (issue #10): a Dutch message that states a number or names a listed organisation must name its
 * sources in content/sources.yaml (or be marked as no fact, with the reason); every mapping must point at a real
 * message and a known source.
 */
export function lintSources(texts: Texts, map: SourceMap, lng: string = sourceLocale): string[] {
  const findings: string[] = [];
  const known = new Set<string>();
  for (const [ns, keys] of Object.entries(texts)) {
    for (const [key, text] of Object.entries(keys)) {
      const id = `${ns}.${key}`;
      known.add(id);
      const claims = claimsOf(text, map.organisations);
      if (claims.length === 0 || map.messages[id] !== undefined || map.not_facts[id] !== undefined) continue;
      findings.push(`content[${lng}] ${id}: states ${claims.join(', ')} but has no source in content/sources.yaml`);
    }
  }
  for (const [id, ids] of Object.entries(map.messages)) {
    if (!known.has(id)) findings.push(`content/sources.yaml messages.${id}: no such message in content/${lng}`);
    for (const s of ids) if (map.sources[s] === undefined) findings.push(`content/sources.yaml messages.${id}: unknown source "${s}"`);
  }
  for (const id of Object.keys(map.not_facts)) {
    if (!known.has(id)) findings.push(`content/sources.yaml not_facts.${id}: no such message in content/${lng}`);
  }
  return findings;
}
