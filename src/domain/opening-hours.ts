/**
 * When volunteers are there: a spec like `"ma-vr 09:00-17:00; za 10:00-14:00"` or `"always"` (OPENING_HOURS),
 * read in Dutch time (Europe/Amsterdam) whatever the server's time zone. Pure: `now` is always passed in.
 */

/** ISO weekday: 1 = Monday (maandag) .. 7 = Sunday (zondag). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface OpeningWindow {
  readonly weekday: IsoWeekday;
  /** Minutes after local midnight: open from `from` (inclusive) until `to` (exclusive, at most 1440). */
  readonly from: number;
  readonly to: number;
}

export type OpeningHours =
  | { readonly always: true }
  | { readonly always: false; /** Sorted by weekday, then start. */ readonly windows: readonly OpeningWindow[] };

export type ParsedOpeningHours = { readonly ok: true; readonly hours: OpeningHours } | { readonly ok: false; readonly error: string };

/** When the volunteers are back, in Dutch time. */
export interface NextOpening {
  readonly at: Date;
  readonly weekday: IsoWeekday;
  /** Local time `HH:MM`. */
  readonly time: string;
  /** 0 = later today, 1 = tomorrow, and so on (at most 7). */
  readonly daysAhead: number;
}

export const openingHoursFormat = 'like "ma-vr 09:00-17:00; za 10:00-14:00" or "always"';

const timeZone = 'Europe/Amsterdam';
const dayMinutes = 1440;
// Dutch abbreviations (the source language) and English ones, both ISO order.
const dayNames: Readonly<Record<string, IsoWeekday>> = {
  ma: 1, di: 2, wo: 3, do: 4, vr: 5, za: 6, zo: 7,
  mo: 1, tu: 2, we: 3, th: 4, fr: 5, sa: 6, su: 7,
};
const alwaysWords = new Set(['always', 'altijd', '24/7']);

export function parseOpeningHours(spec: string): ParsedOpeningHours {
  const text = spec.trim().toLowerCase();
  if (alwaysWords.has(text)) return { ok: true, hours: { always: true } };
  const windows: OpeningWindow[] = [];
  const groups = text.split(';').map((g) => g.trim()).filter((g) => g.length > 0);
  if (groups.length === 0) return fail(`empty; write it ${openingHoursFormat}`);
  for (const group of groups) {
    // "ma - vr 09:00 - 17:00" reads like "ma-vr 09:00-17:00".
    const [days, times, ...rest] = group.replace(/\s*([-,])\s*/g, '$1').split(/\s+/);
    if (days === undefined || times === undefined || rest.length > 0) return fail(`"${group}": write days, a space, then times, ${openingHoursFormat}`);
    const weekdays = parseDays(days);
    if (typeof weekdays === 'string') return fail(`"${group}": ${weekdays}`);
    const ranges = parseRanges(times);
    if (typeof ranges === 'string') return fail(`"${group}": ${ranges}`);
    for (const weekday of weekdays) for (const [from, to] of ranges) windows.push({ weekday, from, to });
  }
  windows.sort((a, b) => a.weekday - b.weekday || a.from - b.from);
  return { ok: true, hours: { always: false, windows } };
}

/** Whether the volunteers are there at `now` (Dutch time). Throws RangeError for an invalid spec string. */
export function isOpen(now: Date, spec: OpeningHours | string): boolean {
  const hours = resolve(spec);
  if (hours.always) return true;
  const local = localParts(now.getTime());
  return hours.windows.some((w) => w.weekday === local.weekday && w.from <= local.minutes && local.minutes < w.to);
}

/** The next moment the volunteers are there, or null when they are there now. Throws RangeError for an invalid spec string. */
export function nextOpening(now: Date, spec: OpeningHours | string): NextOpening | null {
  const hours = resolve(spec);
  if (hours.always || isOpen(now, hours)) return null;
  const local = localParts(now.getTime());
  for (let daysAhead = 0; daysAhead <= 7; daysAhead++) {
    const weekday = addDays(local.weekday, daysAhead);
    const window = hours.windows.find((w) => w.weekday === weekday && (daysAhead > 0 || w.from > local.minutes));
    if (window === undefined) continue;
    const day = new Date(Date.UTC(local.year, local.month - 1, local.day + daysAhead));
    const at = new Date(amsterdamInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), window.from));
    return { at, weekday, time: formatMinutes(window.from), daysAhead };
  }
  // Unreachable: a parsed spec has at least one window, and a week holds every weekday.
  return null;
}

