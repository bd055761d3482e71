import { assetsTest } from './assets-test.js';
import { bands } from './bands.js';
import { basishuur } from './basishuur.js';
import { eligibilityReasons } from './eligibility-reasons.js';
import { householdOf } from './household.js';
import type { HouseholdType } from './huurtoeslag-params.js';
import type { HuurtoeslagInput } from './huurtoeslag-input.js';
import { centsToEuros, unitsToCentsDown, unitsToEuros } from './money.js';
import { paramsForYear } from './params-by-year.js';
import { excludes, reason, type Reason, type ReasonCode } from './reason-codes.js';
import { rekeninkomen } from './rekeninkomen.js';
import { rentCounted } from './rent-counted.js';

/** The sum step by step, in euros, so anyone can redo it. Rents and amounts per month, income per year. */
export interface HuurtoeslagFigures {
  readonly year: number;
  readonly householdType: HouseholdType;
  readonly householdSize: number;
  readonly baseRent: number;
  readonly serviceCostsCounted: number;
  readonly rekenhuur: number;
  readonly maxRent: number;
  readonly maxRentKind: 'standard' | 'youth';
  readonly rentCounted: number;
  readonly rekeninkomen: number;
  readonly minimumIncomePoint: number;
  readonly normhuur: number;
  readonly basishuur: number;
  readonly kwaliteitskortingsgrens: number;
  readonly aftoppingsgrens: number;
  readonly bands: readonly { percent: number; from: number; to: number; amount: number }[];
  readonly amountBeforeTaper: number;
  /** 2026 only: (rekeninkomen − minimumIncomePoint) × percent / 12. */
  readonly taper: { percent: number; incomeAboveMinimum: number; monthlyAmount: number } | null;
  /** What the formula gives, before any exclusion, to 1/100 of a cent. */
  readonly formulaAmount: number;
  readonly assets: { household: number; limit: number; coResidentLimit: number };
}

export interface HuurtoeslagResult {
  readonly eligible: boolean;
  /** Per month, in euros with cents (rounded down to the cent). */
  readonly monthlyAmount: number;
  readonly monthlyAmountCents: number;
  /** The whole-euro figure the Belastingdienst shows: rounded down. */
  readonly monthlyAmountWholeEuros: number;
  readonly reasons: readonly Reason[];
  readonly figures: HuurtoeslagFigures;
}

/** A third-party claim (not verified in the Awir) that less than € 24 a year is not paid out; only mentioned, never applied. */
const SMALL_AMOUNT_PER_YEAR_CENTS = 24_00;

/**
 * Indicative huurtoeslag for one benefit year. Pure: same input, same result.
 * Order as in research/huurtoeslag.md §2.6: household, eligibility, assets, rent limit, income,
 * basishuur, bands, taper, clamp at 0.
 */
export function checkHuurtoeslag(input: HuurtoeslagInput): HuurtoeslagResult {
  const params = paramsForYear(input.year);
  const household = householdOf(input);
  const codes: ReasonCode[] = [...eligibilityReasons(input, household, params), ...household.notes];

  const assets = assetsTest(input, household, params);
  codes.push(...assets.reasons);

  const rent = rentCounted(input, household, params);
  codes.push(...rent.reasons);

  const income = rekeninkomen(household, params);
  codes.push(...income.reasons);

  const base = basishuur(params, household.type, income.rekeninkomenCents);
  // Art. 20 lid 2: the aftoppingsgrens splits households of 1 or 2 persons from 3 or more.
  const aftoppingsgrensCents =
    household.size >= 3 ? params.bands.aftoppingsgrensCents.threeOrMore : params.bands.aftoppingsgrensCents.upToTwoPersons;
  const bandList = bands(rent.rentCountedCents, base.basishuurCents, {
    kwaliteitskortingsgrensCents: params.bands.kwaliteitskortingsgrensCents,
    aftoppingsgrensCents,
    middlePercent: params.bands.middlePercent,
    topPercent: params.bands.topPercent,
  });
  const beforeTaperUnits = bandList.reduce((sum, b) => sum + b.units, 0);

  // 2026, Wht art. 21 lid 2: the yearly income above the MIP times p, spread over 12 months.
  let taper: { percent: number; incomeAboveMinimumCents: number; units: number } | null = null;
  if (params.income.kind === 'linear-taper') {
    const percent = params.income.perHousehold[household.type].taperPercent;
    const incomeAboveMinimumCents = Math.max(0, income.rekeninkomenCents - base.minimumIncomePointCents);
    // (cents × percent / 100) / 12 months = cents × percent units of 1/1200 cent.
    taper = { percent, incomeAboveMinimumCents, units: incomeAboveMinimumCents * percent };
  }
  const formulaUnits = Math.max(0, beforeTaperUnits - (taper?.units ?? 0));
  const formulaCents = unitsToCentsDown(formulaUnits);

  if (formulaCents === 0) {
    // Rent at or below the lowest basishuur gets nothing at any income; otherwise the income decided.
    codes.push(rent.rentCountedCents <= base.minimumBasishuurCents ? 'rent_below_basishuur' : 'income_too_high');
  } else if (income.rekeninkomenCents > base.minimumIncomePointCents) {
    codes.push('income_lowers_amount');
  }

  const eligible = !codes.some(excludes);
  const monthlyAmountCents = eligible ? formulaCents : 0;
  if (eligible && monthlyAmountCents * 12 < SMALL_AMOUNT_PER_YEAR_CENTS) codes.push('small_amount_payout_unconfirmed');
  codes.push('indicative_only');
  if (eligible) codes.push('how_to_apply');

  return {
    eligible,
    monthlyAmount: centsToEuros(monthlyAmountCents),
    monthlyAmountCents,
    monthlyAmountWholeEuros: Math.floor(monthlyAmountCents / 100),
    reasons: codes.map(reason),
    figures: {
      year: params.year,
      householdType: household.type,
      householdSize: household.size,
      baseRent: centsToEuros(rent.baseRentCents),
      serviceCostsCounted: centsToEuros(rent.serviceCostsCountedCents),
      rekenhuur: centsToEuros(rent.rekenhuurCents),
      maxRent: centsToEuros(rent.maxRentCents),
      maxRentKind: rent.maxRentKind,
      rentCounted: centsToEuros(rent.rentCountedCents),
      rekeninkomen: centsToEuros(income.rekeninkomenCents),
      minimumIncomePoint: centsToEuros(base.minimumIncomePointCents),
      normhuur: centsToEuros(base.normhuurCents),
      basishuur: centsToEuros(base.basishuurCents),
      kwaliteitskortingsgrens: centsToEuros(params.bands.kwaliteitskortingsgrensCents),
      aftoppingsgrens: centsToEuros(aftoppingsgrensCents),
      bands: bandList.map((b) => ({
        percent: b.percent,
        from: centsToEuros(b.fromCents),
        to: centsToEuros(b.toCents),
        amount: unitsToEuros(b.units),
      })),
      amountBeforeTaper: unitsToEuros(beforeTaperUnits),
      taper:
        taper === null
          ? null
          : {
              percent: taper.percent,
              incomeAboveMinimum: centsToEuros(taper.incomeAboveMinimumCents),
              monthlyAmount: unitsToEuros(taper.units),
            },
      formulaAmount: unitsToEuros(formulaUnits),
      assets: {
        household: centsToEuros(assets.householdCents),
        limit: centsToEuros(assets.limitCents),
        coResidentLimit: centsToEuros(assets.coResidentLimitCents),
      },
    },
  };
}
