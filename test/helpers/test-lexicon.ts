import { readFileSync } from 'node:fs';
import { lexiconSchema, type Lexicon } from '../../src/engine/lexicon.js';

type ParseWords = Lexicon['parse'];

function readParse(lng: 'nl' | 'en'): ParseWords {
  const raw: unknown = JSON.parse(readFileSync(new URL(`../../locales/${lng}/parse.json`, import.meta.url), 'utf8'));
  return lexiconSchema.shape.parse.parse(raw);
}

const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])];
const perIndex = (a: readonly (readonly string[])[], b: readonly (readonly string[])[]): string[][] => a.map((x, i) => union(x, b[i] ?? []));

/**
 * Intent words fixed in the test, so engine tests do not move when the shipped intents.json changes.
 * Only the parse words (months, weekdays, numbers) come from the real locales.
 */
export const testIntents: Lexicon['intents'] = {
  stop: ['stop', 'stoppen'],
  pauze: ['pauze', 'later', 'pause'],
  mens: ['mens', 'medewerker', 'human'],
  crisis: ['zelfmoord', 'ik wil dood', 'geweld', 'suicide', 'kill myself'],
  taal: ['taal', 'english', 'engels', 'nederlands', 'dutch'],
  terug: ['terug', 'back'],
  opnieuw: ['opnieuw', 'restart'],
  verwijder: ['verwijder mijn gegevens', 'delete my data'],
  status: ['status'],
};

/** The lexicon from locales/nl/parse.json + locales/en/parse.json (merged like loadContent does) and `testIntents`. */
export function testLexicon(): Lexicon {
  const nl = readParse('nl');
  const en = readParse('en');
  const parse: ParseWords = {
    yes: union(nl.yes, en.yes),
    no: union(nl.no, en.no),
    dont_know: union(nl.dont_know, en.dont_know),
    months: perIndex(nl.months, en.months),
    weekdays: perIndex(nl.weekdays, en.weekdays),
    today: union(nl.today, en.today),
    tomorrow: union(nl.tomorrow, en.tomorrow),
    day_after_tomorrow: union(nl.day_after_tomorrow, en.day_after_tomorrow),
    in: union(nl.in, en.in),
    next: union(nl.next, en.next),
    day: union(nl.day, en.day),
    week: union(nl.week, en.week),
    month: union(nl.month, en.month),
    numbers: { ...nl.numbers, ...en.numbers },
    currency: union(nl.currency, en.currency),
  };
  return lexiconSchema.parse({ intents: testIntents, parse });
}

/** The real parse words of one language file, e.g. to copy into a temporary tree. */
export function realParseFile(lng: 'nl' | 'en'): string {
  return readFileSync(new URL(`../../locales/${lng}/parse.json`, import.meta.url), 'utf8');
}
