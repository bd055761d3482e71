export type Locale = 'nl' | 'en';

/**
 * English when the Accept-Language header prefers English over Dutch, else Dutch (the source
 * language). Ranges are weighed by q; other languages and '*' are skipped.
 */
export function preferredLocale(header: string | undefined): Locale {
  if (header === undefined) return 'nl';
  let best: { locale: Locale; q: number } | undefined;
  for (const part of header.split(',')) {
    const [range = '', ...params] = part.trim().split(';');
    const primary = range.trim().toLowerCase().split('-')[0];
    if (primary !== 'nl' && primary !== 'en') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0) continue;
    // Equal weights: the first listed wins.
    if (best === undefined || q > best.q) best = { locale: primary, q };
  }
  return best?.locale ?? 'nl';
}
