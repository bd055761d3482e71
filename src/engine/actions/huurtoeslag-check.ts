import { checkHuurtoeslag } from '../../domain/huurtoeslag/check-huurtoeslag.js';
import { huurtoeslagInputSchema, type Residence } from '../../domain/huurtoeslag/huurtoeslag-input.js';
import { benefitYears, paramsForYear, type BenefitYear } from '../../domain/huurtoeslag/params-by-year.js';
import { excludes, type ReasonCode } from '../../domain/huurtoeslag/reason-codes.js';
import type { HuurtoeslagParams } from '../../domain/huurtoeslag/huurtoeslag-params.js';
import type { AnswerValue } from '../dialog-schema.js';
import { dayOf } from '../parse-date.js';
import type { Answers } from '../session-state.js';
import type { ActionDefinition } from './action-types.js';

/**
 * The answers dialogs/huurtoeslag.yaml collects. Yes/no questions store 'yes' or 'no'; anything else
 * (missing, null, 'dont_know') counts as not known yet.
 * - ht_main_home, ht_self_contained, ht_status, ht_registered, ht_partner: 'yes' | 'no'
 * - ht_age: a typed number, or a button: under_18 | age_18_20 | age_21_22 | age_23_plus
 * - with a partner: ht_partner_status, ht_partner_registered
 * - ht_others: a typed number, or none | one | two | three_plus; with others: ht_others_who (children | adults),
 *   ht_others_registered, and with adults: ht_others_status, ht_others_assets ('yes' = above the limit)
 * - ht_assets: 'yes' (above the limit) | 'no' | a typed amount; ht_rent (per month); ht_income (per year,
 *   or per month when ht_income_period is 'month')
 */
const AGE_BUTTONS: Readonly<Record<string, number>> = { under_18: 17, age_18_20: 18, age_21_22: 21, age_23_plus: 23 };
const OTHERS_BUTTONS: Readonly<Record<string, number>> = { none: 0, one: 1, two: 2, three_plus: 3 };

/** The chat asks one yes/no question about residence status; every lawful status has the same effect in the check. */
const LAWFUL: Residence = 'nl';

/** Said by the dialog's own result texts, so not repeated from the reason list. */
const SAID_BY_DIALOG: ReadonlySet<ReasonCode> = new Set(['indicative_only', 'how_to_apply']);

const cleared = { ht_eligible: null, ht_amount: null, ht_amount_whole: null, ht_reasons: null, ht_exclusions: null, ht_notes: null };

/**
 * Runs the indicative huurtoeslag check on the conversation's answers (prefix `ht_`). Always stores the benefit
 * year and the asset limits the questions mention; with a complete, valid set also the result. Never throws.
 */
export const huurtoeslagCheck: ActionDefinition = {
  outcomes: ['eligible', 'not_eligible', 'incomplete'],
  run(_args, answers, now) {
    const year = benefitYearFor(now);
    const params = paramsForYear(year);
    const context = {
      ht_year: year,
      ht_assets_limit: params.assets.singleCents / 100,
      ht_assets_limit_partner: params.assets.withPartnerCents / 100,
      ht_assets_limit_co_resident: params.assets.perCoResidentCents / 100,
    };
    const raw = inputFrom(answers, year, params);
    const parsed = raw === null ? null : huurtoeslagInputSchema.safeParse(raw);
    if (parsed === null || !parsed.success) return { set: { ...context, ...cleared }, outcome: 'incomplete' };

    const result = checkHuurtoeslag(parsed.data);
    const codes = result.reasons.map((r) => r.code);
    const exclusions = codes.filter(excludes);
    const notes = codes.filter((c) => !excludes(c) && !SAID_BY_DIALOG.has(c));
    return {
      set: {
        ...context,
        ht_eligible: result.eligible,
        ht_amount: result.monthlyAmount,
        ht_amount_whole: result.monthlyAmountWholeEuros,
        ht_reasons: codes.join(','),
        ht_exclusions: exclusions.length > 0 ? exclusions.join(',') : null,
        ht_notes: notes.length > 0 ? notes.join(',') : null,
      },
      outcome: result.eligible ? 'eligible' : 'not_eligible',
    };
  },
};

/** The year of `now` in the Netherlands when the domain has its parameters; otherwise the latest year it has. */
export function benefitYearFor(now: Date): BenefitYear {
  const year = dayOf(now).getUTCFullYear();
  return benefitYears.find((y) => y === year) ?? benefitYears.reduce((a, b) => (b > a ? b : a));
}

