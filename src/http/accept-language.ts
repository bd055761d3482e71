import { preferredLocaleOf, sourceLocale, type Locale } from '../shared/locale-registry.js';

export type { Locale };

/**
 * The shipped language the Accept-Language header prefers most (weighed by q), else Dutch (the source language).
 * Ranges of languages that do not ship, and '*', are skipped.
 */
export function preferredLocale(header: string | undefined): Locale {
  return preferredLocaleOf(header) ?? sourceLocale;
}
