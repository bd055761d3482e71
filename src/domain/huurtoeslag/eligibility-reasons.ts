import type { HuurtoeslagInput } from './huurtoeslag-input.js';
import type { HuurtoeslagParams } from './huurtoeslag-params.js';
import type { Household } from './household.js';
import type { ReasonCode } from './reason-codes.js';

/**
 * The disqualifiers that do not need a sum, in the order a checker asks them
 * (research/huurtoeslag.md §4): tenancy, dwelling, age, residence status, BRP registration.
 * Every one that applies is returned, so the person hears all of them at once.
 */
export function eligibilityReasons(input: HuurtoeslagInput, household: Household, params: HuurtoeslagParams): ReasonCode[] {
  const reasons: ReasonCode[] = [];
  // Wht art. 1 onder c: huurder means main residence in a rented dwelling.
  if (!input.dwelling.mainResidence) reasons.push('not_main_residence');
  // Wht art. 11: a zelfstandige woonruimte, or a designated exception (named in the reason text).
  if (!input.dwelling.selfContained) reasons.push('not_self_contained');
  // Wht art. 8: meerderjarig.
  if (input.applicant.age < params.adultAge) reasons.push('applicant_under_18');

  // Wht art. 10, Awir art. 9: applicant, partner and adult medebewoners lawfully resident.
  const noStatus = household.members.filter((m) => m.residence === 'none');
  if (noStatus.some((m) => m.role === 'applicant')) reasons.push('applicant_no_residence_status');
  if (noStatus.some((m) => m.role === 'partner')) reasons.push('partner_no_residence_status');
  // Since 2022 a minor child without a permit no longer blocks huurtoeslag (RO-BP).
  if (noStatus.some((m) => m.role === 'coResident' && m.age >= params.adultAge)) {
    reasons.push('co_resident_no_residence_status');
  }

  // Wht art. 9 lid 1: everyone in the household registered at the address (lid 2: unless not the huurder's fault).
  if (!input.applicant.registeredAtAddress) reasons.push('applicant_not_registered');
  if (household.members.some((m) => m.role === 'coResident' && !m.registeredAtAddress)) {
    reasons.push('co_resident_not_registered');
  }
  return reasons;
}
