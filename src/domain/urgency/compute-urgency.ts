/**
 * One urgency scale for meldingen and chat handoffs, most urgent first. String-equal to the engine's
 * `Priority` (src/engine/dialog-schema.ts); domain may not import engine, so the union lives here too
 * and a type test keeps the two equal.
 */
export const urgencies = ['crisis', 'urgent', 'soon', 'normal'] as const;
export type Urgency = (typeof urgencies)[number];

/** Days before a court or eviction date at which a case becomes urgent (DESIGN.md §4: "within 14 days"). */
export const urgentWithinDays = 14;

export interface UrgencyInput {
  /** Phase 0..6 of the eviction road (research/domain.md §1); undefined or null when not known. */
  readonly phase?: number | null;
  /**
   * Whole days from today to the nearest court or eviction date (0 = today, negative = past);
   * undefined or null when no date is set. See `nearestDays` for several dates.
   */
  readonly daysUntilDate?: number | null;
  /** Children live in the home (unknown counts as no). */
  readonly children?: boolean | null;
  /** The reporter sees danger at home (issue #10: danger with children is urgent, danger alone at least soon). */
  readonly danger?: boolean | null;
  /** Crisis words (suicide, self-harm, violence) came up. */
  readonly crisis?: boolean | null;
  /**
   * Whether the tenant agrees to be contacted. Deliberately NOT used: consent decides how contact is
   * made (the volunteer sees it before any contact, DESIGN.md §6), not how soon someone looks. A report
   * without consent about an eviction next week still needs a volunteer next week, if only to advise
   * the reporter.
   */
  readonly consent?: 'yes' | 'no' | 'not_asked' | null;
}

/**
 * crisis words -> crisis; a date within 0..13 days, or children with any date set (even a past one:
 * a family may already have lost the home), or danger at home with children, or phase 5 (the eviction
 * itself) -> urgent; phase 3, 4 or 6, or danger at home -> soon; otherwise normal. Pure: the caller
 * computes the days with its own clock.
 */
export function computeUrgency(input: UrgencyInput): Urgency {
  if (input.crisis === true) return 'crisis';
  const days = typeof input.daysUntilDate === 'number' && Number.isFinite(input.daysUntilDate) ? input.daysUntilDate : null;
  if (days !== null && days >= 0 && days < urgentWithinDays) return 'urgent';
  if (days !== null && input.children === true) return 'urgent';
  if (input.danger === true && input.children === true) return 'urgent';
  // Phase 5 is the eviction day itself; the chat handoff ranks it urgent too (src/engine/step.ts).
  if (input.phase === 5) return 'urgent';
  if (input.phase === 3 || input.phase === 4 || input.phase === 6 || input.danger === true) return 'soon';
  return 'normal';
}

/**
 * The date that matters most among several day counts: the nearest one still to come, else the most
 * recent past one, else null. Non-finite values are ignored.
 */
export function nearestDays(...days: readonly (number | null | undefined)[]): number | null {
  const known = days.filter((d): d is number => typeof d === 'number' && Number.isFinite(d));
  const coming = known.filter((d) => d >= 0);
  if (coming.length > 0) return Math.min(...coming);
  return known.length > 0 ? Math.max(...known) : null;
}

/** 0 for crisis .. 3 for normal, for sorting. */
export function urgencyRank(urgency: Urgency): number {
  return urgencies.indexOf(urgency);
}

/** Sort comparator: most urgent first. */
export function compareUrgency(a: Urgency, b: Urgency): number {
  return urgencyRank(a) - urgencyRank(b);
}
