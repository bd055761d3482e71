import type { HuurtoeslagParams } from './huurtoeslag-params.js';
import { params2025 } from './params-2025.js';
import { params2026 } from './params-2026.js';

/** Every supported benefit year. Adding a year: add its params file and list it here. */
const allParams = [params2025, params2026] as const;

export type BenefitYear = (typeof allParams)[number]['year'];

export const benefitYears: readonly BenefitYear[] = allParams.map((p) => p.year);

export function paramsForYear(year: BenefitYear): HuurtoeslagParams {
  const found = allParams.find((p) => p.year === year);
  // The input schema only admits listed years, so this is a programming error.
  if (found === undefined) throw new RangeError(`No huurtoeslag parameters for ${String(year)}`);
  return found;
}
