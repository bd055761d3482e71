import fc from 'fast-check';
import type { CoResidentInput, HuurtoeslagInput } from '../../../src/domain/huurtoeslag/huurtoeslag-input.js';
import { benefitYears } from '../../../src/domain/huurtoeslag/params-by-year.js';

/** Euros with cents, mostly in a realistic range, sometimes up to the schema's maximum. */
const euros = (realistic: number, max: number) =>
  fc.oneof(
    { weight: 19, arbitrary: fc.integer({ min: 0, max: realistic * 100 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: max * 100 }) },
  ).map((cents) => cents / 100);

/** Rare failures, so most generated households get as far as the sum. */
const mostly = <T,>(usual: fc.Arbitrary<T>, rare: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 19, arbitrary: usual }, { weight: 1, arbitrary: rare });

const residence = mostly(fc.constantFrom('nl', 'eu', 'permit', 'ukraine' as const), fc.constant('none' as const));
const age = fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 16, max: 90 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 130 }) });
const registered = mostly(fc.constant(true), fc.constant(false));

const person = fc.record({ age, residence, registeredAtAddress: registered, income: euros(30_000, 10_000_000) });

const coResident: fc.Arbitrary<CoResidentInput> = fc.record({
  age: fc.integer({ min: 0, max: 100 }),
  residence,
  registeredAtAddress: registered,
  income: euros(10_000, 10_000_000),
  assets: euros(10_000, 100_000_000),
  childOfHousehold: fc.boolean(),
  subtenant: mostly(fc.constant(false), fc.constant(true)),
});

/** Kale huur: mostly 150–1,200 a month, now and then anything up to the schema's maximum. */
const rentArb = fc
  .oneof({ weight: 19, arbitrary: fc.integer({ min: 150_00, max: 1_200_00 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 10_000_00 }) })
  .map((cents) => cents / 100);

export const serviceCostsArb = fc.record(
  { shared: euros(30, 10_000), cleaning: euros(30, 10_000), caretaker: euros(30, 10_000), serviceRooms: euros(30, 10_000) },
  { requiredKeys: [] },
);

/** Any input the schema accepts, weighted towards households that can actually get huurtoeslag. */
export const inputArb: fc.Arbitrary<HuurtoeslagInput> = fc
  .record(
    {
      year: fc.constantFrom(...benefitYears),
      applicant: person,
      partner: person,
      coResidents: fc.oneof(fc.array(coResident, { maxLength: 3 }), fc.array(coResident, { maxLength: 12 })),
      assets: euros(30_000, 100_000_000),
      dwelling: fc.record({
        mainResidence: mostly(fc.constant(true), fc.constant(false)),
        selfContained: mostly(fc.constant(true), fc.constant(false)),
        adaptedForDisability: fc.boolean(),
      }),
      rent: fc.record({ base: rentArb, serviceCosts: serviceCostsArb }, { requiredKeys: ['base'] }),
      previouslyReceivedForThisDwelling: fc.boolean(),
    },
    { requiredKeys: ['year', 'applicant', 'assets', 'dwelling', 'rent'] },
  );
