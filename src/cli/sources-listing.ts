import type { SourceMap, Source } from '../content/source-map.js';

type Texts = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** The whole text on one line: a reviewer reads what the person reads. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function describe(id: string, s: Source): string {
  return `[${id}] ${s.title} — ${s.publisher}, ${s.date}, ${s.url ?? `seed document ${s.seed ?? ''}`} (${s.evidence})`;
}

/**
 * `npm run content -- sources`: every Dutch message that states a fact, with its text and its sources, then the
 * messages whose digits are typing examples, so a meldpunt can review what the guide says and where it comes from.
 */
export function sourcesListing(texts: Texts, map: SourceMap): string {
  const lines: string[] = ['Bronnen per bericht (content/sources.yaml)', ''];
  for (const [key, ids] of Object.entries(map.messages).sort(([a], [b]) => a.localeCompare(b))) {
    const [ns = '', ...rest] = key.split('.');
    const text = texts[ns]?.[rest.join('.')];
    lines.push(key, `  "${text === undefined ? '(geen tekst)' : oneLine(text)}"`);
    for (const id of ids) {
      const source = map.sources[id];
      lines.push(`  ${source === undefined ? `[${id}] (onbekende bron)` : describe(id, source)}`);
    }
    lines.push('');
  }
  lines.push('Geen feit (voorbeeld van wat je typt):');
  for (const [key, reason] of Object.entries(map.not_facts).sort(([a], [b]) => a.localeCompare(b))) lines.push(`  ${key}: ${reason}`);
  return `${lines.join('\n')}\n`;
}
