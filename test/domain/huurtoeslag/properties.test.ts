import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHuurtoeslag } from '../../../src/domain/huurtoeslag/check-huurtoeslag.js';
import { huurtoeslagInputSchema, type HuurtoeslagInput } from '../../../src/domain/huurtoeslag/huurtoeslag-input.js';
import { reasonCodes } from '../../../src/domain/huurtoeslag/reason-codes.js';
import { inputArb, serviceCostsArb } from './arbitrary-input.js';

const runs = { numRuns: 3_000 };
const MAX_INCOME = 10_000_000;
const MAX_ASSETS = 100_000_000;
const add = (value: number, delta: number, max: number) => Math.min(max, Math.round((value + delta) * 100) / 100);

/** Raise one person's income: -1 the applicant, -2 the partner, i ≥ 0 co-resident i. */
function withMoreIncome(input: HuurtoeslagInput, who: number, delta: number): HuurtoeslagInput {
  if (who === -1) return { ...input, applicant: { ...input.applicant, income: add(input.applicant.income, delta, MAX_INCOME) } };
  if (who === -2) {
    return input.partner === undefined
      ? input
      : { ...input, partner: { ...input.partner, income: add(input.partner.income, delta, MAX_INCOME) } };
  }
  const coResidents = (input.coResidents ?? []).map((c, i) => (i === who ? { ...c, income: add(c.income, delta, MAX_INCOME) } : c));
  return { ...input, coResidents };
}

const euroDelta = fc.integer({ min: 1, max: 5_000_000 }).map((cents) => cents / 100);

describe('huurtoeslag properties (fast-check)', () => {
  it('generated inputs are valid for the schema (so the properties cover real API input)', () => {
    fc.assert(fc.property(inputArb, (input) => huurtoeslagInputSchema.safeParse(input).success), { numRuns: 500 });
  });

  it('the amount is never below 0, is 0 when not eligible, and the whole-euro figure is the amount rounded down', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = checkHuurtoeslag(input);
        expect(r.monthlyAmountCents).toBeGreaterThanOrEqual(0);
        expect(Number.isInteger(r.monthlyAmountCents)).toBe(true);
        expect(r.monthlyAmount).toBe(r.monthlyAmountCents / 100);
        expect(r.monthlyAmountWholeEuros).toBe(Math.floor(r.monthlyAmount));
        expect(r.eligible).toBe(r.monthlyAmountCents > 0);
        for (const reason of r.reasons) {
          expect(reasonCodes).toContain(reason.code);
          expect(reason.textKey).toBe(`huurtoeslag:reason.${reason.code}`);
        }
      }),
      runs,
    );
  });

  it('the figures add up: bands − taper = formula amount, and the amount is that, truncated to cents', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { figures, eligible, monthlyAmount } = checkHuurtoeslag(input);
        const sum = figures.bands.reduce((s, b) => s + b.amount, 0);
        expect(sum).toBeCloseTo(figures.amountBeforeTaper, 3);
        for (const b of figures.bands) expect(b.amount).toBeCloseTo(((b.to - b.from) * b.percent) / 100, 3);
        expect(Math.max(0, figures.amountBeforeTaper - (figures.taper?.monthlyAmount ?? 0))).toBeCloseTo(figures.formulaAmount, 3);
        if (eligible) expect(monthlyAmount).toBe(Math.floor(Math.round(figures.formulaAmount * 10_000) / 100) / 100);
      }),
      runs,
    );
  });

  it('is pure: the same input gives the same result', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(checkHuurtoeslag(input)).toEqual(checkHuurtoeslag(structuredClone(input)));
      }),
      { numRuns: 300 },
    );
  });

  it('never rises when anyone\'s income rises', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: -2, max: 7 }), euroDelta, (input, who, delta) => {
        const before = checkHuurtoeslag(input).monthlyAmountCents;
        const after = checkHuurtoeslag(withMoreIncome(input, who, delta)).monthlyAmountCents;
        expect(after).toBeLessThanOrEqual(before);
      }),
      runs,
    );
  });

  it('never rises when income rises by one cent around the minimum income points', () => {
    const nearMip = fc.constantFrom(22_700, 23_425, 30_450, 31_500).chain((mip) =>
      fc.integer({ min: -500, max: 500 }).map((cents) => mip + cents / 100),
    );
    fc.assert(
      fc.property(inputArb, nearMip, (input, income) => {
        const base: HuurtoeslagInput = { ...input, applicant: { ...input.applicant, income }, partner: undefined, coResidents: [] };
        const before = checkHuurtoeslag(base).monthlyAmountCents;
        const after = checkHuurtoeslag(withMoreIncome(base, -1, 0.01)).monthlyAmountCents;
        expect(after).toBeLessThanOrEqual(before);
      }),
      runs,
    );
  });

  it('never rises when assets rise (the household\'s or a co-resident\'s)', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: -1, max: 7 }), euroDelta, (input, who, delta) => {
        const raised: HuurtoeslagInput =
          who === -1
            ? { ...input, assets: add(input.assets, delta, MAX_ASSETS) }
            : { ...input, coResidents: (input.coResidents ?? []).map((c, i) => (i === who ? { ...c, assets: add(c.assets, delta, MAX_ASSETS) } : c)) };
        expect(checkHuurtoeslag(raised).monthlyAmountCents).toBeLessThanOrEqual(checkHuurtoeslag(input).monthlyAmountCents);
      }),
      runs,
    );
  });

  it('in 2026 never depends on service costs', () => {
    fc.assert(
      fc.property(inputArb, serviceCostsArb, (generated, serviceCosts) => {
        const input: HuurtoeslagInput = { ...generated, year: 2026 };
        const without = checkHuurtoeslag({ ...input, rent: { base: input.rent.base } });
        const withCosts = checkHuurtoeslag({ ...input, rent: { base: input.rent.base, serviceCosts } });
        expect(withCosts.monthlyAmountCents).toBe(without.monthlyAmountCents);
        expect(withCosts.eligible).toBe(without.eligible);
        expect(withCosts.figures).toEqual(without.figures);
      }),
      runs,
    );
  });
});
