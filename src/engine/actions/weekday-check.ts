import type { ActionDefinition } from './action-types.js';

/**
 * Whether the date in answer `args.date` ('YYYY-MM-DD') falls on a Saturday or Sunday: a court date in the weekend is
 * probably misread, so the dialog asks again kindly. Computed from the digits (Sakamoto), no clock or Date needed.
 */
export const weekdayCheck: ActionDefinition = {
  outcomes: ['weekend', 'weekday', 'unknown'],
  run(args, answers) {
    const name = typeof args['date'] === 'string' ? args['date'] : '';
    const iso = answers[name];
    const m = typeof iso === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
    if (m === null) return { set: {}, outcome: 'unknown' };
    const day = isoWeekday(Number(m[1]), Number(m[2]), Number(m[3]));
    return { set: {}, outcome: day >= 6 ? 'weekend' : 'weekday' };
  },
};

const monthOffsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4] as const;

/** 1 = Monday .. 7 = Sunday, for a Gregorian date. */
export function isoWeekday(year: number, month: number, day: number): number {
  const y = month < 3 ? year - 1 : year;
  const sundayBased = (y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + (monthOffsets[month - 1] ?? 0) + day) % 7;
  return sundayBased === 0 ? 7 : sundayBased;
}
