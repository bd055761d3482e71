import { percentOfCentsInUnits } from './money.js';

export interface Band {
  readonly percent: number;
  /** The part of the rent in this band: from max(basishuur, band start) to min(rent, band end). */
  readonly fromCents: number;
  readonly toCents: number;
  /** percent × (to − from), in units of 1/1200 cent. */
  readonly units: number;
}

export interface BandLimits {
  readonly kwaliteitskortingsgrensCents: number;
  readonly aftoppingsgrensCents: number;
  readonly middlePercent: number;
  readonly topPercent: number;
}

/**
 * Wht art. 21: 100 % of the rent between basishuur and KKG, 65 % between KKG and AFT, 40 % above AFT
 * (up to the rent counted, which is already capped at the maximum rent). Taking each band from
 * max(basishuur, band start) covers lid 1, lid 2 (basishuur above KKG) and lid 3 (above AFT) alike.
 */
export function bands(rentCents: number, basishuurCents: number, limits: BandLimits): Band[] {
  const edges: readonly [number, number, number][] = [
    [100, Number.NEGATIVE_INFINITY, limits.kwaliteitskortingsgrensCents],
    [limits.middlePercent, limits.kwaliteitskortingsgrensCents, limits.aftoppingsgrensCents],
    [limits.topPercent, limits.aftoppingsgrensCents, Number.POSITIVE_INFINITY],
  ];
  return edges.map(([percent, start, end]) => {
    const fromCents = Math.max(basishuurCents, start);
    const toCents = Math.max(fromCents, Math.min(rentCents, end));
    return { percent, fromCents, toCents, units: percentOfCentsInUnits(toCents - fromCents, percent) };
  });
}
