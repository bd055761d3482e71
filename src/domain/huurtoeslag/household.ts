import type { HouseholdType } from './huurtoeslag-params.js';
import type { HuurtoeslagInput, Residence } from './huurtoeslag-input.js';
import { eurosToCents } from './money.js';
import type { ReasonCode } from './reason-codes.js';

/** A person who counts for huurtoeslag: the applicant, a registered partner, or a medebewoner. */
export interface Member {
  readonly role: 'applicant' | 'partner' | 'coResident';
  readonly age: number;
  readonly residence: Residence;
  readonly registeredAtAddress: boolean;
  readonly incomeCents: number;
  /** Co-residents only: own assets on 1 January. */
  readonly assetsCents: number;
  /** Co-residents only: a (foster or step) child of someone in the household. */
  readonly childOfHousehold: boolean;
}

export interface Household {
  readonly members: readonly Member[];
  readonly hasPartner: boolean;
  /** Huurder, partner and medebewoners; onderhuurders are left out (Wht art. 2, art. 20 lid 2). */
  readonly size: number;
  readonly type: HouseholdType;
  readonly notes: readonly ReasonCode[];
}

export function householdOf(input: HuurtoeslagInput): Household {
  const notes: ReasonCode[] = [];
  const members: Member[] = [
    {
      role: 'applicant',
      age: input.applicant.age,
      residence: input.applicant.residence,
      registeredAtAddress: input.applicant.registeredAtAddress,
      incomeCents: eurosToCents(input.applicant.income),
      assetsCents: 0,
      childOfHousehold: false,
    },
  ];

  // Wht art. 1a lid 3: for huurtoeslag a partner only counts when registered at the huurder's address.
  const partner = input.partner;
  const hasPartner = partner !== undefined && partner.registeredAtAddress;
  if (partner !== undefined && hasPartner) {
    members.push({
      role: 'partner',
      age: partner.age,
      residence: partner.residence,
      registeredAtAddress: true,
      incomeCents: eurosToCents(partner.income),
      assetsCents: 0,
      childOfHousehold: false,
    });
  } else if (partner !== undefined) {
    notes.push('partner_not_registered_not_counted');
  }

  for (const co of input.coResidents ?? []) {
    // Awir art. 2: a first-degree relative never counts as onderhuurder, so a child is a medebewoner.
    if (co.subtenant && !co.childOfHousehold) continue;
    if (co.subtenant && !notes.includes('subtenant_family_counted')) notes.push('subtenant_family_counted');
    members.push({
      role: 'coResident',
      age: co.age,
      residence: co.residence,
      registeredAtAddress: co.registeredAtAddress,
      incomeCents: eurosToCents(co.income),
      assetsCents: eurosToCents(co.assets),
      childOfHousehold: co.childOfHousehold,
    });
  }

  return { members, hasPartner, size: members.length, type: members.length > 1 ? 'multi' : 'single', notes };
}