/** The domain's input as a plain object, or null when an answer it needs is not known. The schema checks ranges. */
function inputFrom(a: Readonly<Answers>, year: BenefitYear, params: HuurtoeslagParams): Record<string, unknown> | null {
  const mainResidence = yesNo(a['ht_main_home']);
  const selfContained = yesNo(a['ht_self_contained']);
  const age = numberOr(a['ht_age'], AGE_BUTTONS);
  const lawful = yesNo(a['ht_status']);
  const registered = yesNo(a['ht_registered']);
  const hasPartner = yesNo(a['ht_partner']);
  const others = numberOr(a['ht_others'], OTHERS_BUTTONS);
  const rent = amount(a['ht_rent']);
  const yearlyOrMonthly = amount(a['ht_income']);
  const assets = assetsFrom(a['ht_assets'], params.assets.withPartnerCents);
  if (mainResidence === null || selfContained === null || age === null || lawful === null || registered === null) return null;
  if (hasPartner === null || others === null || rent === null || yearlyOrMonthly === null || assets === null) return null;
  const income = a['ht_income_period'] === 'month' ? yearlyOrMonthly * 12 : yearlyOrMonthly;

  let partner: Record<string, unknown> | undefined;
  if (hasPartner) {
    const partnerLawful = yesNo(a['ht_partner_status']);
    const partnerRegistered = yesNo(a['ht_partner_registered']);
    if (partnerLawful === null || partnerRegistered === null) return null;
    // The partner's age is not asked: taking the applicant's only matters for the youth rent limit.
    partner = { age, residence: partnerLawful ? LAWFUL : 'none', registeredAtAddress: partnerRegistered, income: 0 };
  }

  const coResidents = others > 0 ? coResidentsFrom(a, others, age, params) : [];
  if (coResidents === null) return null;

  return {
    year,
    // The income question asks for the household's total, so it is all booked on the applicant.
    applicant: { age, residence: lawful ? LAWFUL : 'none', registeredAtAddress: registered, income },
    ...(partner ? { partner } : {}),
    ...(coResidents.length > 0 ? { coResidents } : {}),
    assets,
    dwelling: { mainResidence, selfContained, adaptedForDisability: false },
    rent: { base: rent },
  };
}

/**
 * The others are asked about as a group, so each gets the group's answers. Adults get the applicant's age (at least
 * 18): a young tenant's housemates are then young too for the youth rent limit, an older tenant's are not.
 */
function coResidentsFrom(a: Readonly<Answers>, count: number, applicantAge: number, params: HuurtoeslagParams): Record<string, unknown>[] | null {
  const who = a['ht_others_who'];
  const registered = yesNo(a['ht_others_registered']);
  if ((who !== 'children' && who !== 'adults') || registered === null) return null;
  // More than the schema allows: let it refuse the whole input rather than build a huge list.
  const n = Math.min(count, 21);
  if (who === 'children') {
    const child = { age: params.adultAge - 1, residence: LAWFUL, registeredAtAddress: registered, income: 0, assets: 0, childOfHousehold: true, subtenant: false };
    return Array.from({ length: n }, () => child);
  }
  const lawful = yesNo(a['ht_others_status']);
  const aboveLimit = yesNo(a['ht_others_assets']);
  if (lawful === null || aboveLimit === null) return null;
  const adult = {
    age: Math.max(applicantAge, params.adultAge),
    residence: lawful ? LAWFUL : 'none',
    registeredAtAddress: registered,
    income: 0,
    assets: aboveLimit ? params.assets.perCoResidentCents / 100 + 1 : 0,
    childOfHousehold: false,
    subtenant: false,
  };
  return Array.from({ length: n }, () => adult);
}

function yesNo(v: AnswerValue | undefined): boolean | null {
  return v === 'yes' ? true : v === 'no' ? false : null;
}

function amount(v: AnswerValue | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function numberOr(v: AnswerValue | undefined, buttons: Readonly<Record<string, number>>): number | null {
  if (typeof v === 'string') return Object.hasOwn(buttons, v) ? (buttons[v] ?? null) : null;
  return amount(v);
}

/** 'yes' means "above the limit": one euro over the highest household limit is above whichever applies. */
function assetsFrom(v: AnswerValue | undefined, withPartnerCents: number): number | null {
  if (v === 'no') return 0;
  if (v === 'yes') return withPartnerCents / 100 + 1;
  return amount(v);
}
