import { describe, expect, it } from 'vitest';
import { checkHuurtoeslag } from '../../../src/domain/huurtoeslag/check-huurtoeslag.js';
import { input } from './input-builder.js';

/**
 * 2025 cases derived by hand from W25 arts. 5, 13, 17–21, V26 art. 1 onder b and Besluit art. 7.
 * Constants: EP normhuur at MIP = 238.01 − 1.82 = 236.19, MP = 238.01 − 3.63 = 234.38;
 * basishuur = normhuur − 37.14 → EP 199.05, MP 197.24; KKG 477.20; AFT 682.96 (1–2 p) / 731.93 (3+);
 * MAX 900.07, youth 477.20; MIP EP 22,700, MP 30,450; above MIP normhuur = a·Y² + b·Y rounded up to cents.
 * The amount is truncated to cents; the whole-euro figure is rounded down.
 */
const codes = (r: ReturnType<typeof checkHuurtoeslag>) => r.reasons.map((x) => x.code);

describe('2025, single person (EP), income at or below the MIP', () => {
  it('rent 900: (477.20 − 199.05) + 0.65·(682.96 − 477.20) + 0.40·(900 − 682.96) = 278.15 + 133.744 + 86.816 = 498.71', () => {
    const r = checkHuurtoeslag(input(2025, { rent: { base: 900 } }));
    expect(r.eligible).toBe(true);
    expect(r.monthlyAmount).toBe(498.71);
    expect(r.monthlyAmountCents).toBe(49_871);
    expect(r.monthlyAmountWholeEuros).toBe(498);
    expect(r.figures.basishuur).toBe(199.05);
    expect(r.figures.normhuur).toBe(236.19);
    expect(r.figures.bands.map((b) => b.amount)).toEqual([278.15, 133.744, 86.816]);
    expect(r.figures.taper).toBeNull();
    expect(codes(r)).toEqual(['indicative_only', 'how_to_apply']);
  });

  it('income exactly at the MIP (22,700): normhuur stays 236.19, amount 498.71', () => {
    const r = checkHuurtoeslag(input(2025, { applicant: { income: 22_700 } }));
    expect(r.figures.normhuur).toBe(236.19);
    expect(r.monthlyAmount).toBe(498.71);
    expect(codes(r)).not.toContain('income_lowers_amount');
  });

  it('income 22,700.01: a·Y² + b·Y = 236.19000… rounded UP = 236.20, basishuur 199.06, amount 498.70', () => {
    const r = checkHuurtoeslag(input(2025, { applicant: { income: 22_700.01 } }));
    expect(r.figures.normhuur).toBe(236.2);
    expect(r.figures.basishuur).toBe(199.06);
    expect(r.monthlyAmount).toBe(498.7);
    expect(codes(r)).toContain('income_lowers_amount');
  });
});

describe('2025, rent band boundaries (EP, basishuur 199.05)', () => {
  it.each([
    // rent, exact formula, cents
    [199.05, 0, 0], // rent = basishuur: nothing to pay towards
    [199.06, 0.01, 0.01], // 1 cent at 100 %
    [477.2, 278.15, 278.15], // rent = KKG: 477.20 − 199.05
    [477.21, 278.1565, 278.15], // + 0.65 × 0.01
    [682.96, 411.894, 411.89], // rent = AFT: 278.15 + 0.65 × 205.76
    [682.97, 411.898, 411.89], // + 0.40 × 0.01
    [900.07, 498.738, 498.73], // rent = MAX: 411.894 + 0.40 × 217.11
  ])('rent %f → formula %f → %f a month', (rent, formula, amount) => {
    const r = checkHuurtoeslag(input(2025, { rent: { base: rent } }));
    expect(r.figures.formulaAmount).toBe(formula);
    expect(r.monthlyAmount).toBe(amount);
  });

  it('rent 199.05 (= basishuur at any income ≤ MIP): not eligible, reason rent_below_basishuur', () => {
    const r = checkHuurtoeslag(input(2025, { rent: { base: 199.05 } }));
    expect(r.eligible).toBe(false);
    expect(codes(r)).toContain('rent_below_basishuur');
    expect(codes(r)).not.toContain('how_to_apply');
  });
});

