import type { TextTable } from '../engine/lint-dialogs.js';

/** The CLDR plural forms i18next uses as key suffixes ("days_one", "days_few"). */
const pluralSuffix = /^(.*)_(zero|one|two|few|many|other)$/;

export interface LocaleKeysInput {
  /** The source language: every other language has exactly its keys. */
  readonly source: string;
  readonly languages: readonly string[];
  /** Message templates (content/<lng>/<ns>.yaml). */
  readonly content: TextTable;
  /** i18next labels (locales/<lng>/<ns>.json). */
  readonly labels: TextTable;
  /** The plural forms a language needs (Intl.PluralRules categories: ar six, pl and uk four, nl en tr two). */
  readonly pluralForms: (lng: string) => readonly string[];
}

/**
 * Plural key families of the source: `base` when `base_other` and at least one other plural form exist. A lone
 * "relation_other" or "others_one"/"others_two" is an ordinary key, not a plural.
 */
function pluralBases(keys: readonly string[]): Set<string> {
  const forms = new Map<string, Set<string>>();
  for (const key of keys) {
    const m = pluralSuffix.exec(key);
    if (m) forms.set(m[1] ?? '', (forms.get(m[1] ?? '') ?? new Set()).add(m[2] ?? ''));
  }
  return new Set([...forms].filter(([, f]) => f.has('other') && f.size > 1).map(([base]) => base));
}

/**
 * Every key of the source exists in every shipped language and no language has keys the source lacks; every plural
 * key has all forms its language needs (and none it never uses; `_zero` is allowed everywhere, as i18next uses it
 * for a count of 0). One line per finding.
 */
export function lintLocaleKeys(input: LocaleKeysInput): string[] {
  const findings: string[] = [];
  for (const [kind, table] of [['content', input.content], ['labels', input.labels]] as const) {
    const sourceNs = table[input.source] ?? {};
    for (const lng of input.languages) {
      const forms = input.pluralForms(lng);
      const own = table[lng] ?? {};
      for (const ns of new Set([...Object.keys(sourceNs), ...Object.keys(own)])) {
        const want = Object.keys(sourceNs[ns] ?? {});
        const have = own[ns];
        const at = (key: string): string => (kind === 'content' ? `content[${lng}] ${ns}.${key}` : `labels[${lng}] ${ns}:${key}`);
        if (have === undefined) {
          findings.push(`${kind}[${lng}] ${ns}: missing (${kind === 'content' ? `content/${lng}/${ns}.yaml` : `locales/${lng}/${ns}.json`} with ${want.length} key(s))`);
          continue;
        }
        const plurals = kind === 'labels' ? pluralBases(want) : new Set<string>();
        const haveKeys = new Set(Object.keys(have));
        const wantPlain = want.filter((k) => !plurals.has(pluralSuffix.exec(k)?.[1] ?? '\u0000'));
        for (const key of wantPlain) if (!haveKeys.has(key)) findings.push(`${at(key)}: missing (the ${input.source} source has it)`);
        for (const base of plurals) {
          const missing = forms.filter((f) => !haveKeys.has(`${base}_${f}`));
          if (missing.length > 0) findings.push(`${at(base)}: plural form(s) ${missing.join(', ')} missing (${lng} needs ${forms.join(', ')})`);
        }
        for (const key of haveKeys) {
          const m = pluralSuffix.exec(key);
          if (m && plurals.has(m[1] ?? '')) {
            if (m[2] !== 'zero' && !forms.includes(m[2] ?? '')) findings.push(`${at(key)}: "${m[2] ?? ''}" is not a plural form of ${lng} (it needs ${forms.join(', ')})`);
            continue;
          }
          if (lng !== input.source && !Object.hasOwn(sourceNs[ns] ?? {}, key)) findings.push(`${at(key)}: not in the ${input.source} source (remove it, or add it there first)`);
        }
      }
    }
  }
  return findings;
}

/** The plural forms of a language by its BCP 47 tag, as i18next resolves them (Intl.PluralRules). */
export function pluralFormsOf(tag: string): readonly string[] {
  return new Intl.PluralRules(tag).resolvedOptions().pluralCategories;
}
