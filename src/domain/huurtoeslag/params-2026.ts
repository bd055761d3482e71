import type { HuurtoeslagParams } from './huurtoeslag-params.js';

/**
 * Benefit year 2026. Sources (short names as in research/huurtoeslag.md):
 * W26 = Wet op de huurtoeslag, consolidation 2026-01-01 (wetten.overheid.nl/BWBR0008659/2026-01-01);
 * B26 = Besluit op de huurtoeslag 2026-01-01; V26 = Wet verlaging eigen bijdrage huurtoeslag 2026-01-01;
 * NEWS26, TP26 = secondary sources; the Regeling huurtoeslaggrenzen 2026 itself was not found.
 */
export const params2026 = {
  year: 2026,
  // W26 art. 8: the huurder is meerderjarig.
  adultAge: 18,
  rent: {
    // W26 art. 13 lid 1 onder a (NEWS26 confirms).
    maxRentCents: 932_93,
    // W26 art. 13 lid 1 onder b.
    youthMaxRentCents: 498_20,
    // W26 art. 13 lid 1 onder a: "21 jaar of ouder".
    youthAge: 21,
    // W26 art. 13 and art. 21 lid 1 onder d: not a condition; rent above the limit is not subsidised.
    maxRentRule: 'cap',
    // Not used in 2026 (the limit is a cap for everyone); kept equal to W25 art. 13 lid 2 for the type.
    largeHouseholdSize: 8,
  },
  // W26 art. 5: the rekenhuur is the kale huur only; service costs no longer count (NEWS26).
  serviceCosts: null,
  bands: {
    // W26 art. 20 lid 1.
    kwaliteitskortingsgrensCents: 498_20,
    // W26 art. 20 lid 2.
    aftoppingsgrensCents: { upToTwoPersons: 713_02, threeOrMore: 764_14 },
    // B26 art. 7.
    middlePercent: 65,
    topPercent: 40,
  },
  income: {
    kind: 'linear-taper',
    perHousehold: {
      single: {
        // MIP: TP26 only (third-party code citing Regeling huurtoeslaggrenzen 2026, BWBR0051841); not seen officially.
        minimumIncomePointCents: 23_425_00,
        // W26 art. 17 lid 2–3: € 252.49 minus € 1.82 for an eenpersoonshuishouden.
        normhuurCents: 252_49 - 1_82,
        // W26 art. 21 lid 2: 27 % for an eenpersoonshuishouden.
        taperPercent: 27,
      },
      multi: {
        // MIP: TP26 only (see above).
        minimumIncomePointCents: 31_500_00,
        // W26 art. 17 lid 2–3: € 252.49 minus € 3.63 for a meerpersoonshuishouden.
        normhuurCents: 252_49 - 3_63,
        // W26 art. 21 lid 2: 22 % for a meerpersoonshuishouden.
        taperPercent: 22,
      },
    },
    // W26 art. 16: the surcharge is € 0 since 2023.
    surchargeCents: 0,
    // V26 art. 1 onder c (2026-01-01 consolidation; amended by KST 36 608 nr. 7): € 48.15.
    loweringCents: 48_15,
  },
  assets: {
    // NEWS26, quoting Dienst Toeslagen.
    singleCents: 38_479_00,
    // NEWS26 (metronieuws 2025-11-25); TP26.
    withPartnerCents: 76_958_00,
    // TP26 only; not seen on an official page.
    perCoResidentCents: 38_479_00,
  },
  childIncomeExemption: {
    // AWIR art. 7 lid 5: a child under 23 on 1 January.
    underAge: 23,
    // Not found for 2026: the check says so instead of guessing.
    amountCents: null,
  },
} as const satisfies HuurtoeslagParams;
