import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load-content.js';
import { hasCrisisWords, intentFromText } from '../../src/engine/detect-intent.js';
import type { Lexicon } from '../../src/engine/lexicon.js';
import { parseAmount, parseNumber, parseYesNo } from '../../src/engine/parse-amount.js';
import { parseDate } from '../../src/engine/parse-date.js';
import { rootDir } from '../../src/server.js';

/** The shipped lexicon, merged over every registered language as the app loads it (Polish among them). */
let lex: Lexicon;
beforeAll(async () => {
  lex = (await loadContent(rootDir)).lexicon;
});

/** Sunday 22 November 2026, 10:00 in Amsterdam. */
const sunday = new Date('2026-11-22T10:00:00+01:00');

describe('dates typed the Polish way', () => {
  it.each([
    ['12 stycznia', '2027-01-12'],
    ['12 STYCZNIA 2027', '2027-01-12'],
    ['12 sty', '2027-01-12'],
    ['styczeń 12', '2027-01-12'],
    ['3 lutego', '2027-02-03'],
    ['1 marca 2027', '2027-03-01'],
    ['30 listopada', '2026-11-30'],
    ['4 grudnia', '2026-12-04'],
    ['14 października 2027', '2027-10-14'],
    ['14 pazdziernika 2027', '2027-10-14'],
    ['poniedziałek 30 listopada', '2026-11-30'],
    ['12.01.2027', '2027-01-12'],
    ['dziś', '2026-11-22'],
    ['jutro', '2026-11-23'],
    ['pojutrze', '2026-11-24'],
    ['za 5 dni', '2026-11-27'],
    ['za dwa tygodnie', '2026-12-06'],
    ['przyszły tydzień', '2026-11-29'],
    ['w piątek', '2026-11-27'],
    ['we wtorek', '2026-11-24'],
    ['w środę', '2026-11-25'],
    ['w srode', '2026-11-25'],
    ['w sobotę', '2026-11-28'],
    ['przyszły piątek', '2026-11-27'],
    ['za tydzień', '2026-11-29'],
    ['w poniedziałek', '2026-11-23'],
  ])('%j is %s', (typed, day) => {
    expect(parseDate(typed, sunday, lex)).toBe(day);
  });

  it('is not fooled by other text', () => {
    expect(parseDate('nie wiem', sunday, lex)).toBeNull();
    expect(parseDate('32 stycznia', sunday, lex)).toBeNull();
  });
});

describe('amounts and numbers typed the Polish way', () => {
  it.each([
    ['650,50', 650.5],
    ['650,50 €', 650.5],
    ['28 000', 28000],
    ['28 000 euro', 28000],
    ['28\u00a0000', 28000],
    ['1 250,50 EUR', 1250.5],
  ])('%j is %d', (typed, amount) => {
    expect(parseAmount(typed, lex)).toBe(amount);
  });

  it('number words and yes/no, with or without diacritics', () => {
    expect(parseNumber('dwa', lex)).toBe(2);
    expect(parseNumber('pięć', lex)).toBe(5);
    expect(parseNumber('piec', lex)).toBe(5);
    expect(parseNumber('nikt', lex)).toBe(0);
    expect(parseYesNo('Tak', lex)).toBe(true);
    expect(parseYesNo('nie', lex)).toBe(false);
    expect(parseYesNo('raczej nie', lex)).toBe(false);
  });
});

describe('Polish intents', () => {
  it.each([
    ['człowiek', { name: 'mens' }],
    ['CZLOWIEK', { name: 'mens' }],
    ['chcę porozmawiać z człowiekiem', { name: 'mens' }],
    ['usuń moje dane', { name: 'verwijder' }],
    ['usun moje dane', { name: 'verwijder' }],
    ['wstecz', { name: 'terug' }],
    ['od nowa', { name: 'opnieuw' }],
    ['koniec', { name: 'stop' }],
    ['pauza', { name: 'pauze' }],
    ['po polsku', { name: 'taal', locale: 'pl' }],
    ['Polski', { name: 'taal', locale: 'pl' }],
    ['język', { name: 'taal', locale: null }],
    ['status HH-7K3M9P', { name: 'status', code: 'HH-7K3M9P' }],
  ])('%j is %j', (typed, intent) => {
    expect(intentFromText(typed, lex)).toEqual(intent);
  });
});

describe('Polish crisis words', () => {
  it.each([
    'chcę się zabić',
    'chce sie zabic',
    'Naprawdę nie chce mi się żyć.',
    'nie chce mi sie zyc',
    'MYŚLĘ O SAMOBÓJSTWIE',
    'mysle o samobojstwie',
    'tnę się',
    'mąż mnie bije',
    'maz mnie bije i boje sie',
    'przemoc w domu',
    'nie czuję się bezpiecznie w domu',
    'zabiję go',
  ])('%j reaches the crisis answer', (typed) => {
    expect(hasCrisisWords(typed, lex)).toBe(true);
    expect(intentFromText(typed, lex)).toEqual({ name: 'crisis' });
  });

  // Everyday words of this domain must not sound the alarm: an eviction "threatens", letters are "enough", time is "killed".
  it.each(['grozi mi eksmisja', 'komornik grozi mi licytacją', 'mam dość tych listów', 'nie chcę płacić kosztów windykacji', 'zabić czas'])(
    '%j is no crisis',
    (typed) => {
      expect(hasCrisisWords(typed, lex)).toBe(false);
    },
  );
});
