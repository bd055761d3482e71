import i18next, { type i18n } from 'i18next';
import type { ContentBundle } from './load-content.js';

/** An isolated i18next instance over the loaded locale files (nl is the source and the fallback). */
export function createTranslator(bundle: ContentBundle): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    // Flat keys ("who.tenant", "days_one"): the same keys the dialog lint checks.
    resources: Object.fromEntries(Object.entries(bundle.labels).map(([lng, nss]) => [lng, { ...nss }])),
    keySeparator: false,
    nsSeparator: ':',
    lng: 'nl',
    fallbackLng: 'nl',
    supportedLngs: [...bundle.languages],
    ns: [...new Set(Object.values(bundle.labels).flatMap((r) => Object.keys(r)))],
    defaultNS: 'common',
    initAsync: false,
    // Labels are inserted as text by every channel; escaping is the renderer's job, not i18next's.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
