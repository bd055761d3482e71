import type { HouseholdType, HuurtoeslagParams } from './huurtoeslag-params.js';

export interface BasishuurOutcome {
  readonly minimumIncomePointCents: number;
  readonly normhuurCents: number;
  /** Normhuur + art. 16 surcharge − the year's lowering. */
  readonly basishuurCents: number;
  /** The basishuur at an income at or below the minimum point: the lowest it can be. */
  readonly minimumBasishuurCents: number;
}

const E14 = 10n ** 14n;

/**
 * 2025 (Wht art. 19): at or below the MIP the normhuur is the art. 17 amount; above it a·Y² + b·Y,
 * rounded up to whole cents. With Y in cents and a, b times 10^12 this is
 * (aE12·Y² + 100·bE12·Y) / 10^14 cents, done in BigInt so the rounding up is exact.
 * 2026: arts. 18–19 are repealed, the normhuur is the fixed art. 17 amount.
 */
export function basishuur(params: HuurtoeslagParams, type: HouseholdType, rekeninkomenCents: number): BasishuurOutcome {
  const model = params.income;
  const adjust = (normhuurCents: number) => normhuurCents + model.surchargeCents - model.loweringCents;

  if (model.kind === 'linear-taper') {
    const h = model.perHousehold[type];
    const b = adjust(h.normhuurCents);
    return { minimumIncomePointCents: h.minimumIncomePointCents, normhuurCents: h.normhuurCents, basishuurCents: b, minimumBasishuurCents: b };
  }

  const h = model.perHousehold[type];
  let normhuurCents = h.normhuurAtMinimumCents;
  if (rekeninkomenCents > h.minimumIncomePointCents) {
    const y = BigInt(rekeninkomenCents);
    const numerator = BigInt(h.aE12) * y * y + 100n * BigInt(h.bE12) * y;
    normhuurCents = Number(ceilDiv(numerator, E14));
  }
  return {
    minimumIncomePointCents: h.minimumIncomePointCents,
    normhuurCents,
    basishuurCents: adjust(normhuurCents),
    minimumBasishuurCents: adjust(h.normhuurAtMinimumCents),
  };
}

function ceilDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d > 0n ? q + 1n : q;
}
