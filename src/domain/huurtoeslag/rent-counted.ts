import type { HuurtoeslagInput } from './huurtoeslag-input.js';
import type { HuurtoeslagParams } from './huurtoeslag-params.js';
import type { Household } from './household.js';
import { eurosToCents } from './money.js';
import type { ReasonCode } from './reason-codes.js';

export interface RentOutcome {
  readonly baseRentCents: number;
  readonly serviceCostsCountedCents: number;
  /** Kale huur plus the service costs that count (Wht art. 5). */
  readonly rekenhuurCents: number;
  readonly maxRentCents: number;
  readonly maxRentKind: 'standard' | 'youth';
  /** The rekenhuur up to the limit: the rent the bands are applied to. */
  readonly rentCountedCents: number;
  readonly reasons: readonly ReasonCode[];
}

export function rentCounted(input: HuurtoeslagInput, household: Household, params: HuurtoeslagParams): RentOutcome {
  const reasons: ReasonCode[] = [];
  const baseRentCents = eurosToCents(input.rent.base);

  // 2025: four categories, each capped (art. 5 lid 3). 2026: service costs do not count (art. 5).
  const given = Object.values(input.rent.serviceCosts ?? {}).map((euros) => eurosToCents(euros ?? 0));
  let serviceCostsCountedCents = 0;
  if (params.serviceCosts !== null) {
    const cap = params.serviceCosts.capPerCategoryCents;
    serviceCostsCountedCents = given.reduce((sum, cents) => sum + Math.min(cents, cap), 0);
    if (given.some((cents) => cents > cap)) reasons.push('service_costs_capped_2025');
  } else if (given.some((cents) => cents > 0)) {
    reasons.push('service_costs_not_counted_2026');
  }
  const rekenhuurCents = baseRentCents + serviceCostsCountedCents;

  // Art. 13 lid 1 onder a: the higher limit when anyone is at or over the youth age, or lives with a child.
  const standard = household.members.some((m) => m.age >= params.rent.youthAge || m.childOfHousehold);
  const maxRentKind = standard ? 'standard' : 'youth';
  const maxRentCents = standard ? params.rent.maxRentCents : params.rent.youthMaxRentCents;

  if (rekenhuurCents > maxRentCents) {
    if (params.rent.maxRentRule === 'cap') {
      // 2026, art. 21 lid 1 onder d: the part above the limit is not subsidised.
      reasons.push(standard ? 'rent_above_cap_2026' : 'rent_above_youth_cap_2026');
    } else if (
      // 2025, art. 13 lid 2: adapted dwelling, 8 or more persons, or toeslag already had for this dwelling.
      input.dwelling.adaptedForDisability ||
      household.size >= params.rent.largeHouseholdSize ||
      input.previouslyReceivedForThisDwelling === true
    ) {
      reasons.push('rent_limit_exception_2025');
    } else {
      reasons.push(standard ? 'rent_above_limit_2025' : 'rent_above_youth_limit_2025');
    }
  }
  // Art. 13 lid 3 (2025) and art. 21 lid 1 onder d (2026): count the rent only up to the limit.
  const rentCountedCents = Math.min(rekenhuurCents, maxRentCents);

  return { baseRentCents, serviceCostsCountedCents, rekenhuurCents, maxRentCents, maxRentKind, rentCountedCents, reasons };
}
