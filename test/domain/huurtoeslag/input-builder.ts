import { huurtoeslagInputSchema, type CoResidentInput, type HuurtoeslagInput } from '../../../src/domain/huurtoeslag/huurtoeslag-input.js';
import type { BenefitYear } from '../../../src/domain/huurtoeslag/params-by-year.js';

type Person = HuurtoeslagInput['applicant'];

export interface Patch {
  readonly applicant?: Partial<Person>;
  readonly partner?: Partial<Person>;
  readonly coResidents?: readonly Partial<CoResidentInput>[];
  readonly assets?: number;
  readonly dwelling?: Partial<HuurtoeslagInput['dwelling']>;
  readonly rent?: Partial<HuurtoeslagInput['rent']>;
  readonly previouslyReceivedForThisDwelling?: boolean;
}

export const adult: Person = { age: 27, residence: 'nl', registeredAtAddress: true, income: 0 };

export const child: CoResidentInput = {
  age: 5,
  residence: 'nl',
  registeredAtAddress: true,
  income: 0,
  assets: 0,
  childOfHousehold: true,
  subtenant: false,
};

/**
 * A single adult of 27, Dutch, registered, income € 20,000 (below both years' minimum income
 * point), no assets, main residence, self-contained, rent € 900, plus the patch. Parsed with the
 * real schema so a test can never feed the check something the API would refuse.
 */
export function input(year: BenefitYear, patch: Patch = {}): HuurtoeslagInput {
  return huurtoeslagInputSchema.parse({
    year,
    applicant: { ...adult, income: 20_000, ...patch.applicant },
    ...(patch.partner === undefined ? {} : { partner: { ...adult, ...patch.partner } }),
    ...(patch.coResidents === undefined ? {} : { coResidents: patch.coResidents.map((c) => ({ ...child, ...c })) }),
    assets: patch.assets ?? 0,
    dwelling: { mainResidence: true, selfContained: true, adaptedForDisability: false, ...patch.dwelling },
    rent: { base: 900, ...patch.rent },
    ...(patch.previouslyReceivedForThisDwelling === undefined
      ? {}
      : { previouslyReceivedForThisDwelling: patch.previouslyReceivedForThisDwelling }),
  });
}
