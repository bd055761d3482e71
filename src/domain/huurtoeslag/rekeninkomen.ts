import type { HuurtoeslagParams } from './huurtoeslag-params.js';
import type { Household } from './household.js';
import type { ReasonCode } from './reason-codes.js';

export interface IncomeOutcome {
  /** Sum of the toetsingsinkomens of huurder, partner and medebewoners (Wht art. 1 onder i), per year. */
  readonly rekeninkomenCents: number;
  readonly reasons: readonly ReasonCode[];
}

/**
 * Awir art. 7 lid 5: a child co-resident under 23 on 1 January counts only for income above the
 * exemption. Where the year's exemption was not found, the full income counts (so the amount is
 * never overstated) and the person is told the figure may be higher.
 */
export function rekeninkomen(household: Household, params: HuurtoeslagParams): IncomeOutcome {
  const reasons: ReasonCode[] = [];
  const exemption = params.childIncomeExemption;
  let total = 0;
  for (const m of household.members) {
    const exempted = m.role === 'coResident' && m.childOfHousehold && m.age < exemption.underAge;
    if (!exempted || m.incomeCents === 0) {
      total += m.incomeCents;
    } else if (exemption.amountCents === null) {
      total += m.incomeCents;
      if (!reasons.includes('child_income_exemption_unknown_2026')) reasons.push('child_income_exemption_unknown_2026');
    } else {
      total += Math.max(0, m.incomeCents - exemption.amountCents);
      if (!reasons.includes('child_income_exemption_applied')) reasons.push('child_income_exemption_applied');
    }
  }
  return { rekeninkomenCents: total, reasons };
}