describe('2025, income bands: art. 21 lid 1, lid 2 and lid 3 (EP, rent 900)', () => {
  it('Y 30,000: a·Y² + b·Y = 394.8282 + 13.39178 = 408.21998 → 408.22; B 371.08; 106.12 + 133.744 + 86.816 = 326.68', () => {
    const r = checkHuurtoeslag(input(2025, { applicant: { income: 30_000 } }));
    expect(r.figures.normhuur).toBe(408.22);
    expect(r.figures.basishuur).toBe(371.08);
    expect(r.monthlyAmount).toBe(326.68);
    expect(codes(r)).toContain('income_lowers_amount');
  });

  it('Y 33,735.68: normhuur 514.34 → B 477.20 = KKG: 0 + 133.744 + 86.816 = 220.56', () => {
    const r = checkHuurtoeslag(input(2025, { applicant: { income: 33_735.68 } }));
    expect(r.figures.basishuur).toBe(477.2);
    expect(r.figures.bands.map((b) => b.amount)).toEqual([0, 133.744, 86.816]);
    expect(r.monthlyAmount).toBe(220.56);
  });

  it('Y 33,735.69: normhuur 514.35 → B 477.21 > KKG (lid 2): 0.65·(682.96 − 477.21) + 86.816 = 133.7375 + 86.816 = 220.5535', () => {
    const r = checkHuurtoeslag(input(2025, { applicant: { income: 33_735.69 } }));
    expect(r.figures.basishuur).toBe(477.21);
    expect(r.figures.formulaAmount).toBe(220.5535);
    expect(r.monthlyAmount).toBe(220.55);
  });

  it('Y 34,000: 507.134888 + 15.17735 = 522.31224 → 522.32; B 485.18 (lid 2): 0.65·197.78 + 86.816 = 215.373', () => {
    const r = checkHuurtoeslag(input(2025, { applicant: { income: 34_000 } }));
    expect(r.figures.basishuur).toBe(485.18);
    expect(r.figures.formulaAmount).toBe(215.373);
    expect(r.monthlyAmount).toBe(215.37);
    expect(r.monthlyAmountWholeEuros).toBe(215);
  });

  it('Y 40,009.21: normhuur 720.10 → B 682.96 = AFT: 0.40·(900 − 682.96) = 86.816', () => {
    const r = checkHuurtoeslag(input(2025, { applicant: { income: 40_009.21 } }));
    expect(r.figures.basishuur).toBe(682.96);
    expect(r.figures.formulaAmount).toBe(86.816);
  });

  it('Y 40,009.22: normhuur 720.11 → B 682.97 > AFT (lid 3): 0.40·(900 − 682.97) = 86.812', () => {
    const r = checkHuurtoeslag(input(2025, { applicant: { income: 40_009.22 } }));
    expect(r.figures.basishuur).toBe(682.97);
    expect(r.figures.bands.map((b) => b.amount)).toEqual([0, 0, 86.812]);
    expect(r.monthlyAmount).toBe(86.81);
  });

  it('Y 41,000: 737.451338 + 18.302099 = 755.75344 → 755.76; B 718.62 (lid 3): 0.40·181.38 = 72.552', () => {
    const r = checkHuurtoeslag(input(2025, { applicant: { income: 41_000 } }));
    expect(r.figures.basishuur).toBe(718.62);
    expect(r.monthlyAmount).toBe(72.55);
    expect(r.monthlyAmountWholeEuros).toBe(72);
  });

  it('Y 60,000: normhuur far above the rent → 0, reason income_too_high (not rent_below_basishuur)', () => {
    const r = checkHuurtoeslag(input(2025, { applicant: { income: 60_000 } }));
    expect(r.eligible).toBe(false);
    expect(r.monthlyAmount).toBe(0);
    expect(codes(r)).toContain('income_too_high');
    expect(codes(r)).not.toContain('rent_below_basishuur');
  });
});

describe('2025, multi-person household (MP)', () => {
  it('couple, Y 25,000 ≤ MIP 30,450, rent 800: B 197.24; 279.96 + 133.744 + 0.40·117.04 = 460.52', () => {
    const r = checkHuurtoeslag(input(2025, { applicant: { income: 15_000 }, partner: { income: 10_000 }, rent: { base: 800 } }));
    expect(r.figures.householdType).toBe('multi');
    expect(r.figures.basishuur).toBe(197.24);
    expect(r.monthlyAmount).toBe(460.52);
  });

  it('couple, Y 40,000: 477.0944 − 55.299886 = 421.79451 → 421.80; B 384.66; 92.54 + 133.744 + 46.816 = 273.10', () => {
    const r = checkHuurtoeslag(input(2025, { applicant: { income: 25_000 }, partner: { income: 15_000 }, rent: { base: 800 } }));
    expect(r.figures.normhuur).toBe(421.8);
    expect(r.monthlyAmount).toBe(273.1);
  });

  it('3 persons use AFT 731.93: 279.96 + 0.65·254.73 + 0.40·68.07 = 279.96 + 165.5745 + 27.228 = 472.7625', () => {
    const r = checkHuurtoeslag(input(2025, { partner: { income: 10_000 }, applicant: { income: 10_000 }, coResidents: [{}], rent: { base: 800 } }));
    expect(r.figures.householdSize).toBe(3);
    expect(r.figures.aftoppingsgrens).toBe(731.93);
    expect(r.figures.formulaAmount).toBe(472.7625);
    expect(r.monthlyAmount).toBe(472.76);
  });

  it('2 persons use AFT 682.96 (a single parent with a child is MP)', () => {
    const r = checkHuurtoeslag(input(2025, { coResidents: [{}], rent: { base: 800 } }));
    expect(r.figures.householdType).toBe('multi');
    expect(r.figures.aftoppingsgrens).toBe(682.96);
    expect(r.monthlyAmount).toBe(460.52);
  });
});

