import { describe, expect, it } from 'vitest';
import { checkHuurtoeslag } from '../../../src/domain/huurtoeslag/check-huurtoeslag.js';
import { input } from './input-builder.js';

/**
 * 2026 cases derived by hand from W26 arts. 5, 13, 17, 20, 21, V26 art. 1 onder c and Besluit art. 7.
 * Constants: basishuur EP = 252.49 − 1.82 − 48.15 = 202.52, MP = 252.49 − 3.63 − 48.15 = 200.71;
 * KKG 498.20; AFT 713.02 (1–2 p) / 764.14 (3+); MAX cap 932.93, youth cap 498.20 (under 21);
 * MIP EP 23,425, MP 31,500; taper (Y − MIP) × 27 % (EP) or 22 % (MP) / 12 a month.
 */
const codes = (r: ReturnType<typeof checkHuurtoeslag>) => r.reasons.map((x) => x.code);

describe('2026, single person (EP), income at or below the MIP', () => {
  it('rent 1000: 295.68 + 0.65·214.82 + 0.40·219.91 = 295.68 + 139.633 + 87.964 = 523.277 → 523.27', () => {
    const r = checkHuurtoeslag(input(2026, { rent: { base: 1000 } }));
    expect(r.eligible).toBe(true);
    expect(r.figures.basishuur).toBe(202.52);
    expect(r.figures.rentCounted).toBe(932.93);
    expect(r.figures.bands.map((b) => b.amount)).toEqual([295.68, 139.633, 87.964]);
    expect(r.figures.formulaAmount).toBe(523.277);
    expect(r.monthlyAmount).toBe(523.27);
    expect(r.monthlyAmountWholeEuros).toBe(523);
    expect(r.figures.taper).toEqual({ percent: 27, incomeAboveMinimum: 0, monthlyAmount: 0 });
    expect(codes(r)).toEqual(['rent_above_cap_2026', 'indicative_only', 'how_to_apply']);
  });

  it('rent far above the cap (2,500) is not a condition: still 523.27', () => {
    const r = checkHuurtoeslag(input(2026, { rent: { base: 2_500 } }));
    expect(r.eligible).toBe(true);
    expect(r.monthlyAmount).toBe(523.27);
  });
});

describe('2026, rent band boundaries (EP, basishuur 202.52)', () => {
  it.each([
    [202.52, 0, 0], // rent = basishuur
    [202.53, 0.01, 0.01],
    [498.2, 295.68, 295.68], // rent = KKG
    [498.21, 295.6865, 295.68], // + 0.65 × 0.01
    [713.02, 435.313, 435.31], // rent = AFT: 295.68 + 139.633
    [713.03, 435.317, 435.31], // + 0.40 × 0.01
    [932.93, 523.277, 523.27], // rent = MAX
    [932.94, 523.277, 523.27], // above the cap: nothing more
  ])('rent %f → formula %f → %f a month', (rent, formula, amount) => {
    const r = checkHuurtoeslag(input(2026, { rent: { base: rent } }));
    expect(r.figures.formulaAmount).toBe(formula);
    expect(r.monthlyAmount).toBe(amount);
  });

  it('rent 202.52: not eligible, rent_below_basishuur', () => {
    const r = checkHuurtoeslag(input(2026, { rent: { base: 202.52 } }));
    expect(r.eligible).toBe(false);
    expect(codes(r)).toContain('rent_below_basishuur');
  });
});

