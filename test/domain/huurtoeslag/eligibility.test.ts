import { describe, expect, it } from 'vitest';
import { checkHuurtoeslag } from '../../../src/domain/huurtoeslag/check-huurtoeslag.js';
import { benefitYears } from '../../../src/domain/huurtoeslag/params-by-year.js';
import { input } from './input-builder.js';

const codes = (r: ReturnType<typeof checkHuurtoeslag>) => r.reasons.map((x) => x.code);

describe.each(benefitYears)('eligibility rules, %i', (year) => {
  it('a baseline case is eligible with an amount', () => {
    const r = checkHuurtoeslag(input(year));
    expect(r.eligible).toBe(true);
    expect(r.monthlyAmount).toBeGreaterThan(0);
  });

  it('not the main residence (art. 1 onder c): not eligible, amount 0', () => {
    const r = checkHuurtoeslag(input(year, { dwelling: { mainResidence: false } }));
    expect(r.eligible).toBe(false);
    expect(r.monthlyAmount).toBe(0);
    expect(r.monthlyAmountWholeEuros).toBe(0);
    expect(codes(r)).toContain('not_main_residence');
    expect(codes(r)).not.toContain('how_to_apply');
  });

  it('not self-contained (art. 11): not eligible', () => {
    const r = checkHuurtoeslag(input(year, { dwelling: { selfContained: false } }));
    expect(r.eligible).toBe(false);
    expect(codes(r)).toContain('not_self_contained');
  });

  it('age 17: not eligible; age 18: eligible (art. 8)', () => {
    expect(codes(checkHuurtoeslag(input(year, { applicant: { age: 17 }, rent: { base: 450 } })))).toContain('applicant_under_18');
    expect(checkHuurtoeslag(input(year, { applicant: { age: 18 }, rent: { base: 450 } })).eligible).toBe(true);
  });

  it.each(['nl', 'eu', 'permit', 'ukraine'] as const)('residence %s qualifies (art. 10)', (residence) => {
    expect(checkHuurtoeslag(input(year, { applicant: { residence } })).eligible).toBe(true);
  });

  it('no residence status: applicant, partner and adult co-resident each exclude', () => {
    expect(codes(checkHuurtoeslag(input(year, { applicant: { residence: 'none' } })))).toContain('applicant_no_residence_status');
    expect(codes(checkHuurtoeslag(input(year, { partner: { residence: 'none' } })))).toContain('partner_no_residence_status');
    const adultCo = checkHuurtoeslag(input(year, { coResidents: [{ age: 18, residence: 'none' }] }));
    expect(adultCo.eligible).toBe(false);
    expect(codes(adultCo)).toContain('co_resident_no_residence_status');
  });

  it('a minor child without residence status does not exclude (since 2022)', () => {
    const r = checkHuurtoeslag(input(year, { coResidents: [{ age: 17, residence: 'none' }] }));
    expect(r.eligible).toBe(true);
  });

  it('a subtenant without residence status does not exclude: not part of the household', () => {
    const r = checkHuurtoeslag(
      input(year, { coResidents: [{ age: 30, residence: 'none', childOfHousehold: false, subtenant: true, income: 50_000 }] }),
    );
    expect(r.eligible).toBe(true);
    expect(r.figures.householdSize).toBe(1);
    expect(r.figures.rekeninkomen).toBe(20_000);
  });

  it('applicant not registered at the address (art. 9): not eligible', () => {
    const r = checkHuurtoeslag(input(year, { applicant: { registeredAtAddress: false } }));
    expect(r.eligible).toBe(false);
    expect(codes(r)).toContain('applicant_not_registered');
  });

  it('a co-resident not registered at the address: not eligible', () => {
    const r = checkHuurtoeslag(input(year, { coResidents: [{ registeredAtAddress: false }] }));
    expect(r.eligible).toBe(false);
    expect(codes(r)).toContain('co_resident_not_registered');
  });

  it('a partner not registered at the address does not count (art. 1a lid 3): single household, partner income ignored', () => {
    const r = checkHuurtoeslag(input(year, { partner: { registeredAtAddress: false, income: 80_000 } }));
    expect(r.eligible).toBe(true);
    expect(r.figures.householdType).toBe('single');
    expect(r.figures.rekeninkomen).toBe(20_000);
    expect(codes(r)).toContain('partner_not_registered_not_counted');
  });

  it('a subtenant who is a child of the household still counts as co-resident', () => {
    const r = checkHuurtoeslag(input(year, { coResidents: [{ age: 30, income: 10_000, subtenant: true, childOfHousehold: true }] }));
    expect(r.figures.householdSize).toBe(2);
    expect(r.figures.rekeninkomen).toBe(30_000);
    expect(codes(r)).toContain('subtenant_family_counted');
  });

  it('every disqualifier that applies is reported, in the order of the questions', () => {
    const r = checkHuurtoeslag(
      input(year, {
        applicant: { age: 17, residence: 'none', registeredAtAddress: false },
        dwelling: { mainResidence: false, selfContained: false },
      }),
    );
    expect(codes(r).slice(0, 5)).toEqual([
      'not_main_residence',
      'not_self_contained',
      'applicant_under_18',
      'applicant_no_residence_status',
      'applicant_not_registered',
    ]);
    // The formula still shows what the sum would be; the amount paid is 0.
    expect(r.figures.formulaAmount).toBeGreaterThan(0);
    expect(r.monthlyAmount).toBe(0);
  });
});

