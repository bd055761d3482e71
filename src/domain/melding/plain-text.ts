// C0/C1 control characters except tab and newline (so "\r\n" becomes "\n"), and the bidi embedding,
// override and isolate marks that can make text show in a different order than it was typed.
const removed = /(?![\t\n])[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Free text as typed, made safe to keep and show: control characters removed and at most `max`
 * characters (code points, so an emoji is never cut in half). Nothing is escaped or interpreted:
 * `<script>` stays those eight characters, and whoever shows the text must show it as text.
 */
export function cleanText(text: string, max: number): string {
  const cleaned = text.replace(removed, '');
  const chars = Array.from(cleaned);
  return chars.length <= max ? cleaned : chars.slice(0, max).join('');
}

/** Length in characters as people count them (code points), the unit of `cleanText`'s cap. */
export function textLength(text: string): number {
  return Array.from(text).length;
}
