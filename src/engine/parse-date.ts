import { foldNumerals } from './fold-text.js';
import { normalize, parseWords, type Lexicon } from './lexicon.js';

/** A calendar day as 'YYYY-MM-DD'; dates are about days, so no time zone shifts. */
export type IsoDay = string;

const DAY_MS = 86_400_000;

/** The calendar day of `now` in the Netherlands (Europe/Amsterdam), as UTC midnight. */
// Creating an Intl formatter is costly; one is enough (it holds no state between calls).
const amsterdamDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

export function dayOf(now: Date): Date {
  const parts = amsterdamDay.format(now);
  return new Date(`${parts}T00:00:00Z`);
}

export function toIsoDay(day: Date): IsoDay {
  return day.toISOString().slice(0, 10);
}

/** Whole days from today (Amsterdam) to `iso`; negative when in the past. */
export function daysBetween(now: Date, iso: IsoDay): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - dayOf(now).getTime()) / DAY_MS);
}

function validDay(year: number, month: number, day: number): Date | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2200) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 ? d : null;
}

function indexIn(lists: readonly (readonly string[])[], word: string): number {
  return lists.findIndex((aliases) => aliases.includes(word));
}

/** A date without a year is this year's, unless that lies more than two months back: then next year's. */
function withYear(today: Date, month: number, day: number): Date | null {
  const year = today.getUTCFullYear();
  const candidate = validDay(year, month, day);
  if (candidate && candidate.getTime() < today.getTime() - 60 * DAY_MS) return validDay(year + 1, month, day);
  return candidate;
}

function numberWord(lex: Lexicon, word: string | undefined): number | null {
  if (word === undefined) return null;
  if (/^\d{1,3}$/.test(word)) return Number(word);
  // Own keys only: "over constructor dagen" must not find Object.prototype.constructor.
  const numbers = parseWords(lex).numbers;
  return Object.hasOwn(numbers, word) ? (numbers[word] ?? null) : null;
}

function relative(lex: Lexicon, today: Date, typedTokens: string[]): Date | null {
  const p = parseWords(lex);
  // Arabic puts "next" after its noun ("الأسبوع القادم", "الاثنين القادم"): read it as "next week", "next Monday".
  const last = typedTokens[typedTokens.length - 1] ?? '';
  const tokens = typedTokens.length >= 2 && p.next.includes(last) ? [last, ...typedTokens.slice(0, -1)] : typedTokens;
  const text = tokens.join(' ');
  const add = (days: number): Date => new Date(today.getTime() + days * DAY_MS);
  if (p.today.includes(text)) return today;
  if (p.tomorrow.includes(text)) return add(1);
  if (p.day_after_tomorrow.includes(text)) return add(2);
  // "over 5 dagen", "in 2 weeks", "over een week"; Turkish puts the word after: "5 gün sonra", "bir hafta içinde"
  if (tokens.length === 3) {
    const [first = '', second = '', third = ''] = tokens;
    const [numberText, unit] = p.in.includes(first) ? [second, third] : p.in.includes(third) ? [first, second] : [undefined, ''];
    const n = numberWord(lex, numberText);
    if (n !== null && p.day.includes(unit)) return add(n);
    if (n !== null && p.week.includes(unit)) return add(7 * n);
  }
  // "بعد أسبوع", "خلال يوم": a unit without a number is one of it
  if (tokens.length === 2 && p.in.includes(tokens[0] ?? '')) {
    if (p.day.includes(tokens[1] ?? '')) return add(1);
    if (p.week.includes(tokens[1] ?? '')) return add(7);
  }
  // "volgende week" -> a week from today
  if (tokens.length === 2 && p.next.includes(tokens[0] ?? '') && p.week.includes(tokens[1] ?? '')) return add(7);
  // "maandag", "volgende maandag", "volgende week maandag": the next such weekday (next week's when "week" is said)
  const dayWord = tokens[tokens.length - 1] ?? '';
  const weekday = indexIn(p.weekdays, dayWord);
  if (weekday >= 0) {
    const rest = tokens.slice(0, -1);
    const nextWeek = rest.length === 2 && p.next.includes(rest[0] ?? '') && p.week.includes(rest[1] ?? '');
    const plain = rest.length === 0 || (rest.length === 1 && p.next.includes(rest[0] ?? ''));
    if (!nextWeek && !plain) return null;
    const todayIdx = (today.getUTCDay() + 6) % 7; // Monday = 0
    let delta = (weekday - todayIdx + 7) % 7;
    if (delta === 0) delta = 7;
    if (nextWeek) {
      // "volgende week maandag": the Monday..Sunday of next calendar week
      delta = 7 - todayIdx + weekday;
    }
    return add(delta);
  }
  return null;
}

