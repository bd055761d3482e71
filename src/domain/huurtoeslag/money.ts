/**
 * Money helpers. All sums are done in integers so no float drift can move a result by a cent:
 * - cents for amounts the law states (rents, limits, incomes);
 * - "units" of 1/1200 cent for products with a percentage and the yearly-to-monthly taper,
 *   so 65 % of a cent amount and (income × 27 %) / 12 are both whole numbers of units.
 */
export const UNITS_PER_CENT = 1200;

/** Euros (as typed by a person, perhaps with cents) to whole cents, half a cent rounded away from zero. */
export function eurosToCents(euros: number): number {
  return Math.sign(euros) * Math.round(Math.abs(euros) * 100);
}

/** Cents to euros for output (a float with at most two decimals). */
export function centsToEuros(cents: number): number {
  return cents / 100;
}

/** Units to euros for output, to 1/100 of a cent, rounded down so cutting at whole cents gives the amount paid. */
export function unitsToEuros(units: number): number {
  return Math.floor(units / 12) / 10_000;
}

/** `percent` % of an amount in cents, exactly, in units. */
export function percentOfCentsInUnits(cents: number, percent: number): number {
  return (cents * percent * UNITS_PER_CENT) / 100;
}

/** Whole cents in an amount of units, rounded down (never pays out more than the exact figure). */
export function unitsToCentsDown(units: number): number {
  return Math.floor(units / UNITS_PER_CENT);
}
