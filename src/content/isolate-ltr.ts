import { referenceCodeAlphabet, referenceCodeLength } from '../domain/melding/reference-code.js';

/** First strong isolate and pop directional isolate (Unicode bidi): the span between them is laid out on its own. */
export const FSI = '\u2068';
export const PDI = '\u2069';

const spans = new RegExp(
  [
    // Reference codes: HH-7K3M9P.
    `HH-[${referenceCodeAlphabet}]{${referenceCodeLength}}`,
    // Web addresses.
    String.raw`https?:\/\/[^\s)]+|www\.[^\s)]+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:nl|com|org|eu|net)\b(?:\/[^\s)]*)?`,
    // Amounts with the euro sign on either side: "€ 1.250,50", "1,250.50 €", "€ 700,-".
    String.raw`€\s?\d+(?:[.,]\d+)*(?:,-)?|\d+(?:[.,]\d+)*\s?€`,
    // Numbers of several parts: phone numbers ("0800-0113", "0800 488 72 43"), dates ("30-11-2026"), times (9:30).
    String.raw`\d+(?:[.,:/\- ]\d+)+`,
  ].join('|'),
  'giu',
);

/**
 * Wraps amounts, reference codes, phone numbers, dates, times and web addresses of a right-to-left message in
 * Unicode isolates (U+2068 … U+2069), so "0800 488 72 43" or "€ 1.250,50" keep their order inside Arabic text.
 * Isolates rather than <bdi>: the same rendered text goes to every channel (web, SMS, WhatsApp, Teams), and the
 * widget inserts text, never HTML. Only right-to-left languages get them: in left-to-right text they change
 * nothing, and in an SMS any such character forces the longer UCS-2 encoding.
 */
export function isolateLtr(text: string): string {
  return text.replace(spans, (span) => `${FSI}${span}${PDI}`);
}
