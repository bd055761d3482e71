const dayMs = 86_400_000;

// Dates in a melding are Dutch calendar days; one formatter is enough (it keeps no state between calls).
const amsterdamDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * Whole days from the Dutch calendar day of `now` to `isoDay` ('YYYY-MM-DD'): 0 today, 1 tomorrow,
 * negative in the past. Same rule as the engine's `daysBetween` (src/engine/parse-date.ts).
 */
export function daysUntilDay(now: Date, isoDay: string): number {
  const today = Date.parse(`${amsterdamDay.format(now)}T00:00:00Z`);
  return Math.round((Date.parse(`${isoDay}T00:00:00Z`) - today) / dayMs);
}
