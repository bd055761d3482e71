import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintTranslations } from '../../src/cli/check-content.js';
import { loadContent } from '../../src/content/load-content.js';
import { lintFaithful } from '../../src/content/lint-faithful.js';
import { lintLocaleKeys, pluralFormsOf } from '../../src/content/lint-locale-keys.js';
import { realParseFile, testIntents } from '../helpers/test-lexicon.js';

const terms = ['dagvaarding', 'vonnis', 'Geldfit'];

describe('plural forms per language (Intl.PluralRules, as i18next uses them)', () => {
  it.each([
    ['nl-NL', ['one', 'other']],
    ['en-GB', ['one', 'other']],
    ['tr', ['one', 'other']],
    ['pl', ['one', 'few', 'many', 'other']],
    ['uk', ['one', 'few', 'many', 'other']],
    ['ar', ['zero', 'one', 'two', 'few', 'many', 'other']],
  ])('%s needs %j', (tag, forms) => {
    expect([...pluralFormsOf(tag)].sort()).toEqual([...forms].sort());
  });
});

describe('the locale key lint', () => {
  const source = { common: { days_one: '{{count}} dag', days_other: '{{count}} dagen', yes: 'Ja', others_one: 'Eén ander', others_two: 'Twee anderen', relation_other: 'Anders' } };
  const content = { nl: { common: { crisis: 'Bel 113.' } }, ar: { common: { crisis: 'اتصل بـ 113.' } }, pl: { common: { crisis: 'Zadzwoń pod 113.' } } };
  const pluralForms = (lng: string): readonly string[] => pluralFormsOf(lng === 'nl' ? 'nl-NL' : lng);

  it('passes complete languages, each with its own plural forms, and leaves look-alike keys alone', () => {
    const labels = {
      nl: source,
      ar: { common: { days_zero: '0', days_one: '1', days_two: '2', days_few: '3', days_many: '11', days_other: '100', yes: 'نعم', others_one: 'x', others_two: 'y', relation_other: 'z' } },
      pl: { common: { days_one: '1', days_few: '2', days_many: '5', days_other: '1,5', yes: 'Tak', others_one: 'x', others_two: 'y', relation_other: 'z' } },
    };
    expect(lintLocaleKeys({ source: 'nl', languages: ['nl', 'ar', 'pl'], content, labels, pluralForms })).toEqual([]);
  });

  it('fails on a missing plural form, a form the language never uses, a missing key, an extra key and a missing file', () => {
    const labels = {
      nl: source,
      ar: { common: { days_one: '1', days_other: '100', others_one: 'x', others_two: 'y', relation_other: 'z', yes: 'نعم', shout: '!' } },
      pl: { common: { days_one: '1', days_few: '2', days_many: '5', days_other: '1,5', days_two: '2', others_one: 'x', others_two: 'y', relation_other: 'z' } },
      tr: {},
    };
    expect(lintLocaleKeys({ source: 'nl', languages: ['nl', 'ar', 'pl', 'tr'], content, labels, pluralForms })).toEqual([
      'content[tr] common: missing (content/tr/common.yaml with 1 key(s))',
      'labels[ar] common:days: plural form(s) zero, two, few, many missing (ar needs zero, one, two, few, many, other)',
      'labels[ar] common:shout: not in the nl source (remove it, or add it there first)',
      'labels[pl] common:yes: missing (the nl source has it)',
      'labels[pl] common:days_two: "two" is not a plural form of pl (it needs one, few, many, other)',
      'labels[tr] common: missing (locales/tr/common.json with 6 key(s))',
    ]);
  });
});

