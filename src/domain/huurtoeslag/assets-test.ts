import type { HuurtoeslagInput } from './huurtoeslag-input.js';
import type { HuurtoeslagParams } from './huurtoeslag-params.js';
import type { Household } from './household.js';
import { eurosToCents } from './money.js';
import type { ReasonCode } from './reason-codes.js';

export interface AssetsOutcome {
  /** Applicant + partner + minor children, on 1 January. */
  readonly householdCents: number;
  readonly limitCents: number;
  readonly coResidentLimitCents: number;
  readonly reasons: readonly ReasonCode[];
}

/**
 * Awir art. 7 and the Belastingdienst's description: on 1 January, the applicant's assets (with a
 * partner jointly, against the double limit), a minor child's assets added to them, and each other
 * co-resident separately against the single limit. Above a limit: no huurtoeslag that year.
 */
export function assetsTest(input: HuurtoeslagInput, household: Household, params: HuurtoeslagParams): AssetsOutcome {
  const coResidents = household.members.filter((m) => m.role === 'coResident');
  const isMinorChild = (m: { age: number; childOfHousehold: boolean }) => m.childOfHousehold && m.age < params.adultAge;

  const householdCents =
    eurosToCents(input.assets) + coResidents.filter(isMinorChild).reduce((sum, m) => sum + m.assetsCents, 0);
  const limitCents = household.hasPartner ? params.assets.withPartnerCents : params.assets.singleCents;
  const coResidentLimitCents = params.assets.perCoResidentCents;

  const reasons: ReasonCode[] = [];
  if (householdCents > limitCents) reasons.push('assets_above_limit');
  if (coResidents.some((m) => !isMinorChild(m) && m.assetsCents > coResidentLimitCents)) {
    reasons.push('co_resident_assets_above_limit');
  }
  return { householdCents, limitCents, coResidentLimitCents, reasons };
}
