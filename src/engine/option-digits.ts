import type { InputKind } from './dialog-schema.js';
import type { Effect } from './effects.js';
import { foldNumerals } from './fold-text.js';

/** Typed answers made of digits: here a digit is the answer itself, never the number of an option. */
const DIGIT_ANSWERS: ReadonlySet<InputKind> = new Set(['amount', 'number', 'date', 'postcode', 'phone']);

/** The most options a person can pick by number (WhatsApp lists and our longest questions stop at 10). */
export const MAX_NUMBERED_OPTIONS = 10;

/**
 * Whether the options of a message may be numbered and picked by their digit. Not for questions whose own answer is
 * typed in digits (an amount, a date): "2" must stay "2 euro" there. Shared by the renderer (what it numbers) and the
 * engine (what it accepts), so the two never disagree.
 */
export function optionsByDigit(input: InputKind | undefined): boolean {
  return input === undefined || !DIGIT_ANSWERS.has(input);
}

/**
 * The payloads a person can pick by digit after this turn: the options of the last message that offered any; none
 * after a question without options; otherwise (a relay, a notice) what was shown before still stands.
 */
export function numberedOptions(effects: readonly Effect[], before: readonly string[]): readonly string[] {
  for (let i = effects.length - 1; i >= 0; i--) {
    const e = effects[i];
    if (e?.type !== 'message' || e.quickReplies.length === 0) continue;
    return optionsByDigit(e.input) ? e.quickReplies.slice(0, MAX_NUMBERED_OPTIONS).map((q) => q.payload) : [];
  }
  return effects.some((e) => e.type === 'message' && e.input !== undefined) ? [] : before;
}

/**
 * "2", " 2 ", "2." -> the payload of the second option shown; null for anything else. Digits of every registered
 * script count ("٢" on an Arabic keyboard is 2), and bidi marks pasted with them are ignored.
 */
export function optionFromDigits(text: string, shown: readonly string[] | undefined): string | null {
  const m = /^\s*([0-9]{1,2})\s*[.)]?\s*$/.exec(foldNumerals(text));
  if (m === null || shown === undefined) return null;
  return shown[Number(m[1]) - 1] ?? null;
}
