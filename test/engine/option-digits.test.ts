import { describe, expect, it } from 'vitest';
import { optionFromDigits } from '../../src/engine/option-digits.js';

const shown = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];

describe('optionFromDigits', () => {
  it.each([
    ['2', 'b'],
    [' 2. ', 'b'],
    ['3)', 'c'],
    ['10', 'j'],
    // Arabic-Indic (U+0660..) and Eastern Arabic-Indic (U+06F0..) digits, as Arabic and Persian keyboards type them.
    ['٢', 'b'],
    ['٣.', 'c'],
    ['١٠', 'j'],
    ['۴', 'd'],
    // A right-to-left mark pasted along with the digit.
    ['\u200f٥\u200f', 'e'],
  ])('%j picks option %s', (typed, payload) => {
    expect(optionFromDigits(typed, shown)).toBe(payload);
  });

  it.each(['0', '٠', '11', '١١', 'two', 'اثنان', '2 euro', '', '٢٫٥'])('%j picks no option', (typed) => {
    expect(optionFromDigits(typed, shown)).toBeNull();
  });

  it('picks nothing when no options were shown', () => {
    expect(optionFromDigits('٢', undefined)).toBeNull();
  });
});
