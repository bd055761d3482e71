import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load-content.js';
import { hasCrisisWords, intentFromText } from '../../src/engine/detect-intent.js';
import type { Lexicon } from '../../src/engine/lexicon.js';
import { parseAmount, parseNumber, parseYesNo } from '../../src/engine/parse-amount.js';
import { parseDate } from '../../src/engine/parse-date.js';

// The shipped words of every registered language, merged the way the app merges them.
let lex: Lexicon;
beforeAll(async () => {
  lex = (await loadContent(fileURLToPath(new URL('../..', import.meta.url)))).lexicon;
});

/** Sunday 22 November 2026, 10:00 in Amsterdam. */
const sunday = new Date('2026-11-22T10:00:00+01:00');

describe('dates typed the Ukrainian way', () => {
  it.each([
    ['12 січня', '2027-01-12'],
    ['12 СІЧНЯ', '2027-01-12'],
    ['12 січня 2027', '2027-01-12'],
    ['січень 12', '2027-01-12'],
    ['3 лютого', '2027-02-03'],
    ['30 листопада', '2026-11-30'],
    ['30 лист', '2026-11-30'],
    ['понеділок 30 листопада', '2026-11-30'],
    ['1 грудня', '2026-12-01'],
    ['5 травня 2027', '2027-05-05'],
    ['12 января', '2027-01-12'],
    ['30.11.2026', '2026-11-30'],
    ['сьогодні', '2026-11-22'],
    ['завтра', '2026-11-23'],
    ['післязавтра', '2026-11-24'],
    ['через 3 дні', '2026-11-25'],
    ['через п’ять днів', '2026-11-27'],
    ["через п'ять днів", '2026-11-27'],
    ['через пʼять днів', '2026-11-27'],
    ['через пять днів', '2026-11-27'],
    ['через два тижні', '2026-12-06'],
    ['наступного тижня', '2026-11-29'],
    ['вівторок', '2026-11-24'],
    ['п’ятниця', '2026-11-27'],
    ["п'ятницю", '2026-11-27'],
    ['ПʼЯТНИЦЯ', '2026-11-27'],
    ['наступний четвер', '2026-11-26'],
  ])('%j -> %s', (typed, expected) => {
    expect(parseDate(typed, sunday, lex)).toBe(expected);
  });

  it.each([['30 листопадик'], ['через'], ['січня']])('%j is not a date', (typed) => {
    expect(parseDate(typed, sunday, lex)).toBeNull();
  });
});

describe('amounts and numbers typed the Ukrainian way', () => {
  it.each([
    ['650,50', 650.5],
    ['650', 650],
    ['28 000', 28000],
    ['28\u00a0000', 28000],
    ['28\u202f000', 28000],
    ['28 000,00', 28000],
    ['1 250,50 €', 1250.5],
    ['650,50 євро', 650.5],
    ['650 ЄВРО', 650],
    ['650 евро', 650],
  ])('%j is the amount %d', (typed, amount) => {
    expect(parseAmount(typed, lex)).toBe(amount);
  });

  it.each([
    ['два', 2],
    ['дві', 2],
    ['Три', 3],
    ['п’ять', 5],
    ["дев'ять", 9],
    ['нікого', 0],
  ])('%j is the number %d', (typed, n) => {
    expect(parseNumber(typed, lex)).toBe(n);
  });

  it.each([
    ['Так', true],
    ['ТАК', true],
    ['добре', true],
    ['Ні', false],
    ['ні, дякую', false],
    ['немає', false],
  ])('%j is yes/no %s', (typed, answer) => {
    expect(parseYesNo(typed, lex)).toBe(answer);
  });
});

describe('Ukrainian intents, whatever the apostrophe and the case', () => {
  it.each([
    ['Я хочу покінчити з собою'],
    ['суїцид'],
    ['СУИЦИД'],
    ['не хочу жити'],
    ['Я більше не хочу жити.'],
    ['думаю вбити себе'],
    ["я вб'ю себе"],
    ['я вбʼю себе'],
    ['я вб’ю себе'],
    ['хочу померти'],
    ['ріжу себе'],
    ['чоловік мене б’є'],
    ["він б'є мене"],
    ['Він бʼє мене щодня'],
    ['вдома насильство'],
    ['домашнє насильство'],
    ['мені погрожують'],
    ['ne hochu zhyty'],
  ])('%j reaches the crisis answer', (typed) => {
    expect(hasCrisisWords(typed, lex)).toBe(true);
    expect(intentFromText(typed, lex)).toEqual({ name: 'crisis' });
  });

  it.each([['не можу заплатити оренду'], ['я більше не можу платити оренду'], ['дві людини'], ['п’ятниця'], ['я живу з дітьми'], ['бєзпєка']])('%j is no crisis', (typed) => {
    expect(hasCrisisWords(typed, lex)).toBe(false);
  });

  it.each([
    ['СТОП', 'stop'],
    ['я хочу поговорити з людиною', 'mens'],
    ['Волонтер', 'mens'],
    ['видаліть мої дані', 'verwijder'],
    ['Назад', 'terug'],
    ['почати спочатку', 'opnieuw'],
    ['пауза', 'pauze'],
    ['з’єднайте з людиною', 'mens'],
    ["з'єднайте з людиною", 'mens'],
  ])('%j is the intent %s', (typed, name) => {
    expect(intentFromText(typed, lex)).toEqual({ name });
  });

  it.each([
    ['українською', 'uk'],
    ['Українською, будь ласка', 'uk'],
    ['по-українськи', 'uk'],
    ['Ukrainian', 'uk'],
    ['oekraïens', 'uk'],
    ['англійською', 'en'],
    ['нідерландською', 'nl'],
    ['турецькою', 'tr'],
    ['арабською', 'ar'],
    ['польською', 'pl'],
    ['мова', null],
  ])('%j asks for the language %s', (typed, locale) => {
    expect(intentFromText(typed, lex)).toEqual({ name: 'taal', locale });
  });

  it('a status word in Ukrainian finds the reference code', () => {
    expect(intentFromText('статус HH-7K3M9P', lex)).toEqual({ name: 'status', code: 'HH-7K3M9P' });
  });
});
