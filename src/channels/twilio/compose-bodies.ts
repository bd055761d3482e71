import { toGsm7 } from './gsm7.js';

/**
 * A turn's messages as one outgoing body where it fits (delivery order between separate SMS is up to the carrier),
 * at most `max` characters each; longer turns split between paragraphs, a paragraph longer than `max` between words.
 * SMS text is normalised to GSM-7 first.
 */
export function composeBodies(texts: readonly string[], max: number, gsm7: boolean): string[] {
  const paragraphs = texts
    .map((t) => (gsm7 ? toGsm7(t) : t).trim())
    .filter((t) => t.length > 0)
    .flatMap((t) => t.split(/\n{2,}/))
    .flatMap((p) => splitLong(p, max));
  const bodies: string[] = [];
  let current = '';
  for (const p of paragraphs) {
    const joined = current.length === 0 ? p : `${current}\n\n${p}`;
    if (joined.length <= max) current = joined;
    else {
      bodies.push(current);
      current = p;
    }
  }
  if (current.length > 0) bodies.push(current);
  return bodies;
}

function splitLong(paragraph: string, max: number): string[] {
  const parts: string[] = [];
  let rest = paragraph;
  while (rest.length > max) {
    const cut = rest.lastIndexOf(' ', max);
    const at = cut > max / 2 ? cut : max;
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  return rest.length > 0 ? [...parts, rest] : parts;
}
