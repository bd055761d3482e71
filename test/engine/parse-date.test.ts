import { describe, expect, it } from 'vitest';
import { daysBetween, parseDate } from '../../src/engine/parse-date.js';
import { testLexicon } from '../helpers/test-lexicon.js';

const lex = testLexicon();
/** Sunday 22 November 2026, 10:00 in Amsterdam (UTC+1 in winter). */
const sunday = new Date('2026-11-22T10:00:00+01:00');

describe('parseDate', () => {
  it.each([
    // numeric forms
    ['30-11', '2026-11-30'],
    ['30/11/2026', '2026-11-30'],
    ['30.11.26', '2026-11-30'],
    ['2026-11-30', '2026-11-30'],
    ['  30-11  ', '2026-11-30'],
    // month names, Dutch and English, with or without weekday
    ['30 november', '2026-11-30'],
    ['maandag 30 nov', '2026-11-30'],
    ['Maandag 30 November', '2026-11-30'],
    ['30 nov.', '2026-11-30'],
    ['3 december 2027', '2027-12-03'],
    ['December 3', '2026-12-03'],
    ['dec 3', '2026-12-03'],
    // relative days
    ['vandaag', '2026-11-22'],
    ['morgen', '2026-11-23'],
    ['overmorgen', '2026-11-24'],
    ['over 5 dagen', '2026-11-27'],
    ['over een week', '2026-11-29'],
    ['over twee weken', '2026-12-06'],
    ['volgende week', '2026-11-29'],
    // weekdays: the next such day; "volgende week dinsdag" is the Tuesday of next calendar week (Mon 23 .. Sun 29)
    ['dinsdag', '2026-11-24'],
    ['volgende dinsdag', '2026-11-24'],
    ['volgende week dinsdag', '2026-11-24'],
    ['volgende week zondag', '2026-11-29'],
    ['zondag', '2026-11-29'],
    // English
    ['tomorrow', '2026-11-23'],
    ['the day after tomorrow', '2026-11-24'],
    ['in 2 weeks', '2026-12-06'],
    ['in a week', '2026-11-29'],
    ['next tuesday', '2026-11-24'],
  ])('%j -> %s', (text, expected) => {
    expect(parseDate(text, sunday, lex)).toBe(expected);
  });

  it.each([
    ['31-02'], // no such day
    ['29-02-2027'], // not a leap year
    ['2026-13-01'],
    ['0-11'],
    ['32-11'],
    ['hallo'],
    [''],
    ['30 smarch'],
    ['dinsdag morgen'],
    ['over veel dagen'],
    // words that are Object.prototype members are not number words (this used to throw RangeError)
    ['over constructor dagen'],
    ['in constructor weeks'],
  ])('%j is not a date', (text) => {
    expect(parseDate(text, sunday, lex)).toBeNull();
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseDate('29-02-2028', sunday, lex)).toBe('2028-02-29');
  });

  describe('a date without a year', () => {
    it('is next year when this year it lies more than two months back', () => {
      expect(parseDate('15-01', sunday, lex)).toBe('2027-01-15');
      expect(parseDate('15 september', sunday, lex)).toBe('2027-09-15');
    });

    it('stays this year when it lies less than two months back (a letter that came recently)', () => {
      expect(parseDate('1-10', sunday, lex)).toBe('2026-10-01');
      expect(parseDate('21 november', sunday, lex)).toBe('2026-11-21');
    });
  });

  describe('the day boundary is Amsterdam midnight, not UTC midnight', () => {
    it('23:30 in Amsterdam is still Sunday', () => {
      const late = new Date('2026-11-22T23:30:00+01:00');
      expect(parseDate('vandaag', late, lex)).toBe('2026-11-22');
      expect(parseDate('morgen', late, lex)).toBe('2026-11-23');
    });

    it('00:30 in Amsterdam is Monday, while UTC is still Sunday', () => {
      const justAfter = new Date('2026-11-23T00:30:00+01:00');
      expect(justAfter.getUTCDate()).toBe(22);
      expect(parseDate('vandaag', justAfter, lex)).toBe('2026-11-23');
      expect(parseDate('morgen', justAfter, lex)).toBe('2026-11-24');
      expect(parseDate('dinsdag', justAfter, lex)).toBe('2026-11-24');
    });

    it('in summer time (UTC+2) 01:30 in Amsterdam is already the next day', () => {
      const summer = new Date('2026-07-01T01:30:00+02:00');
      expect(summer.getUTCDate()).toBe(30);
      expect(parseDate('vandaag', summer, lex)).toBe('2026-07-01');
    });
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-11-22', 0],
    ['2026-11-23', 1],
    ['2026-11-21', -1],
    ['2026-12-06', 14],
    ['2026-12-05', 13],
    // across the switch to summer time (2027-03-28): still whole days
    ['2027-04-01', 130],
  ])('from Sunday 22 November to %s is %i days', (iso, days) => {
    expect(daysBetween(sunday, iso)).toBe(days);
  });

  it('counts from the Amsterdam day, also just after midnight', () => {
    expect(daysBetween(new Date('2026-11-22T23:30:00+01:00'), '2026-11-23')).toBe(1);
    expect(daysBetween(new Date('2026-11-23T00:30:00+01:00'), '2026-11-23')).toBe(0);
  });
});
