import { nextOpening } from '../domain/opening-hours.js';

/** Host facts about the volunteers that dialogs may branch on and texts may show. Never stored. */
export type VolunteerFacts = Readonly<Record<string, string | boolean>>;

/**
 * Whether a volunteer can answer now and, when not, when they are back (issue #10: say when they are back instead of
 * promising priority). `back_day` is `today`, `tomorrow` or the ISO weekday '1'..'7'; `back_time` is `HH:MM`; both
 * empty when unknown (open now but nobody signed in, or no valid opening hours).
 */
export function volunteerFacts(now: Date, online: boolean, openingHours: string | undefined): VolunteerFacts {
  const base = { volunteers_online: online, opening_hours: openingHours ?? '', back_day: '', back_time: '' };
  if (online || openingHours === undefined || openingHours === '') return base;
  let next;
  try {
    next = nextOpening(now, openingHours);
  } catch {
    return base;
  }
  if (next === null) return base;
  const day = next.daysAhead === 0 ? 'today' : next.daysAhead === 1 ? 'tomorrow' : String(next.weekday);
  return { ...base, back_day: day, back_time: next.time };
}
