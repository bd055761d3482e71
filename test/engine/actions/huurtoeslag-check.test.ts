import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHuurtoeslag } from '../../../src/domain/huurtoeslag/check-huurtoeslag.js';
import { huurtoeslagInputSchema } from '../../../src/domain/huurtoeslag/huurtoeslag-input.js';
import { defaultActions } from '../../../src/engine/actions/action-registry.js';
import { benefitYearFor, huurtoeslagCheck } from '../../../src/engine/actions/huurtoeslag-check.js';
import type { Answers } from '../../../src/engine/session-state.js';

const now = new Date('2026-11-22T10:00:00+01:00');

/** A single tenant of 34 who answered every question: main home, self-contained, lawful, registered, no assets. */
const single: Answers = {
  ht_main_home: 'yes',
  ht_self_contained: 'yes',
  ht_age: 34,
  ht_status: 'yes',
  ht_registered: 'yes',
  ht_partner: 'no',
  ht_others: 'none',
  ht_assets: 'no',
  ht_rent: 700,
  ht_income: 15_006,
};

function run(answers: Answers, at: Date = now) {
  return huurtoeslagCheck.run({}, answers, at);
}

describe('huurtoeslag_check action', () => {
  it('is registered with its outcomes', () => {
    expect(defaultActions.get('huurtoeslag_check')).toBe(huurtoeslagCheck);
    expect(huurtoeslagCheck.outcomes).toEqual(['eligible', 'not_eligible', 'incomplete']);
  });

  it('single, 2026, income below the minimum income point, rent € 700: € 426.85 a month', () => {
    // 2026 EP: basishuur 202.52; 100 % band 498.20 − 202.52 = 295.68; 65 % of (700 − 498.20) = 131.17; no taper.
    const { set, outcome } = run(single);
    expect(outcome).toBe('eligible');
    expect(set).toMatchObject({ ht_year: 2026, ht_eligible: true, ht_amount: 426.85, ht_amount_whole: 426 });
    expect(set['ht_reasons']).toBe('indicative_only,how_to_apply');
    expect(set['ht_exclusions']).toBeNull();
    expect(set['ht_notes']).toBeNull();
  });

  it('gives what the domain gives for the same household built by hand', () => {
    const answers: Answers = {
      ...single,
      ht_age: 'age_23_plus',
      ht_partner: 'yes',
      ht_partner_status: 'yes',
      ht_partner_registered: 'yes',
      ht_others: 2,
      ht_others_who: 'children',
      ht_others_registered: 'yes',
      ht_rent: 950,
      ht_income: 38_000,
    };
    const expected = checkHuurtoeslag(
      huurtoeslagInputSchema.parse({
        year: 2026,
        applicant: { age: 23, residence: 'nl', registeredAtAddress: true, income: 38_000 },
        partner: { age: 23, residence: 'nl', registeredAtAddress: true, income: 0 },
        coResidents: [1, 2].map(() => ({ age: 17, residence: 'nl', registeredAtAddress: true, income: 0, assets: 0, childOfHousehold: true, subtenant: false })),
        assets: 0,
        dwelling: { mainResidence: true, selfContained: true, adaptedForDisability: false },
        rent: { base: 950 },
      }),
    );
    const { set, outcome } = run(answers);
    expect(outcome).toBe('eligible');
    expect(set['ht_amount']).toBe(expected.monthlyAmount);
    expect(set['ht_amount']).toBeGreaterThan(0);
    expect(set['ht_notes']).toBe('rent_above_cap_2026,income_lowers_amount');
  });

  it('an income per month counts twelve times', () => {
    const monthly = run({ ...single, ht_income: 1_250.5, ht_income_period: 'month' });
    expect(monthly.set['ht_amount']).toBe(run(single).set['ht_amount']);
    const yearly = run({ ...single, ht_income: 1_250.5, ht_income_period: 'year' });
    expect(yearly.set['ht_amount']).toBe(monthly.set['ht_amount']); // both at or below the minimum income point
    const high = run({ ...single, ht_income: 4_000, ht_income_period: 'month' });
    expect(high.set['ht_amount']).toBeLessThan(monthly.set['ht_amount'] as number);
  });

  it('names the reason for a no', () => {
    expect(run({ ...single, ht_age: 'under_18' }).set['ht_exclusions']).toBe('applicant_under_18');
    expect(run({ ...single, ht_age: 16 }).set['ht_exclusions']).toBe('applicant_under_18');
    expect(run({ ...single, ht_assets: 'yes' }).set['ht_exclusions']).toBe('assets_above_limit');
    expect(run({ ...single, ht_assets: 'yes', ht_partner: 'yes', ht_partner_status: 'yes', ht_partner_registered: 'yes' }).set['ht_exclusions']).toBe('assets_above_limit');
    expect(run({ ...single, ht_assets: 40_000 }).set['ht_exclusions']).toBe('assets_above_limit');
    expect(run({ ...single, ht_assets: 30_000 }).outcome).toBe('eligible');
    expect(run({ ...single, ht_partner: 'yes', ht_partner_status: 'no', ht_partner_registered: 'yes' }).set['ht_exclusions']).toBe('partner_no_residence_status');
    const adults: Answers = { ...single, ht_others: 'one', ht_others_who: 'adults', ht_others_status: 'yes', ht_others_registered: 'yes', ht_others_assets: 'no' };
    expect(run(adults).outcome).toBe('eligible');
    expect(run({ ...adults, ht_others_status: 'no' }).set['ht_exclusions']).toBe('co_resident_no_residence_status');
    expect(run({ ...adults, ht_others_registered: 'no' }).set['ht_exclusions']).toBe('co_resident_not_registered');
    expect(run({ ...adults, ht_others_assets: 'yes' }).set['ht_exclusions']).toBe('co_resident_assets_above_limit');
    const tooHigh = run({ ...single, ht_income: 80_000 });
    expect(tooHigh).toMatchObject({ outcome: 'not_eligible', set: { ht_eligible: false, ht_amount: 0, ht_exclusions: 'income_too_high' } });
    expect(run({ ...single, ht_rent: 150 }).set['ht_exclusions']).toBe('rent_below_basishuur');
  });

  it('a partner not registered here does not count: still eligible, with a note', () => {
    const { set, outcome } = run({ ...single, ht_partner: 'yes', ht_partner_status: 'no', ht_partner_registered: 'no' });
    expect(outcome).toBe('eligible');
    expect(set['ht_notes']).toBe('partner_not_registered_not_counted');
  });

  it('young adults sharing with a young tenant get the youth rent limit; a child in the home lifts it', () => {
    const young: Answers = { ...single, ht_age: 'age_18_20', ht_rent: 600 };
    expect(run(young).set['ht_notes']).toBe('rent_above_youth_cap_2026');
    const withHousemate = { ...young, ht_others: 1, ht_others_who: 'adults', ht_others_status: 'yes', ht_others_registered: 'yes', ht_others_assets: 'no' };
    expect(run(withHousemate).set['ht_notes']).toBe('rent_above_youth_cap_2026');
    const withChild = { ...young, ht_others: 1, ht_others_who: 'children', ht_others_registered: 'yes' };
    expect(run(withChild).set['ht_notes']).toBeNull();
  });

  it('uses the 2025 rules in 2025: a rent above € 900.07 rules it out', () => {
    const { set, outcome } = run({ ...single, ht_rent: 950 }, new Date('2025-06-02T10:00:00+02:00'));
    expect(outcome).toBe('not_eligible');
    expect(set).toMatchObject({ ht_year: 2025, ht_exclusions: 'rent_above_limit_2025', ht_assets_limit: 37_395 });
  });

  it('incomplete when an answer is missing or not known, and clears an earlier result', () => {
    for (const name of Object.keys(single)) {
      const answers: Answers = { ...single, ht_eligible: true, ht_amount: 400 };
      delete answers[name];
      const { set, outcome } = run(answers);
      expect(outcome, name).toBe('incomplete');
      expect(set, name).toMatchObject({ ht_eligible: null, ht_amount: null, ht_amount_whole: null, ht_reasons: null, ht_exclusions: null, ht_notes: null });
    }
    expect(run({ ...single, ht_rent: 'dont_know' }).outcome).toBe('incomplete');
    expect(run({ ...single, ht_partner: 'yes' }).outcome).toBe('incomplete');
    expect(run({ ...single, ht_others: 2 }).outcome).toBe('incomplete');
    expect(run({ ...single, ht_others: 2, ht_others_who: 'adults', ht_others_registered: 'yes' }).outcome).toBe('incomplete');
    expect(run({ ...single, ht_age: 'toString' }).outcome).toBe('incomplete');
  });

  it('incomplete, not a throw, for figures outside what the check accepts', () => {
    expect(run({ ...single, ht_rent: 1e12 }).outcome).toBe('incomplete');
    expect(run({ ...single, ht_income: 1e15 }).outcome).toBe('incomplete');
    expect(run({ ...single, ht_age: 200 }).outcome).toBe('incomplete');
    expect(run({ ...single, ht_others: 50, ht_others_who: 'children', ht_others_registered: 'yes' }).outcome).toBe('incomplete');
    expect(run({ ...single, ht_rent: -5 }).outcome).toBe('incomplete');
    expect(run({ ...single, ht_rent: Number.NaN }).outcome).toBe('incomplete');
  });

  it('always stores the year and the asset limits the questions name', () => {
    expect(run({}).set).toMatchObject({ ht_year: 2026, ht_assets_limit: 38_479, ht_assets_limit_partner: 76_958, ht_assets_limit_co_resident: 38_479 });
  });

  it('never throws, whatever the answers', () => {
    const value = fc.oneof(fc.constantFrom('yes', 'no', 'dont_know', 'month', 'children', 'adults', 'none', 'three_plus', 'under_18', '__proto__'), fc.double(), fc.integer(), fc.boolean(), fc.constant(null));
    const keys = [...Object.keys(single), 'ht_partner_status', 'ht_partner_registered', 'ht_others_who', 'ht_others_status', 'ht_others_registered', 'ht_others_assets', 'ht_income_period'];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), value), fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (answers, at) => {
        const { outcome, set } = huurtoeslagCheck.run({}, { ...single, ...answers }, at);
        expect(huurtoeslagCheck.outcomes).toContain(outcome);
        if (outcome !== 'incomplete') expect(typeof set['ht_amount']).toBe('number');
      }),
    );
  });
});

describe('benefitYearFor', () => {
  it('is the Dutch calendar year when the domain has it, else the latest year it has', () => {
    expect(benefitYearFor(new Date('2025-03-01T12:00:00Z'))).toBe(2025);
    expect(benefitYearFor(new Date('2026-06-01T12:00:00Z'))).toBe(2026);
    // 23:30 UTC on 31 December is already New Year in Amsterdam.
    expect(benefitYearFor(new Date('2025-12-31T23:30:00Z'))).toBe(2026);
    expect(benefitYearFor(new Date('2027-02-01T12:00:00Z'))).toBe(2026);
  });
});