describe('2025, service costs (art. 5 lid 3)', () => {
  it('20 + 5 + 12 + 0 counts as 12 + 5 + 12 + 0 = 29; rekenhuur 879: 278.15 + 133.744 + 0.40·196.04 = 490.31', () => {
    const r = checkHuurtoeslag(
      input(2025, { rent: { base: 850, serviceCosts: { shared: 20, cleaning: 5, caretaker: 12, serviceRooms: 0 } } }),
    );
    expect(r.figures.serviceCostsCounted).toBe(29);
    expect(r.figures.rekenhuur).toBe(879);
    expect(r.monthlyAmount).toBe(490.31);
    expect(r.reasons.map((x) => x.code)).toContain('service_costs_capped_2025');
  });

  it('counted service costs can push the rekenhuur over the limit: 860 + 4 × 12 = 908 > 900.07', () => {
    const r = checkHuurtoeslag(
      input(2025, { rent: { base: 860, serviceCosts: { shared: 12, cleaning: 12, caretaker: 12, serviceRooms: 12 } } }),
    );
    expect(r.figures.rekenhuur).toBe(908);
    expect(r.eligible).toBe(false);
    expect(codes(r)).toContain('rent_above_limit_2025');
    expect(codes(r)).not.toContain('service_costs_capped_2025');
  });
});

describe('2025, maximum rent as a condition (art. 13)', () => {
  it('rent 900.07 is allowed, 900.08 is not', () => {
    expect(checkHuurtoeslag(input(2025, { rent: { base: 900.07 } })).eligible).toBe(true);
    const r = checkHuurtoeslag(input(2025, { rent: { base: 900.08 } }));
    expect(r.eligible).toBe(false);
    expect(r.monthlyAmount).toBe(0);
    expect(codes(r)).toContain('rent_above_limit_2025');
  });

  it.each([
    ['adapted for a disability', { dwelling: { adaptedForDisability: true } }],
    ['already received for this dwelling', { previouslyReceivedForThisDwelling: true }],
  ] as const)('exception (%s): rent 1000 counted up to 900.07 → 498.738 → 498.73', (_name, patch) => {
    const r = checkHuurtoeslag(input(2025, { ...patch, rent: { base: 1000 } }));
    expect(r.eligible).toBe(true);
    expect(r.figures.rentCounted).toBe(900.07);
    expect(r.monthlyAmount).toBe(498.73);
    expect(codes(r)).toContain('rent_limit_exception_2025');
  });

  it('exception: 8 persons (couple + 6 children); rent 1000 capped at 900.07, AFT 731.93, Y ≤ MIP: 279.96 + 165.5745 + 0.40·168.14 = 512.7905', () => {
    const r = checkHuurtoeslag(
      input(2025, { partner: {}, coResidents: [{}, {}, {}, {}, {}, {}], rent: { base: 1000 } }),
    );
    expect(r.figures.householdSize).toBe(8);
    expect(r.eligible).toBe(true);
    expect(r.figures.formulaAmount).toBe(512.7905);
    expect(codes(r)).toContain('rent_limit_exception_2025');
  });

  it('7 persons get no exception', () => {
    const r = checkHuurtoeslag(input(2025, { partner: {}, coResidents: [{}, {}, {}, {}, {}], rent: { base: 1000 } }));
    expect(r.eligible).toBe(false);
    expect(codes(r)).toContain('rent_above_limit_2025');
  });
});

