import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAmount, parseNumber, parsePostcode, parseYesNo } from '../../src/engine/parse-amount.js';
import { testLexicon } from '../helpers/test-lexicon.js';

const lex = testLexicon();

describe('parseAmount', () => {
  it.each([
    ['1.250,50', 1250.5],
    ['€ 700', 700],
    ['€700,00', 700],
    ['700 euro', 700],
    ['700 EUR', 700],
    ['700,-', 700],
    ['700,--', 700],
    ['700.-', 700],
    ['1250.50', 1250.5],
    ['1,250.50', 1250.5],
    ['12,5', 12.5],
    ['0,05', 0.05],
    ['0', 0],
    [' 700 ', 700],
    ['1 250', 1250],
    // Dutch habit wins on ambiguity: a dot before three digits groups thousands
    ['1.250', 1250],
    ['€ 1.234.567,89', 1234567.89],
  ])('%j -> %d', (text, expected) => {
    expect(parseAmount(text, lex)).toBe(expected);
  });

  it.each([['-5'], ['abc'], ['1.2.3'], ['1.250.5'], ['1,2,3'], ['12,345'.repeat(4)], ['5,'], ['.5'], ['0.500'], ['€'], ['']])('%j is not an amount', (text) => {
    expect(parseAmount(text, lex)).toBeNull();
  });

  it('reads back any amount written the Dutch way ("1.234,56"), with or without a currency word', () => {
    const dutch = (cents: number): string => {
      const euros = Math.floor(cents / 100)
        .toString()
        .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
      return `${euros},${String(cents % 100).padStart(2, '0')}`;
    };
    expect(dutch(123456)).toBe('1.234,56');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom('{}', '€ {}', '€{}', '{} euro'), (cents, pattern) => {
        expect(parseAmount(pattern.replace('{}', dutch(cents)), lex)).toBe(cents / 100);
      }),
    );
  });
});

describe('parseYesNo', () => {
  it.each([
    ['ja', true],
    ['Ja!', true],
    ['  JA  ', true],
    ['yes', true],
    ['oké', true],
    ['nee', false],
    ['Nee hoor', false],
    ['no', false],
    ['misschien', null],
    ['ja nee', null],
    ['', null],
  ])('%j -> %s', (text, expected) => {
    expect(parseYesNo(text, lex)).toBe(expected);
  });
});

describe('parseNumber', () => {
  it.each([
    ['3', 3],
    [' 12 ', 12],
    ['0', 0],
    ['drie', 3],
    ['Twee', 2],
    ['three', 3],
    ['geen', 0],
    ['-1', null],
    ['2,5', null],
    ['veel', null],
    ['1234567890', null],
    // not an Object.prototype member (this used to return the Object function)
    ['constructor', null],
  ])('%j -> %s', (text, expected) => {
    expect(parseNumber(text, lex)).toBe(expected);
  });
});

describe('parsePostcode', () => {
  it.each([
    ['1234 AB', '1234AB'],
    ['1234ab', '1234AB'],
    [' 9999 zz ', '9999ZZ'],
    ['0123 AB', null],
    ['123 AB', null],
    ['1234 A', null],
    ['1234-AB', null],
    ['1234 ABC', null],
  ])('%j -> %s', (text, expected) => {
    expect(parsePostcode(text)).toBe(expected);
  });
});
