import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasCrisisWords, intentFromText } from '../../src/engine/detect-intent.js';
import { lexiconSchema, type Lexicon } from '../../src/engine/lexicon.js';
import { parseAmount, parseNumber, parseYesNo } from '../../src/engine/parse-amount.js';
import { parseDate } from '../../src/engine/parse-date.js';
import { testLexicon } from '../helpers/test-lexicon.js';

function readTurkish(file: 'intents' | 'parse'): unknown {
  return JSON.parse(readFileSync(new URL(`../../locales/tr/${file}.json`, import.meta.url), 'utf8'));
}

/** The Dutch and English test lexicon with the shipped Turkish words merged in, as loadContent merges them. */
function withTurkish(): Lexicon {
  const base = testLexicon();
  const tr = lexiconSchema.parse({ intents: readTurkish('intents'), parse: readTurkish('parse') });
  const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])];
  const intents = Object.fromEntries(Object.entries(base.intents).map(([k, v]) => [k, union(v, tr.intents[k as keyof Lexicon['intents']])]));
  const parse = Object.fromEntries(
    Object.entries(base.parse).map(([k, v]) => {
      const other = tr.parse[k as keyof Lexicon['parse']];
      if (Array.isArray(v) && Array.isArray(other)) {
        return [k, v.every((x) => Array.isArray(x)) ? v.map((x, i) => union(x as string[], (other[i] as string[] | undefined) ?? [])) : union(v as string[], other as string[])];
      }
      return [k, { ...(v as object), ...(other as object) }];
    }),
  );
  return lexiconSchema.parse({ intents, parse });
}

const lex = withTurkish();
/** Sunday 22 November 2026, 10:00 in Amsterdam. */
const sunday = new Date('2026-11-22T10:00:00+01:00');

describe('dates typed the Turkish way', () => {
  it.each([
    ['12 Ocak', '2027-01-12'],
    ['12 ocak 2027', '2027-01-12'],
    ["12 Ocak'ta", '2027-01-12'],
    ['12 OCAK', '2027-01-12'],
    ['3 Şubat', '2027-02-03'],
    ['3 subat', '2027-02-03'],
    ['30 Kasım', '2026-11-30'],
    ['30 KASIM', '2026-11-30'],
    ['30 kasim', '2026-11-30'],
    ['Pazartesi 30 Kasım', '2026-11-30'],
    ['1 Aralık', '2026-12-01'],
    ['1 ARALIK', '2026-12-01'],
    ['5 Ağustos 2027', '2027-08-05'],
    ["30.11.2026'da", '2026-11-30'],
    ['bugün', '2026-11-22'],
    ['BUGÜN', '2026-11-22'],
    ['yarın', '2026-11-23'],
    ['yarin', '2026-11-23'],
    ['öbür gün', '2026-11-24'],
    ['3 gün sonra', '2026-11-25'],
    ['üç gün sonra', '2026-11-25'],
    ['iki hafta sonra', '2026-12-06'],
    ['bir hafta içinde', '2026-11-29'],
    ['gelecek hafta', '2026-11-29'],
    ['salı', '2026-11-24'],
    ['SALI', '2026-11-24'],
    ["Salı'ya", '2026-11-24'],
    ['gelecek çarşamba', '2026-11-25'],
    ['gelecek hafta perşembe', '2026-11-26'],
  ])('%j -> %s', (typed, expected) => {
    expect(parseDate(typed, sunday, lex)).toBe(expected);
  });

  it.each([['30 Kasımcık'], ['sonra'], ['gün sonra 3'], ['Ocak']])('%j is not a date', (typed) => {
    expect(parseDate(typed, sunday, lex)).toBeNull();
  });
});

describe('amounts and numbers typed the Turkish way', () => {
  it.each([
    ['650,50', 650.5],
    ['650', 650],
    ['28.000', 28000],
    ['28.000,00', 28000],
    ['650,50 avro', 650.5],
    ['650 Euro', 650],
    ['€ 650,50', 650.5],
    ['650,50 €', 650.5],
  ])('%j is the amount %d', (typed, amount) => {
    expect(parseAmount(typed, lex)).toBe(amount);
  });

  it.each([
    ['iki', 2],
    ['ÜÇ', 3],
    ['uc', 3],
    ['on bir', 11],
    ['sıfır', 0],
    ['SIFIR', 0],
  ])('%j is the number %d', (typed, n) => {
    expect(parseNumber(typed, lex)).toBe(n);
  });

  it.each([
    ['Evet', true],
    ['EVET', true],
    ['tamam', true],
    ['Hayır', false],
    ['HAYIR', false],
    ['hayir', false],
    ['yok', false],
  ])('%j is yes/no %s', (typed, answer) => {
    expect(parseYesNo(typed, lex)).toBe(answer);
  });
});

describe('Turkish intents, whatever the case and with or without Turkish letters', () => {
  it.each([
    ['İNTİHAR'],
    ['intihar'],
    ['ÖLMEK İSTİYORUM'],
    ['olmek istiyorum artik'],
    ['Artık yaşamak istemiyorum.'],
    ['YASAMAK ISTEMIYORUM'],
    ['kendime zarar veriyorum'],
    ['bazen kendimi kesiyorum'],
    ['kocam beni dövüyor'],
    ['KOCAM BENI DOVUYOR'],
    ['evde şiddet var'],
    ['intiharı düşünüyorum'],
  ])('%j reaches the crisis answer', (typed) => {
    expect(hasCrisisWords(typed, lex)).toBe(true);
    expect(intentFromText(typed, lex)).toEqual({ name: 'crisis' });
  });

  it.each([['kira ödeyemiyorum'], ['iki kişi'], ['dayanıklı'], ['kendimi iyi hissediyorum']])('%j is no crisis', (typed) => {
    expect(hasCrisisWords(typed, lex)).toBe(false);
  });

  it.each([
    ['DUR', 'stop'],
    ['Bir insanla konuşmak istiyorum', 'mens'],
    ['GÖNÜLLÜ', 'mens'],
    ['gonullu', 'mens'],
    ['verilerimi sil', 'verwijder'],
    ['GERİ', 'terug'],
    ['baştan başla', 'opnieuw'],
    ['mola', 'pauze'],
  ])('%j is the intent %s', (typed, name) => {
    expect(intentFromText(typed, lex)).toEqual({ name });
  });
});

describe('asking for a language in Turkish', () => {
  it.each([
    ['Türkçe', 'tr'],
    ['TÜRKÇE', 'tr'],
    ['turkce lutfen', 'tr'],
    ['türkçe devam', 'tr'],
    ['İngilizce', 'en'],
    ['ingilizce lütfen', 'en'],
    ['Hollandaca', 'nl'],
    ['turks', 'tr'],
    ['Ukraynaca', 'uk'],
    ['Lehçe', 'pl'],
    ['Arapça', 'ar'],
    ['турецька', 'tr'],
    ['بالتركية', 'tr'],
    ['Turecki', 'tr'],
  ])('%j asks for %s', (typed, locale) => {
    expect(intentFromText(typed, lex)).toEqual({ name: 'taal', locale });
  });

  it('a bare "dil" asks for the list of languages', () => {
    expect(intentFromText('DİL', lex)).toEqual({ name: 'taal', locale: null });
  });
});
