let lastMs = Number.NaN;
let lastIso = '';

/**
 * `date.toISOString()`, kept for the last millisecond asked: a busy process stamps several turns within one
 * millisecond, and the conversion was one of the dearer calls of a turn (issue #12). An invalid date throws as before.
 */
export function isoTime(date: Date): string {
  const ms = date.getTime();
  if (ms !== lastMs) {
    lastIso = date.toISOString();
    lastMs = ms;
  }
  return lastIso;
}
