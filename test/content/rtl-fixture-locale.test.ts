import { describe, expect, it, vi } from 'vitest';
import type { ContentBundle } from '../../src/content/load-content.js';
import { createRenderer } from '../../src/content/create-renderer.js';
import { createTranslator } from '../../src/content/create-translator.js';
import { FSI, PDI, isolateLtr } from '../../src/content/isolate-ltr.js';
import { intentFromPayload, intentFromText } from '../../src/engine/detect-intent.js';
import { locales, localeInfo, type Locale } from '../../src/shared/locale-registry.js';
import type * as Registry from '../../src/shared/locale-registry.js';
import { testLexicon } from '../helpers/test-lexicon.js';
import { plainWithButtons } from '../helpers/capabilities.js';

// A fixture right-to-left language registered for this file only: it proves the path a real Arabic entry takes
// (registry -> language list -> renderer -> plural rules) before the real translation ships.
vi.mock('../../src/shared/locale-registry.js', async (importOriginal) => {
  const real = await importOriginal<typeof Registry>();
  const fixture = real.createLocaleRegistry([
    ...real.localeDefinitions(),
    { code: 'ar', tag: 'ar', dir: 'rtl', nativeName: 'العربية', aliases: ['arabic', 'arabisch', 'عربي'], digits: ['arab', 'latn'], casefold: 'ar', keepsDutchTerms: true },
  ]);
  return { ...real, ...fixture };
});

/** The fixture's code: not a shipped Locale at compile time, so typed through the registry's own check. */
const ar = locals('ar');
function locals(code: string): Locale {
  const found = locales.find((l) => l === code);
  if (found === undefined) throw new Error(`fixture locale ${code} is not registered`);
  return found;
}

function bundle(): ContentBundle {
  const days = { days_one: '{{count}} dag', days_other: '{{count}} dagen' };
  return {
    languages: ['nl', 'en', 'ar'],
    content: {
      nl: { t: { pay: 'Je betaalt {{euro rent}}. Je code is {{code}}. Bel 0800 488 72 43 of kijk op 113.nl.' } },
      en: { t: { pay: 'You pay {{euro rent}}. Your code is {{code}}. Call 0800 488 72 43 or see 113.nl.' } },
      ar: { t: { pay: 'تدفع {{euro rent}}. رمزك {{code}}. اتصل بالرقم 0800 488 72 43 أو زر 113.nl.', when: 'الموعد {{date day}}، بعد {{t "common:days" count=n}}.' } },
    },
    labels: {
      nl: { common: days },
      en: { common: { days_one: '{{count}} day', days_other: '{{count}} days' } },
      ar: { common: { days_zero: 'لا أيام', days_one: 'يوم واحد', days_two: 'يومان', days_few: '{{count}} أيام', days_many: '{{count}} يومًا', days_other: '{{count}} يوم' } },
    },
    glossary: {},
    lexicon: testLexicon(),
  };
}

describe('a right-to-left fixture language, end to end through the registry', () => {
  it('is in the language list and asked for by its names', () => {
    expect(locales).toContain('ar');
    expect(localeInfo(ar).dir).toBe('rtl');
    expect(intentFromPayload('intent:taal:ar')).toEqual({ name: 'taal', locale: 'ar' });
    expect(intentFromText('العربية', testLexicon())).toEqual({ name: 'taal', locale: 'ar' });
    expect(intentFromText('Arabisch', testLexicon())).toEqual({ name: 'taal', locale: 'ar' });
  });

  it('renders amounts, reference codes, phone numbers and addresses in bidi isolation, with Latin digits', () => {
    const b = bundle();
    const renderer = createRenderer(b, createTranslator(b));
    const { text } = renderer.render({ type: 'message', ns: 't', key: 'pay', vars: { rent: 1250.5, code: 'HH-7K3M9P' }, quickReplies: [] }, ar, plainWithButtons);
    expect(text).toContain(`${FSI}HH-7K3M9P${PDI}`);
    expect(text).toContain(`${FSI}0800 488 72 43${PDI}`);
    expect(text).toContain(`${FSI}113.nl${PDI}`);
    expect(text).toMatch(new RegExp(`${FSI}[^${PDI}]*1,250\\.50[^${PDI}]*${PDI}`));
    expect(text).not.toMatch(/[\u0660-\u0669]/);
    // Left-to-right languages get no isolates (an SMS would need the longer encoding for nothing).
    const nl = renderer.render({ type: 'message', ns: 't', key: 'pay', vars: { rent: 1250.5, code: 'HH-7K3M9P' }, quickReplies: [] }, 'nl', plainWithButtons).text;
    expect(nl).toMatch(/^Je betaalt €\s1\.250,50\. Je code is HH-7K3M9P\. Bel 0800 488 72 43 of kijk op 113\.nl\.$/);
  });

  it('uses the six Arabic plural forms and the language list label in its own name', () => {
    const b = bundle();
    const translator = createTranslator(b);
    const forms = [0, 1, 2, 3, 11, 100].map((count) => translator.t('common:days', { lng: 'ar', count }));
    expect(forms).toEqual(['لا أيام', 'يوم واحد', 'يومان', '3 أيام', '11 يومًا', '100 يوم']);
    expect(translator.t('languages:ar', { lng: 'nl' })).toBe('العربية');
    const renderer = createRenderer(b, translator);
    const when = renderer.render({ type: 'message', ns: 't', key: 'when', vars: { day: '2026-11-30', n: 2 }, quickReplies: [] }, ar, plainWithButtons).text;
    expect(when).toContain('يومان');
    expect(when).not.toMatch(/[\u0660-\u0669]/);
  });
});

describe('isolateLtr', () => {
  it('isolates each kind of span once and leaves words alone', () => {
    expect(isolateLtr('كلمة 30-11-2026 و € 700,- و 1.250,50 € و www.geldfit.nl')).toBe(
      `كلمة ${FSI}30-11-2026${PDI} و ${FSI}€ 700,-${PDI} و ${FSI}1.250,50 €${PDI} و ${FSI}www.geldfit.nl${PDI}`,
    );
    expect(isolateLtr('بدون أرقام')).toBe('بدون أرقام');
    // HTML entities of the web channel stay whole.
    expect(isolateLtr('&#x27;x&#x3D;')).toBe('&#x27;x&#x3D;');
  });
});
