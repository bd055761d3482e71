/**
 * Every reason the check can give, in the order the checks run. A reason either ends the
 * right ("excludes"), or explains how the amount came about ("note"). The text for each
 * code lives in locales/<lng>/huurtoeslag.json under reason.<code>.
 */
export const reasonEffects = {
  // Tenancy and dwelling (Wht art. 1 onder c, art. 11).
  not_main_residence: 'excludes',
  not_self_contained: 'excludes',
  // Age (art. 8).
  applicant_under_18: 'excludes',
  // Residence status (art. 10; Awir art. 9).
  applicant_no_residence_status: 'excludes',
  partner_no_residence_status: 'excludes',
  co_resident_no_residence_status: 'excludes',
  // BRP registration (art. 9, art. 1a lid 3).
  applicant_not_registered: 'excludes',
  co_resident_not_registered: 'excludes',
  partner_not_registered_not_counted: 'note',
  subtenant_family_counted: 'note',
  // Assets on 1 January (Awir art. 7).
  assets_above_limit: 'excludes',
  co_resident_assets_above_limit: 'excludes',
  // Rent (art. 5, art. 13).
  service_costs_capped_2025: 'note',
  service_costs_not_counted_2026: 'note',
  rent_above_limit_2025: 'excludes',
  rent_above_youth_limit_2025: 'excludes',
  rent_limit_exception_2025: 'note',
  rent_above_cap_2026: 'note',
  rent_above_youth_cap_2026: 'note',
  // Income (Awir art. 7 lid 5; Wht art. 19, 21).
  child_income_exemption_applied: 'note',
  child_income_exemption_unknown_2026: 'note',
  income_lowers_amount: 'note',
  // The outcome.
  rent_below_basishuur: 'excludes',
  income_too_high: 'excludes',
  small_amount_payout_unconfirmed: 'note',
  indicative_only: 'note',
  how_to_apply: 'note',
} as const satisfies Record<string, 'excludes' | 'note'>;

export type ReasonCode = keyof typeof reasonEffects;

export const reasonCodes: readonly ReasonCode[] = Object.keys(reasonEffects).filter(isReasonCode);

function isReasonCode(key: string): key is ReasonCode {
  return Object.hasOwn(reasonEffects, key);
}

export interface Reason {
  readonly code: ReasonCode;
  /** i18next key, namespace huurtoeslag. */
  readonly textKey: string;
}

export function reason(code: ReasonCode): Reason {
  return { code, textKey: `huurtoeslag:reason.${code}` };
}

export function excludes(code: ReasonCode): boolean {
  return reasonEffects[code] === 'excludes';
}
