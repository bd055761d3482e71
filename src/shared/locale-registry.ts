/**
 * The one place that knows which languages ship (DESIGN.md §9). Everything else asks this module: the engine
 * (language list, parsing), content loading, the widget and the console. Adding a language is its content
 * (content/<code>/, locales/<code>/) plus one entry below; see content/TRANSLATING.md.
 *
 * A language is listed only when all of its content exists: `npm run lint:dialogs` fails on any key missing in a
 * listed language, so nobody ever sees a half-translated one.
 */

/** The digits people type, per script. The engine reads every set whatever the conversation language. */
export const digitSets = {
  latn: '0123456789',
  /** Arabic-Indic (U+0660..U+0669), as on Arabic keyboards. */
  arab: '\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669',
  /** Eastern Arabic-Indic (U+06F0..U+06F9), as on Persian and Urdu keyboards. */
  arabext: '\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9',
} as const;
export type DigitSet = keyof typeof digitSets;

export interface LocaleDefinition {
  /** The code in file paths, payloads and stored state: content/<code>/, `intent:taal:<code>`. */
  readonly code: string;
  /** BCP 47 tag for Intl formatting, `lang` attributes and plural rules. */
  readonly tag: string;
  readonly dir: 'ltr' | 'rtl';
  /** The language's name in itself: how it appears in the language list, in every language. */
  readonly nativeName: string;
  /** Other names people type to ask for it ("english", "engels"); matched after normalisation. */
  readonly aliases: readonly string[];
  /** The digit sets its speakers type (all sets are read anyway; this documents and tests the expectation). */
  readonly digits: readonly DigitSet[];
  /** The locale for case folding (Turkish: I/ı and İ/i). */
  readonly casefold: string;
  /**
   * Whether the faithfulness lint requires every Dutch legal word of a message to stay visible in it
   * ("... (dagvaarding)"). True for every new language. English predates the rule: it brackets the Dutch word at
   * its first mention in a topic; its numbers, addresses and placeholders are checked all the same.
   */
  readonly keepsDutchTerms: boolean;
}

const registry = [
  { code: 'nl', tag: 'nl-NL', dir: 'ltr', nativeName: 'Nederlands', aliases: ['dutch', 'nederlands', 'hollands', 'нідерландська', 'нідерландською', 'голландська', 'голландською', 'hollandaca', 'felemenkçe', 'niderlandzki', 'po niderlandzku', 'holenderski', 'po holendersku', 'هولندي', 'الهولندية', 'هولندية', 'بالهولندي', 'بالهولندية'], digits: ['latn'], casefold: 'nl', keepsDutchTerms: true },
  { code: 'en', tag: 'en-GB', dir: 'ltr', nativeName: 'English', aliases: ['english', 'engels', 'англійська', 'англійською', 'ingilizce', 'angielski', 'po angielsku', 'إنجليزي', 'الإنجليزية', 'إنجليزية', 'بالإنجليزي', 'بالإنجليزية', 'انكليزي', 'الانكليزية', 'بالانكليزي'], digits: ['latn'], casefold: 'en', keepsDutchTerms: false },
  { code: 'ar', tag: 'ar', dir: 'rtl', nativeName: 'العربية', aliases: ['arabic', 'arabisch', 'عربي', 'العربية', 'عربية', 'بالعربي', 'بالعربية', 'arapça', 'arabski', 'арабська', 'арабською', 'po arabsku'], digits: ['arab', 'latn'], casefold: 'ar', keepsDutchTerms: true },
  { code: 'tr', tag: 'tr-TR', dir: 'ltr', nativeName: 'Türkçe', aliases: ['turkish', 'turks', 'türkçe', 'turkce', 'turecki', 'po turecku', 'турецька', 'турецькою', 'تركي', 'التركية', 'تركية', 'بالتركي', 'بالتركية'], digits: ['latn'], casefold: 'tr', keepsDutchTerms: true },
  { code: 'pl', tag: 'pl-PL', dir: 'ltr', nativeName: 'Polski', aliases: ['polish', 'pools', 'polski', 'po polsku', 'język polski', 'lehçe', 'البولندية', 'польська', 'польською', 'بولندي', 'بولندية', 'بالبولندي', 'بالبولندية'], digits: ['latn'], casefold: 'pl', keepsDutchTerms: true },
  { code: 'uk', tag: 'uk-UA', dir: 'ltr', nativeName: 'Українська', aliases: ['ukrainian', 'oekraïens', 'oekraiens', 'українська', 'українською', 'по-українськи', 'украинский', 'по-украински', 'ukrainska', 'ukrayinska', 'ukraynaca', 'ukraiński', 'po ukraińsku', 'أوكراني', 'الأوكرانية', 'أوكرانية', 'بالأوكراني', 'بالأوكرانية'], digits: ['latn'], casefold: 'uk', keepsDutchTerms: true },
] as const satisfies readonly LocaleDefinition[];

