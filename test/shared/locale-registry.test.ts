import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLocaleRegistry, digitSets, localeDefinitions, locales, preferredLocaleOf, sourceLocale, toLocale } from '../../src/shared/locale-registry.js';
import { foldNumerals } from '../../src/engine/fold-text.js';

const root = new URL('../../', import.meta.url);

describe('the locale registry', () => {
  it('lists the source language first, each entry complete and its tag canonical BCP 47', () => {
    expect(locales[0]).toBe(sourceLocale);
    for (const l of localeDefinitions()) {
      expect(Intl.getCanonicalLocales(l.tag)).toEqual([l.tag]);
      expect(l.tag.toLowerCase().startsWith(l.code)).toBe(true);
      expect(['ltr', 'rtl']).toContain(l.dir);
      expect(l.nativeName.trim()).not.toBe('');
      expect(l.digits.length).toBeGreaterThan(0);
      expect(Intl.getCanonicalLocales(l.casefold)).toHaveLength(1);
    }
  });

  it('ships a language only with its content and locale files', () => {
    for (const code of locales) {
      expect(existsSync(new URL(`content/${code}/common.yaml`, root)), `content/${code}`).toBe(true);
      expect(existsSync(new URL(`locales/${code}/widget.json`, root)), `locales/${code}`).toBe(true);
    }
  });

  it('every digit set is ten digits that the engine reads as 0..9', () => {
    for (const set of Object.values(digitSets)) {
      expect([...set]).toHaveLength(10);
      expect(foldNumerals(set)).toBe('0123456789');
    }
  });

  it.each([
    [undefined, null],
    ['', null],
    ['fr-FR, fr;q=0.9', null],
    ['en-US,en;q=0.9,nl;q=0.8', 'en'],
    ['nl-BE;q=0.5, en;q=0.4', 'nl'],
    ['de, en;q=0', null],
    ['*', null],
    ['en;q=0.5, nl;q=0.5', 'en'],
  ])('Accept-Language %j prefers %j', (header, expected) => {
    expect(preferredLocaleOf(header)).toBe(expected);
  });

  it('anything unknown falls back to the source language', () => {
    expect(toLocale('xx')).toBe(sourceLocale);
    expect(toLocale(undefined)).toBe(sourceLocale);
    expect(toLocale('en')).toBe('en');
  });

  it('a registry with a fixture right-to-left language answers for it like for a shipped one', () => {
    const fixture = createLocaleRegistry([...localeDefinitions(), { code: 'ar', tag: 'ar', dir: 'rtl', nativeName: 'العربية', aliases: ['arabic'], digits: ['arab', 'latn'], casefold: 'ar', keepsDutchTerms: true }]);
    expect(fixture.locales).toEqual([...locales, 'ar']);
    expect(fixture.localeInfo('ar').dir).toBe('rtl');
    expect(fixture.preferredLocaleOf('ar-EG,ar;q=0.9,en;q=0.5')).toBe('ar');
    expect(fixture.localeOfTag('AR_eg')).toBe('ar');
    expect(() => createLocaleRegistry([])).toThrow(/source language/);
  });
});
