import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  findReferenceCode,
  isReferenceCode,
  newReferenceCode,
  normalizeReferenceCode,
  referenceCodeAlphabet,
  referenceCodePattern,
} from '../../../src/domain/melding/reference-code.js';

describe('reference code alphabet', () => {
  test('24 distinct characters without look-alikes', () => {
    expect(new Set(referenceCodeAlphabet).size).toBe(24);
    for (const lookAlike of '0O1IL2Z5SBGQ') expect(referenceCodeAlphabet).not.toContain(lookAlike);
    expect(referenceCodeAlphabet).toBe(referenceCodeAlphabet.toUpperCase());
  });
});

describe('newReferenceCode', () => {
  test('HH- and six alphabet characters, chosen by the random source', () => {
    expect(newReferenceCode(() => 0)).toBe('HH-333333');
    expect(newReferenceCode(() => 0.999999)).toBe('HH-YYYYYY');
    const sequence = [0, 1 / 24, 2 / 24, 3 / 24, 23 / 24, 0.5];
    let i = 0;
    expect(newReferenceCode(() => sequence[i++] ?? 0)).toBe('HH-3467YJ');
  });

  test('refuses a random source outside [0, 1)', () => {
    for (const bad of [1, -0.1, Number.NaN, 2]) expect(() => newReferenceCode(() => bad)).toThrow(RangeError);
  });

  test('property: every code matches the pattern and normalizes to itself', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 6, maxLength: 6 }), (rs) => {
        let i = 0;
        const code = newReferenceCode(() => rs[i++] ?? 0);
        expect(code).toMatch(referenceCodePattern);
        expect(normalizeReferenceCode(code)).toBe(code);
        expect(normalizeReferenceCode(code.toLowerCase().replace('-', ' '))).toBe(code);
      }),
    );
  });

  test('Math.random gives many different codes', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => newReferenceCode(Math.random)));
    expect(codes.size).toBeGreaterThan(990);
  });
});

describe('normalizeReferenceCode / isReferenceCode', () => {
  test.each([
    ['HH-7K3M9P', 'HH-7K3M9P'],
    ['hh-7k3m9p', 'HH-7K3M9P'],
    ['hh 7k3m9p', 'HH-7K3M9P'],
    ['HH7K3M9P', 'HH-7K3M9P'],
    ['  HH - 7K3 M9P ', 'HH-7K3M9P'],
    ['Hh-7k3-m9p', 'HH-7K3M9P'],
  ])('%j -> %s', (text, code) => {
    expect(normalizeReferenceCode(text)).toBe(code);
    expect(isReferenceCode(text)).toBe(true);
  });

  test.each([
    '',
    'HH-',
    'HH-7K3M9', // too short
    'HH-7K3M9PP', // too long
    'HH-0K3M9P', // 0 is not in the alphabet
    'HH-IK3M9P',
    'XX-7K3M9P',
    '7K3M9P',
    'status HH-7K3M9P', // a sentence is not a code (see findReferenceCode)
    'HH_7K3M9P',
    'HH-7K3M9P\u0000',
  ])('%j is not a code', (text) => {
    expect(normalizeReferenceCode(text)).toBeNull();
    expect(isReferenceCode(text)).toBe(false);
  });
});

describe('findReferenceCode', () => {
  test.each([
    ['status HH-7K3M9P', 'HH-7K3M9P'],
    ['Status hh 7k3m9p graag', 'HH-7K3M9P'],
    ['wat is de status van hh-7k3-m9p?', 'HH-7K3M9P'],
    ['code: HH7K3M9P.', 'HH-7K3M9P'],
    ['(HH-7K3M9P)', 'HH-7K3M9P'],
  ])('%j -> %s', (text, code) => {
    expect(findReferenceCode(text)).toBe(code);
  });

  test.each(['status', 'status HH-7K3M9', 'status HH-7K3M9PX', 'ahh-7k3m9p', 'status HH-7K3M9P9', 'HH-OK3M9P'])('%j has no code', (text) => {
    expect(findReferenceCode(text)).toBeNull();
  });
});