describe('asset limits on 1 January (Awir art. 7)', () => {
  it.each([
    [2025, 37_395, 74_790],
    [2026, 38_479, 76_958],
  ] as const)('%i: single limit %i, with partner %i; one cent more excludes', (year, single, joint) => {
    expect(checkHuurtoeslag(input(year, { assets: single })).eligible).toBe(true);
    const over = checkHuurtoeslag(input(year, { assets: single + 0.01 }));
    expect(over.eligible).toBe(false);
    expect(codes(over)).toContain('assets_above_limit');

    expect(checkHuurtoeslag(input(year, { partner: {}, assets: joint })).eligible).toBe(true);
    expect(codes(checkHuurtoeslag(input(year, { partner: {}, assets: joint + 0.01 })))).toContain('assets_above_limit');
  });

  it.each([
    [2025, 37_395],
    [2026, 38_479],
  ] as const)('%i: a minor child\'s assets are added to the household\'s: (limit − 100) + 100 is fine, + 100.01 is over', (year, limit) => {
    expect(checkHuurtoeslag(input(year, { assets: limit - 100, coResidents: [{ age: 10, assets: 100 }] })).eligible).toBe(true);
    const r = checkHuurtoeslag(input(year, { assets: limit - 100, coResidents: [{ age: 10, assets: 100.01 }] }));
    expect(codes(r)).toContain('assets_above_limit');
    expect(r.figures.assets.household).toBe(limit + 0.01);
  });

  it.each([
    [2025, 37_395],
    [2026, 38_479],
  ] as const)('%i: each adult co-resident is tested on its own against %i', (year, limit) => {
    const atLimit = checkHuurtoeslag(input(year, { assets: limit, coResidents: [{ age: 30, childOfHousehold: false, assets: limit }] }));
    expect(atLimit.eligible).toBe(true);
    expect(atLimit.figures.assets.household).toBe(limit);
    const over = checkHuurtoeslag(input(year, { coResidents: [{ age: 30, childOfHousehold: false, assets: limit + 0.01 }] }));
    expect(over.eligible).toBe(false);
    expect(codes(over)).toContain('co_resident_assets_above_limit');
    expect(codes(over)).not.toContain('assets_above_limit');
  });

  it('an adult child (18+) is tested separately, not added to the parent', () => {
    const r = checkHuurtoeslag(input(2025, { assets: 30_000, coResidents: [{ age: 18, assets: 30_000 }] }));
    expect(r.eligible).toBe(true);
    expect(r.figures.assets.household).toBe(30_000);
  });

  it('a subtenant\'s assets do not count', () => {
    const r = checkHuurtoeslag(input(2025, { coResidents: [{ age: 40, childOfHousehold: false, subtenant: true, assets: 1_000_000 }] }));
    expect(r.eligible).toBe(true);
  });
});
