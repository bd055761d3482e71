import type { HuurtoeslagParams } from './huurtoeslag-params.js';

/**
 * Benefit year 2025. Sources (short names as in research/huurtoeslag.md):
 * W25 = Wet op de huurtoeslag, consolidation 2025-01-01 (wetten.overheid.nl/BWBR0008659/2025-01-01);
 * B26 = Besluit op de huurtoeslag; V26 = Wet verlaging eigen bijdrage huurtoeslag (BWBR0049106);
 * RB25, MEIJ = secondary sources, cross-checked as noted.
 */
export const params2025 = {
  year: 2025,
  // W25 art. 8: the huurder is meerderjarig.
  adultAge: 18,
  rent: {
    // W25 art. 13 lid 1 onder a (RO-1118 confirms).
    maxRentCents: 900_07,
    // W25 art. 13 lid 1 onder b.
    youthMaxRentCents: 477_20,
    // W25 art. 13 lid 1 onder a: "23 jaar of ouder".
    youthAge: 23,
    // W25 art. 13 lid 1: no huurtoeslag above the limit, save the exceptions of lid 2 (capped by lid 3).
    maxRentRule: 'condition',
    // W25 art. 13 lid 2: a dwelling for 8 or more persons, lived in by 8 or more.
    largeHouseholdSize: 8,
  },
  // W25 art. 5 lid 3: four categories, each at most € 12 a month.
  serviceCosts: { capPerCategoryCents: 12_00 },
  bands: {
    // W25 art. 20 lid 1.
    kwaliteitskortingsgrensCents: 477_20,
    // W25 art. 20 lid 2.
    aftoppingsgrensCents: { upToTwoPersons: 682_96, threeOrMore: 731_93 },
    // Besluit op de huurtoeslag art. 7 (B26); the same in 2025: the METRO25 table only reproduces with 65 / 40.
    middlePercent: 65,
    topPercent: 40,
  },
  income: {
    kind: 'quadratic-normhuur',
    perHousehold: {
      single: {
        // MIP: RB25 (the 2025 Regeling itself was not found); reproduces the METRO25 table and the factors below.
        minimumIncomePointCents: 22_700_00,
        // W25 art. 17 lid 2–3: € 238.01 minus € 1.82 for an eenpersoonshuishouden.
        normhuurAtMinimumCents: 238_01 - 1_82,
        // RB25: a = 0.000000438698, b = 0.000446392665; equal to the straight line of art. 19 lid 2 through
        // the normhuurquote at MIP and at RIP (W25 art. 18: € 32,625 and € 483.78 − € 2.27), to 12 decimals.
        aE12: 438_698,
        bE12: 446_392_665,
      },
      multi: {
        // MIP: RB25 (see above).
        minimumIncomePointCents: 30_450_00,
        // W25 art. 17 lid 2–3: € 238.01 minus € 3.63 for a meerpersoonshuishouden.
        normhuurAtMinimumCents: 238_01 - 3_63,
        // RB25: a = 0.000000298184, b = −0.001382497146; derived as above with RIP € 42,475 and € 483.78 − € 4.54.
        aE12: 298_184,
        bE12: -1_382_497_146,
      },
    },
    // W25 art. 16: the "€ 12" surcharge is € 0 since 2023 (Stb. 2022/528).
    surchargeCents: 0,
    // V26 art. 1 onder b: lowering of the basishuur in 2025.
    loweringCents: 37_14,
  },
  assets: {
    // MEIJ, METRO25 (vermogensgrens 2025).
    singleCents: 37_395_00,
    // MEIJ, METRO25.
    withPartnerCents: 74_790_00,
    // MEIJ: each medebewoner separately, at the single limit.
    perCoResidentCents: 37_395_00,
  },
  childIncomeExemption: {
    // AWIR art. 7 lid 5: a child under 23 on 1 January.
    underAge: 23,
    // MEIJ: € 6,042 in 2025.
    amountCents: 6_042_00,
  },
} as const satisfies HuurtoeslagParams;