const isoWeekdays: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

function addDays(weekday: IsoWeekday, days: number): IsoWeekday {
  return isoWeekdays[(weekday - 1 + days) % 7] ?? weekday;
}

// The configured spec is the same string on every turn: parse it once, not per turn.
let lastSpec: string | null = null;
let lastHours: OpeningHours | null = null;

function resolve(spec: OpeningHours | string): OpeningHours {
  if (typeof spec !== 'string') return spec;
  if (spec === lastSpec && lastHours !== null) return lastHours;
  const parsed = parseOpeningHours(spec);
  if (!parsed.ok) throw new RangeError(`Invalid opening hours: ${parsed.error}`);
  lastSpec = spec;
  lastHours = parsed.hours;
  return parsed.hours;
}

function fail(error: string): ParsedOpeningHours {
  return { ok: false, error };
}

function parseDays(text: string): IsoWeekday[] | string {
  const days = new Set<IsoWeekday>();
  for (const item of text.split(',')) {
    const [first, last, ...rest] = item.split('-');
    const start = first === undefined ? undefined : dayNames[first];
    const end = last === undefined ? start : dayNames[last];
    if (start === undefined || end === undefined || rest.length > 0) return `unknown day "${item}" (use ma di wo do vr za zo)`;
    // A range may wrap past Sunday: "za-ma" is Saturday, Sunday, Monday.
    for (let n = 0; n < 7; n++) {
      const d = addDays(start, n);
      days.add(d);
      if (d === end) break;
    }
  }
  return [...days];
}

function parseRanges(text: string): [number, number][] | string {
  const ranges: [number, number][] = [];
  for (const item of text.split(',')) {
    const m = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(item);
    if (!m) return `"${item}" is not a time range like 09:00-17:00`;
    const from = toMinutes(Number(m[1]), Number(m[2]));
    const to = toMinutes(Number(m[3]), Number(m[4]));
    if (from === null || to === null) return `"${item}" has a time that does not exist`;
    if (from >= to) return `"${item}" must end after it starts (no ranges past midnight; use 24:00)`;
    ranges.push([from, to]);
  }
  return ranges;
}

function toMinutes(hours: number, minutes: number): number | null {
  const total = hours * 60 + minutes;
  return minutes > 59 || total > dayMinutes ? null : total;
}

function formatMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

interface LocalParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly weekday: IsoWeekday;
  readonly minutes: number;
}

const localFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone,
  weekday: 'short',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const shortWeekdays: Readonly<Record<string, IsoWeekday>> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function localParts(ms: number): LocalParts & { readonly second: number } {
  const parts: Record<string, string> = {};
  for (const p of localFormat.formatToParts(ms)) parts[p.type] = p.value;
  const weekday = shortWeekdays[parts['weekday'] ?? ''];
  if (weekday === undefined) throw new RangeError('Could not read the Dutch weekday.');
  const hour = Number(parts['hour']);
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    weekday,
    minutes: hour * 60 + Number(parts['minute']),
    second: Number(parts['second']),
  };
}

/** Milliseconds that Dutch wall-clock time is ahead of UTC at instant `ms` (1 or 2 hours). */
function offsetAt(ms: number): number {
  const p = localParts(ms);
  const wall = Date.UTC(p.year, p.month - 1, p.day, 0, p.minutes, p.second);
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The instant of Dutch wall-clock time `minutes` after midnight on the given date. */
function amsterdamInstant(year: number, month: number, day: number, minutes: number): number {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  const guess = wall - offsetAt(wall);
  // Near a clock change the offset at the guess can differ from the one at the answer: correct once.
  return wall - offsetAt(guess);
}