describe('2026, linear income taper (art. 21 lid 2)', () => {
  it('EP at the MIP 23,425: no taper, 523.27', () => {
    const r = checkHuurtoeslag(input(2026, { applicant: { income: 23_425 }, rent: { base: 1000 } }));
    expect(r.monthlyAmount).toBe(523.27);
    expect(codes(r)).not.toContain('income_lowers_amount');
  });

  it('EP 23,426: taper 1 × 0.27 / 12 = 0.0225; 523.277 − 0.0225 = 523.2545 → 523.25', () => {
    const r = checkHuurtoeslag(input(2026, { applicant: { income: 23_426 }, rent: { base: 1000 } }));
    expect(r.figures.taper?.monthlyAmount).toBe(0.0225);
    expect(r.monthlyAmount).toBe(523.25);
    expect(codes(r)).toContain('income_lowers_amount');
  });

  it('EP 30,000: taper 6,575 × 0.27 / 12 = 147.9375; 523.277 − 147.9375 = 375.3395 → 375.33', () => {
    const r = checkHuurtoeslag(input(2026, { applicant: { income: 30_000 }, rent: { base: 1000 } }));
    expect(r.figures.taper).toEqual({ percent: 27, incomeAboveMinimum: 6_575, monthlyAmount: 147.9375 });
    expect(r.figures.formulaAmount).toBe(375.3395);
    expect(r.monthlyAmount).toBe(375.33);
    expect(r.monthlyAmountWholeEuros).toBe(375);
  });

  it('EP 46,681.31: taper 23,256.31 × 0.27 / 12 = 523.266975; 523.277 − 523.266975 = 0.010025 → 0.01', () => {
    const r = checkHuurtoeslag(input(2026, { applicant: { income: 46_681.31 }, rent: { base: 1000 } }));
    expect(r.eligible).toBe(true);
    expect(r.monthlyAmount).toBe(0.01);
    expect(r.monthlyAmountWholeEuros).toBe(0);
    expect(codes(r)).toContain('small_amount_payout_unconfirmed');
  });

  it('EP 46,681.32: taper 523.2672 leaves 0.0098, less than a cent → 0, income_too_high', () => {
    const r = checkHuurtoeslag(input(2026, { applicant: { income: 46_681.32 }, rent: { base: 1000 } }));
    expect(r.eligible).toBe(false);
    expect(r.monthlyAmount).toBe(0);
    expect(codes(r)).toContain('income_too_high');
  });

  it('MP couple at the MIP 31,500, rent 700: 297.49 + 0.65·201.80 = 297.49 + 131.17 = 428.66', () => {
    const r = checkHuurtoeslag(input(2026, { applicant: { income: 21_500 }, partner: { income: 10_000 }, rent: { base: 700 } }));
    expect(r.figures.basishuur).toBe(200.71);
    expect(r.monthlyAmount).toBe(428.66);
  });

  it('MP couple 41,500: taper 10,000 × 0.22 / 12 = 183.3333…; 428.66 − 183.3333 = 245.3266… → 245.32', () => {
    const r = checkHuurtoeslag(input(2026, { applicant: { income: 31_500 }, partner: { income: 10_000 }, rent: { base: 700 } }));
    expect(r.figures.taper?.percent).toBe(22);
    expect(r.monthlyAmount).toBe(245.32);
  });

  it('MP of 3 at the cap: 297.49 + 0.65·265.94 + 0.40·168.79 = 297.49 + 172.861 + 67.516 = 537.867', () => {
    const r = checkHuurtoeslag(input(2026, { applicant: { income: 10_000 }, partner: { income: 10_000 }, coResidents: [{}], rent: { base: 1_200 } }));
    expect(r.figures.aftoppingsgrens).toBe(764.14);
    expect(r.figures.formulaAmount).toBe(537.867);
    expect(r.monthlyAmount).toBe(537.86);
  });
});

describe('2026, youth cap under 21 (art. 13)', () => {
  it('single aged 20, rent 600: counted up to 498.20 → 498.20 − 202.52 = 295.68, still eligible', () => {
    const r = checkHuurtoeslag(input(2026, { applicant: { age: 20 }, rent: { base: 600 } }));
    expect(r.eligible).toBe(true);
    expect(r.figures.maxRentKind).toBe('youth');
    expect(r.figures.rentCounted).toBe(498.2);
    expect(r.monthlyAmount).toBe(295.68);
    expect(codes(r)).toContain('rent_above_youth_cap_2026');
  });

  it('single aged 21, rent 600: 295.68 + 0.65·101.80 = 295.68 + 66.17 = 361.85', () => {
    const r = checkHuurtoeslag(input(2026, { applicant: { age: 21 }, rent: { base: 600 } }));
    expect(r.figures.maxRentKind).toBe('standard');
    expect(r.monthlyAmount).toBe(361.85);
  });

  it('aged 22 was "young" in 2025 but not in 2026', () => {
    expect(checkHuurtoeslag(input(2025, { applicant: { age: 22 }, rent: { base: 400 } })).figures.maxRentKind).toBe('youth');
    expect(checkHuurtoeslag(input(2026, { applicant: { age: 22 }, rent: { base: 400 } })).figures.maxRentKind).toBe('standard');
  });
});

describe('2026, service costs no longer count (art. 5)', () => {
  it('base 700 + 48 service costs gives exactly what base 700 gives: 295.68 + 0.65·201.80 = 426.85', () => {
    const withCosts = checkHuurtoeslag(
      input(2026, { rent: { base: 700, serviceCosts: { shared: 12, cleaning: 12, caretaker: 12, serviceRooms: 12 } } }),
    );
    const without = checkHuurtoeslag(input(2026, { rent: { base: 700 } }));
    expect(withCosts.figures.serviceCostsCounted).toBe(0);
    expect(withCosts.figures.rekenhuur).toBe(700);
    expect(withCosts.monthlyAmount).toBe(426.85);
    expect(without.monthlyAmount).toBe(426.85);
    expect(codes(withCosts)).toContain('service_costs_not_counted_2026');
    expect(codes(without)).not.toContain('service_costs_not_counted_2026');
  });
});

describe('2026, child income exemption not found', () => {
  it('a child of 19 with income: the full income counts and the person is told the exemption is unknown', () => {
    const r = checkHuurtoeslag(input(2026, { applicant: { income: 20_000 }, coResidents: [{ age: 19, income: 5_000 }] }));
    expect(r.figures.rekeninkomen).toBe(25_000);
    expect(codes(r)).toContain('child_income_exemption_unknown_2026');
    expect(codes(r)).not.toContain('child_income_exemption_applied');
  });

  it('a child without income raises nothing', () => {
    const r = checkHuurtoeslag(input(2026, { coResidents: [{ age: 19, income: 0 }] }));
    expect(codes(r)).not.toContain('child_income_exemption_unknown_2026');
  });
});
