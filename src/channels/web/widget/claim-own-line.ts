/** A line the person sent from this page that has no message log id yet. */
export interface OwnLine<T> {
  readonly text: string;
  /** The newest message log id the page had when the line was sent: its log entry comes after it. */
  readonly after: string | undefined;
  readonly ref: T;
}

/** Orders message log ids (`<ms>-<seq>`, each part a decimal of any length) without losing precision. */
export function compareMessageIds(a: string, b: string): number {
  const [am = '', as = ''] = a.split('-');
  const [bm = '', bs = ''] = b.split('-');
  return comparePart(am, bm) || comparePart(as, bs);
}

function comparePart(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Button titles may carry bidi isolates (right-to-left pages) that the logged label does not. */
function normalised(text: string): string {
  return text.replace(/[\u200e\u200f\u2066-\u2069]/g, '').trim();
}

/**
 * The person's own line from the message log (a reload or a catch-up) may be one this page already shows. Finds and
 * removes the first shown line with the same text that was sent before the entry was written; null when there is
 * none, and the entry is a line to show.
 */
export function claimOwnLine<T>(lines: OwnLine<T>[], entry: { readonly id: string; readonly text: string }): OwnLine<T> | null {
  const text = normalised(entry.text);
  const index = lines.findIndex((line) => normalised(line.text) === text && (line.after === undefined || compareMessageIds(line.after, entry.id) < 0));
  if (index < 0) return null;
  const [claimed] = lines.splice(index, 1);
  return claimed ?? null;
}