/**
 * A Turkish case ending after an apostrophe ("12 Ocak'ta", "12.01'de", "Pazartesi'ye") is not part of the date.
 * Only after Latin letters or digits: in Cyrillic the apostrophe is inside the word ("через п'ять днів").
 */
function withoutCaseEndings(text: string): string {
  return text.replace(/(?<=[\p{Script=Latin}\p{N}])['\u2019]\p{L}{1,4}(?=[\s.,!?]|$)/gu, '');
}

/**
 * Parses a date as people type it: "30-11", "30/11/2026", "2026-11-30", "30 november", "maandag 30 nov",
 * "morgen", "over 5 dagen", "volgende week dinsdag", "12 Ocak'ta", "3 gün sonra", "٣٠ تشرين الثاني", "الاثنين القادم",
 * in any registered digit set. Returns null when it is not a date.
 */
export function parseDate(typed: string, now: Date, lex: Lexicon): IsoDay | null {
  const today = dayOf(now);
  const text = withoutCaseEndings(typed);
  // Arabic-Indic and Persian digits read as ASCII ones ("٣٠/١١/٢٠٢٦").
  const raw = foldNumerals(text).trim().toLowerCase();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(raw);
  if (iso) {
    const d = validDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return d ? toIsoDay(d) : null;
  }
  const numeric = /^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{2}|\d{4}))?$/.exec(raw);
  if (numeric) {
    const day = Number(numeric[1]);
    const month = Number(numeric[2]);
    const yearText = numeric[3];
    const d = yearText === undefined ? withYear(today, month, day) : validDay(yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText), month, day);
    return d ? toIsoDay(d) : null;
  }
  const typedTokens = normalize(text).split(' ').filter((t) => t.length > 0);
  // A leading "day" word ("يوم الاثنين", "يوم 30 نوفمبر": "the day ...") adds nothing to the date.
  const tokens = typedTokens.length > 1 && parseWords(lex).day.includes(typedTokens[0] ?? '') ? typedTokens.slice(1) : typedTokens;
  const rel = relative(lex, today, tokens);
  if (rel) return toIsoDay(rel);
  // "[weekday] 30 november [2026]" or "november 30"
  const withoutWeekday = tokens.filter((t) => indexIn(parseWords(lex).weekdays, t) < 0);
  const named = withoutWeekday.join(' ');
  // A month name may be two words: Levantine and Iraqi Arabic say "تشرين الثاني" for November.
  const dm = /^(\d{1,2}) (\p{L}+(?: \p{L}+)?)(?: (\d{4}))?$/u.exec(named) ?? null;
  const md = /^(\p{L}+(?: \p{L}+)?) (\d{1,2})(?: (\d{4}))?$/u.exec(named) ?? null;
  const day = dm ? Number(dm[1]) : md ? Number(md[2]) : NaN;
  const monthWord = dm ? dm[2] : md ? md[1] : undefined;
  const yearWord = dm ? dm[3] : md ? md[3] : undefined;
  if (monthWord === undefined || Number.isNaN(day)) return null;
  const month = indexIn(parseWords(lex).months, monthWord) + 1;
  if (month === 0) return null;
  const d = yearWord === undefined ? withYear(today, month, day) : validDay(Number(yearWord), month, day);
  return d ? toIsoDay(d) : null;
}
