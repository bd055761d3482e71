import { z } from 'zod/v4';
import { foldText } from './fold-text.js';

// The limit holds for the union of every shipped language's words (crisis words alone run to hundreds).
const words = z.array(z.string().min(1).max(60)).max(2000);

/**
 * Language data the pure engine needs to understand typed answers and global intents.
 * Loaded from locales/<lng>/intents.json and locales/<lng>/parse.json; all languages are merged,
 * so Dutch and English words work whatever the conversation language is.
 */
export const lexiconSchema = z.strictObject({
  intents: z.strictObject({
    stop: words,
    pauze: words,
    mens: words,
    crisis: words,
    taal: words,
    terug: words,
    opnieuw: words,
    verwijder: words,
    /** "status HH-7K3M9P": a report's status; the message must also hold a reference code. */
    status: words.default(['status']),
  }),
  parse: z.strictObject({
    yes: words,
    no: words,
    dont_know: words,
    /** Twelve alias lists, January first. */
    months: z.array(words).length(12),
    /** Seven alias lists, Monday first. */
    weekdays: z.array(words).length(7),
    today: words,
    tomorrow: words,
    day_after_tomorrow: words,
    /** "over", "in" before the number; Turkish "sonra", "içinde" after it ("3 gün sonra"). */
    in: words,
    /** "volgende", "komende", "next" */
    next: words,
    day: words,
    week: words,
    month: words,
    /** Number words: "een" -> 1 … */
    numbers: z.record(z.string().min(1).max(30), z.number().int().min(0).max(100)),
    /** Currency words stripped from amounts: "euro", "eur". */
    currency: words,
  }),
});
export type Lexicon = z.infer<typeof lexiconSchema>;
export type IntentName = keyof Lexicon['intents'];

/**
 * How typed text is compared: folded for every script (case, accents, harakat, alef forms, Turkish i, digits;
 * see fold-text.ts), punctuation gone, whitespace folded. `casefold` is the conversation language's casefolding
 * locale when known.
 */
export function normalize(text: string, casefold?: string): string {
  // One turn compares the same typed text and the same labels many times (intents, crisis words, every choice):
  // the key is pure, so it is kept for the strings seen lately rather than folded again each time.
  if (casefold === undefined) {
    const hit = recent.get(text);
    if (hit !== undefined) return hit;
  }
  const folded = foldText(text, casefold)
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (casefold === undefined && text.length <= MAX_REMEMBERED_LENGTH) {
    // Bounded: typed text is unbounded in variety, so the whole memory is dropped when it is full.
    if (recent.size >= MAX_REMEMBERED) recent.clear();
    recent.set(text, folded);
  }
  return folded;
}

const MAX_REMEMBERED = 4096;
const MAX_REMEMBERED_LENGTH = 200;
const recent = new Map<string, string>();

// The lexicon is immutable after loading: its parse words are normalised once, the way typed text is.
const parseCache = new WeakMap<Lexicon, Lexicon['parse']>();

/** The parse words in comparison form (normalize), so "Şubat", "şubat" and "SUBAT" all find February. */
export function parseWords(lex: Lexicon): Lexicon['parse'] {
  const hit = parseCache.get(lex);
  if (hit) return hit;
  const list = (words: readonly string[]): string[] => [...new Set(words.map((w) => normalize(w)).filter((w) => w.length > 0))];
  const p = lex.parse;
  const built: Lexicon['parse'] = {
    yes: list(p.yes), no: list(p.no), dont_know: list(p.dont_know),
    months: p.months.map(list), weekdays: p.weekdays.map(list),
    today: list(p.today), tomorrow: list(p.tomorrow), day_after_tomorrow: list(p.day_after_tomorrow),
    in: list(p.in), next: list(p.next), day: list(p.day), week: list(p.week), month: list(p.month),
    numbers: Object.fromEntries(Object.entries(p.numbers).map(([w, n]) => [normalize(w), n])),
    currency: list(p.currency),
  };
  parseCache.set(lex, built);
  return built;
}