describe('2025, youth limit under 23 (art. 13 lid 1 onder b)', () => {
  it('single aged 22, rent 477.20: allowed, 477.20 − 199.05 = 278.15', () => {
    const r = checkHuurtoeslag(input(2025, { applicant: { age: 22 }, rent: { base: 477.2 } }));
    expect(r.figures.maxRentKind).toBe('youth');
    expect(r.monthlyAmount).toBe(278.15);
  });

  it('single aged 22, rent 477.21: not eligible (rent_above_youth_limit_2025)', () => {
    const r = checkHuurtoeslag(input(2025, { applicant: { age: 22 }, rent: { base: 477.21 } }));
    expect(r.eligible).toBe(false);
    expect(codes(r)).toContain('rent_above_youth_limit_2025');
  });

  it('single aged 23, rent 477.21: the higher limit, 278.15 + 0.65·0.01 = 278.1565', () => {
    const r = checkHuurtoeslag(input(2025, { applicant: { age: 23 }, rent: { base: 477.21 } }));
    expect(r.figures.maxRentKind).toBe('standard');
    expect(r.figures.formulaAmount).toBe(278.1565);
  });

  it('applicant 20 with a partner of 23: the oldest decides, higher limit', () => {
    const r = checkHuurtoeslag(input(2025, { applicant: { age: 20 }, partner: { age: 23 }, rent: { base: 600 } }));
    expect(r.figures.maxRentKind).toBe('standard');
    expect(r.eligible).toBe(true);
  });

  it('applicant 20 living with a child: higher limit', () => {
    const r = checkHuurtoeslag(input(2025, { applicant: { age: 20 }, coResidents: [{ age: 1 }], rent: { base: 600 } }));
    expect(r.figures.maxRentKind).toBe('standard');
    expect(r.eligible).toBe(true);
  });

  it('applicant 20 with a flatmate of 22 (not a child): youth limit, rent 600 excluded', () => {
    const r = checkHuurtoeslag(
      input(2025, { applicant: { age: 20 }, coResidents: [{ age: 22, childOfHousehold: false }], rent: { base: 600 } }),
    );
    expect(r.figures.maxRentKind).toBe('youth');
    expect(codes(r)).toContain('rent_above_youth_limit_2025');
  });

  it('young household with an exception is counted up to 477.20: only the 100 % band, 278.15', () => {
    const r = checkHuurtoeslag(
      input(2025, { applicant: { age: 20 }, rent: { base: 600 }, previouslyReceivedForThisDwelling: true }),
    );
    expect(r.figures.rentCounted).toBe(477.2);
    expect(r.monthlyAmount).toBe(278.15);
  });
});

describe('2025, child income exemption (Awir art. 7 lid 5, € 6,042)', () => {
  it('parent 30,000 + child of 22 earning 6,042: Y = 30,000 + 0 ≤ MIP 30,450; B 197.24; rent 700: 279.96 + 133.744 + 6.816 = 420.52', () => {
    const r = checkHuurtoeslag(
      input(2025, { applicant: { age: 50, income: 30_000 }, coResidents: [{ age: 22, income: 6_042 }], rent: { base: 700 } }),
    );
    expect(r.figures.rekeninkomen).toBe(30_000);
    expect(r.monthlyAmount).toBe(420.52);
    expect(codes(r)).toContain('child_income_exemption_applied');
  });

  it('the same child at 23 counts fully: Y 36,042 → 0.000000298184·Y² − 0.001382497146·Y = 337.5207 → 337.53; B 300.39; 176.81 + 133.744 + 6.816 = 317.37', () => {
    const r = checkHuurtoeslag(
      input(2025, { applicant: { age: 50, income: 30_000 }, coResidents: [{ age: 23, income: 6_042 }], rent: { base: 700 } }),
    );
    expect(r.figures.rekeninkomen).toBe(36_042);
    expect(r.figures.basishuur).toBe(300.39);
    expect(r.monthlyAmount).toBe(317.37);
    expect(codes(r)).not.toContain('child_income_exemption_applied');
  });

  it('child income above the exemption counts for the excess only: 10,000 − 6,042 = 3,958', () => {
    const r = checkHuurtoeslag(input(2025, { applicant: { income: 10_000 }, coResidents: [{ age: 19, income: 10_000 }] }));
    expect(r.figures.rekeninkomen).toBe(13_958);
  });

  it('a co-resident of 19 who is not a child of the household counts fully', () => {
    const r = checkHuurtoeslag(
      input(2025, { applicant: { income: 10_000 }, coResidents: [{ age: 19, income: 10_000, childOfHousehold: false }] }),
    );
    expect(r.figures.rekeninkomen).toBe(20_000);
  });
});
