import { readFileSync } from 'node:fs';
import i18next from 'i18next';
import { z } from 'zod/v4';
import { locales, type Locale } from '../../src/shared/locale-registry.js';

const localeFile = z.record(z.string(), z.unknown());

function load(lng: Locale): Record<string, unknown> {
  const raw: unknown = JSON.parse(readFileSync(new URL(`../../locales/${lng}/huurtoeslag.json`, import.meta.url), 'utf8'));
  return localeFile.parse(raw);
}

/** A real i18next instance with the shipped huurtoeslag texts of every language, and the router's translate function on top. */
export async function huurtoeslagTranslate(): Promise<(locale: Locale, key: string) => string> {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: Object.fromEntries(locales.map((l) => [l, { huurtoeslag: load(l) }])),
    lng: 'nl',
    fallbackLng: 'nl',
    ns: ['huurtoeslag'],
    defaultNS: 'huurtoeslag',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return (locale, key) => i18n.t(key, { lng: locale });
}
