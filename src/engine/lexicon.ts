import { z } from 'zod/v4';

const words = z.array(z.string().min(1).max(60)).max(200);

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
    /** "over", "in" */
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

/** Lowercase, strip accents and punctuation, fold whitespace: how typed text is compared. */
export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
