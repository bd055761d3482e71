import { describe, expect, it } from 'vitest';
import { huurtoeslagInputSchema } from '../../../src/domain/huurtoeslag/huurtoeslag-input.js';

const valid = {
  year: 2025,
  applicant: { age: 27, residence: 'nl', registeredAtAddress: true, income: 25_000 },
  assets: 10_000,
  dwelling: { mainResidence: true, selfContained: true, adaptedForDisability: false },
  rent: { base: 700 },
};

const paths = (value: unknown) => {
  const r = huurtoeslagInputSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('huurtoeslag input schema', () => {
  it('accepts the example of the issue, with all optional parts', () => {
    const full = {
      ...valid,
      partner: { age: 30, residence: 'eu', registeredAtAddress: true, income: 10_000 },
      coResidents: [{ age: 5, residence: 'none', registeredAtAddress: true, income: 0, assets: 0, childOfHousehold: true, subtenant: false }],
      rent: { base: 700, serviceCosts: { shared: 12, cleaning: 12, caretaker: 12, serviceRooms: 12 } },
      previouslyReceivedForThisDwelling: false,
    };
    expect(huurtoeslagInputSchema.safeParse(full).success).toBe(true);
    expect(huurtoeslagInputSchema.safeParse(valid).success).toBe(true);
  });

  it('rejects years without parameters', () => {
    expect(paths({ ...valid, year: 2024 })).toEqual(['year']);
    expect(paths({ ...valid, year: 2027 })).toEqual(['year']);
  });

  it('rejects non-finite and out-of-range numbers', () => {
    expect(paths({ ...valid, assets: Number.POSITIVE_INFINITY })).toEqual(['assets']);
    expect(paths({ ...valid, rent: { base: Number.NaN } })).toEqual(['rent.base']);
    expect(paths({ ...valid, rent: { base: 10_000.01 } })).toEqual(['rent.base']);
    expect(paths({ ...valid, rent: { base: -1 } })).toEqual(['rent.base']);
    expect(paths({ ...valid, applicant: { ...valid.applicant, age: 131 } })).toEqual(['applicant.age']);
    expect(paths({ ...valid, applicant: { ...valid.applicant, age: 27.5 } })).toEqual(['applicant.age']);
    expect(paths({ ...valid, applicant: { ...valid.applicant, income: 10_000_000.01 } })).toEqual(['applicant.income']);
  });

  it('allows at most 20 co-residents', () => {
    const co = { age: 30, residence: 'nl', registeredAtAddress: true, income: 0, assets: 0, childOfHousehold: false, subtenant: false };
    expect(paths({ ...valid, coResidents: Array.from({ length: 20 }, () => co) })).toEqual([]);
    expect(paths({ ...valid, coResidents: Array.from({ length: 21 }, () => co) })).toEqual(['coResidents']);
  });

  it('names unknown fields and every invalid field at once', () => {
    const r = huurtoeslagInputSchema.safeParse({ ...valid, extra: 1, applicant: { ...valid.applicant, residence: 'mars' }, rent: { base: 'x' } });
    expect(r.success).toBe(false);
    const issues = r.success ? [] : r.error.issues;
    expect(issues.map((i) => i.path.join('.')).sort()).toEqual(['', 'applicant.residence', 'rent.base']);
    expect(issues.find((i) => i.code === 'unrecognized_keys')).toMatchObject({ keys: ['extra'] });
  });
});