describe('the translation-faithfulness lint', () => {
  const source = {
    t: {
      call: 'Bel gratis met Geldfit: 0800-8115. Of kijk op www.geldfit.nl.',
      court: 'Je krijgt een dagvaarding. De zitting is op 30-11-2026 om 9:30.',
      amount: 'Je betaalt {{euro rent}} per maand, of € 1.250,50 in één keer.',
      plain: 'Goed zo.',
    },
  };

  it('passes a faithful translation (numbers written the way of the language, same digits)', () => {
    const translation = {
      t: {
        call: 'Call Geldfit for free: 0800-8115. Or see www.geldfit.nl.',
        court: 'You get a summons (dagvaarding). The hearing is on 30-11-2026 at 9:30.',
        amount: 'You pay {{euro rent}} a month, or €1,250.50 at once.',
        plain: 'Well done.',
      },
    };
    expect(lintFaithful({ lng: 'xx', source, translation, legalTerms: terms })).toEqual([]);
  });

  it('fails on a changed phone number, date, amount, address, placeholder, Arabic-Indic digits and a dropped or foreign Dutch term', () => {
    const translation = {
      t: {
        call: 'اتصل بـ Geldfit مجانًا: 0800-8116. أو www.geldfit.com.',
        court: 'ستتلقى استدعاء. الجلسة في ٣٠-١١-٢٠٢٦ الساعة 9:30.',
        amount: 'تدفع {{euro huur}} شهريًا، أو 1.250 € (vonnis).',
        plain: 'Goed (dagvaarding).',
      },
    };
    expect(lintFaithful({ lng: 'ar', source, translation, legalTerms: terms })).toEqual([
      'content[ar] t.call: numbers differ from the Dutch (Dutch: "08008115"; here: "08008116")',
      'content[ar] t.call: web addresses differ from the Dutch (Dutch: "www.geldfit.nl"; here: "www.geldfit.com")',
      'content[ar] t.court: uses digits other than 0-9; keep the digits as in the Dutch',
      'content[ar] t.court: numbers differ from the Dutch (Dutch: "30112026", "930"; here: "930")',
      'content[ar] t.court: keep the Dutch word "dagvaarding" visible, in brackets the first time ("... (dagvaarding)")',
      'content[ar] t.amount: numbers differ from the Dutch (Dutch: "125050"; here: "1250")',
      'content[ar] t.amount: placeholders differ from the Dutch (Dutch: "{{euro rent}}"; here: "{{euro huur}}")',
      'content[ar] t.amount: "(vonnis)" is not in the Dutch message',
      'content[ar] t.plain: "(dagvaarding)" is not in the Dutch message',
    ]);
  });

  it('the term rule can be off (button labels; English, which predates it), the other rules stay', () => {
    const translation = { t: { ...source.t, court: 'You get a summons. The hearing is on 30-11-2026 at 9:30.', plain: 'Fine.' } };
    expect(lintFaithful({ lng: 'en', source, translation, legalTerms: terms, keepTerms: false })).toEqual([]);
  });
});

describe('npm run lint:translation / lint:dialogs on a tree with a new language', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'hh-translation-'));
    const files: Record<string, string> = {
      'content/nl/common.yaml': 'crisis: Bel 113 of 0800-0113. Je krijgt een dagvaarding.\n',
      'content/nl/legal-terms.yaml': '- dagvaarding\n',
      'content/nl/demo-page.html': '<!doctype html>',
      'locales/nl/common.json': JSON.stringify({ days_one: '{{count}} dag', days_other: '{{count}} dagen' }),
      'locales/nl/intents.json': JSON.stringify(testIntents),
      'locales/nl/parse.json': realParseFile('nl'),
      'content/pl/common.yaml': 'crisis: Zadzwoń pod 113 lub 0800-0113. Dostaniesz wezwanie.\n',
      'locales/pl/common.json': JSON.stringify({ days_one: '{{count}} dzień', days_other: '{{count}} dni' }),
      'locales/pl/intents.json': JSON.stringify(testIntents),
    };
    for (const [rel, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
      await writeFile(path.join(root, rel), text);
    }
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('lists what the translator still has to do', async () => {
    const bundle = await loadContent(root, ['nl', 'pl']);
    expect(await lintTranslations(root, bundle)).toEqual([
      'labels[pl] common:days: plural form(s) few, many missing (pl needs one, few, many, other)',
      'locales/pl/parse.json: missing (the words people type in pl; crisis words must work in every language)',
      'content/pl/demo-page.html: missing (the demo page in pl)',
      'content[pl] common.crisis: keep the Dutch word "dagvaarding" visible, in brackets the first time ("... (dagvaarding)")',
    ]);
  });
});