export type Locale = (typeof registry)[number]['code'];

/**
 * The lookups over a list of locale definitions, the source first. The app uses the shipped list below; tests may
 * build one with a fixture language to exercise right-to-left and parsing paths before a real one ships.
 */
export function createLocaleRegistry<Code extends string>(defs: readonly (LocaleDefinition & { readonly code: Code })[]) {
  const byCode: ReadonlyMap<string, LocaleDefinition & { readonly code: Code }> = new Map(defs.map((l) => [l.code, l]));
  const codes: readonly Code[] = defs.map((l) => l.code);
  const first = codes[0];
  if (first === undefined) throw new Error('a locale registry needs at least the source language');
  const isLocale = (value: unknown): value is Code => typeof value === 'string' && byCode.has(value);
  const localeInfo = (code: Code): LocaleDefinition => {
    const info = byCode.get(code);
    if (info === undefined) throw new Error(`locale ${code} is not registered`);
    return info;
  };
  const localeOfTag = (tag: string): Code | null => {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
    return isLocale(primary) ? primary : null;
  };
  return {
    /** Shipped locale codes, in the order of the language list (the source first). */
    locales: codes,
    /** Dutch is the source of every translation and the fallback for anything unknown. */
    sourceLocale: first,
    isLocale,
    /** A shipped locale, or the source language for anything else (an old stored value, a guess). */
    toLocale: (value: unknown): Code => (isLocale(value) ? value : first),
    localeInfo,
    /** Whether a language is written right to left (bidi isolation, mirrored layout). */
    isRightToLeft: (code: Code): boolean => localeInfo(code).dir === 'rtl',
    localeDefinitions: (): readonly LocaleDefinition[] => defs,
    /** The shipped locale for a BCP 47 tag by its primary language ("ar-EG" -> ar), or null. */
    localeOfTag,
    /**
     * The shipped language an Accept-Language header prefers most (weighed by q; equal weights: the first
     * listed), or null when it names none of them.
     */
    preferredLocaleOf: (header: string | undefined): Code | null => {
      if (header === undefined) return null;
      let best: { locale: Code; q: number } | undefined;
      for (const part of header.split(',')) {
        const [range = '', ...params] = part.trim().split(';');
        const locale = localeOfTag(range);
        if (locale === null) continue;
        const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
        const q = qParam === undefined ? 1 : Number(qParam.slice(2));
        if (!Number.isFinite(q) || q <= 0) continue;
        if (best === undefined || q > best.q) best = { locale, q };
      }
      return best?.locale ?? null;
    },
  };
}

export const { locales, sourceLocale, isLocale, toLocale, localeInfo, isRightToLeft, localeDefinitions, localeOfTag, preferredLocaleOf } = createLocaleRegistry<Locale>(registry);

/** A value for every shipped locale, built per locale (the one place that types such a record). */
export function perLocale<T>(make: (locale: Locale) => T): Record<Locale, T> {
  return Object.fromEntries(locales.map((l) => [l, make(l)])) as Record<Locale, T>;
}
