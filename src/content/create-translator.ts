import i18next, { type i18n } from 'i18next';
import { localeDefinitions, sourceLocale } from '../shared/locale-registry.js';
import type { ContentBundle } from './load-content.js';

/** Each language's own name, the same in every language (the language list): `languages:<code>`. */
const languageNames: Record<string, string> = Object.fromEntries(localeDefinitions().map((l) => [l.code, l.nativeName]));

/**
 * An isolated i18next instance over the loaded locale files (the source language is the fallback). Plurals follow
 * each language's own rules (Intl.PluralRules: Arabic has six forms, Polish and Ukrainian four).
 */
export function createTranslator(bundle: ContentBundle): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    // Flat keys ("who.tenant", "days_one"): the same keys the dialog lint checks.
    resources: Object.fromEntries(Object.entries(bundle.labels).map(([lng, nss]) => [lng, { ...nss, languages: languageNames }])),
    keySeparator: false,
    nsSeparator: ':',
    lng: sourceLocale,
    fallbackLng: sourceLocale,
    supportedLngs: [...bundle.languages],
    ns: [...new Set([...Object.values(bundle.labels).flatMap((r) => Object.keys(r)), 'languages'])],
    defaultNS: 'common',
    initAsync: false,
    // Labels are inserted as text by every channel; escaping is the renderer's job, not i18next's.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
