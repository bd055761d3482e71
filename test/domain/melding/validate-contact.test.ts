import { describe, expect, test } from 'vitest';
import { isDutchMobile, normalizeEmail, normalizePhone } from '../../../src/domain/melding/validate-contact.js';

describe('normalizePhone', () => {
  test.each([
    ['06-12345678', '+31612345678'],
    ['0612345678', '+31612345678'],
    ['06 1234 5678', '+31612345678'],
    ['06 12 34 56 78', '+31612345678'],
    ['06.12345678', '+31612345678'],
    ['+31 6 1234 5678', '+31612345678'],
    ['+31612345678', '+31612345678'],
    ['+31 (0)6 12345678', '+31612345678'],
    ['+31 06 12345678', '+31612345678'],
    ['0031 6 12345678', '+31612345678'],
    ['0031612345678', '+31612345678'],
    ['020-1234567', '+31201234567'],
    ['020 123 4567', '+31201234567'],
    ['(020) 123 45 67', '+31201234567'],
    ['010-1234567', '+31101234567'],
    ['0591-123456', '+31591123456'],
    ['088-1234567', '+31881234567'],
    [' 06-12345678 ', '+31612345678'],
    ['06\u00a012345678', '+31612345678'],
    ['+32 470 12 34 56', '+32470123456'], // Belgium
    ['0049 30 1234567', '+49301234567'], // Germany
  ])('%j -> %s', (text, e164) => {
    expect(normalizePhone(text)).toBe(e164);
    // Normalized numbers are a fixed point.
    expect(normalizePhone(e164)).toBe(e164);
  });

  test.each([
    '',
    '06',
    '0612345', // too short
    '061234567890', // too long
    '6123456789', // no leading 0
    '00123456', // 00 and then too short to be international
    '+31 0612345678 9',
    '0800-0113', // service line, 8 digits
    '0900-80201234', // 11 digits
    '+31 6 1234 567', // +31 with 8 digits
    '+31 6 1234 56789',
    '+0 123456789',
    '+1234567', // under 8 digits
    '+1234567890123456', // over 15 digits
    '06-1234567a',
    'zes twaalf',
    '06-12345678 of 020-1234567',
    '<script>06-12345678</script>',
    '06--12345678\n1',
  ])('%j is refused', (text) => {
    expect(normalizePhone(text)).toBeNull();
  });

  test('only +316 numbers are Dutch mobiles', () => {
    expect(isDutchMobile('+31612345678')).toBe(true);
    expect(isDutchMobile('+31201234567')).toBe(false);
    expect(isDutchMobile('+32470123456')).toBe(false);
  });
});

describe('normalizeEmail', () => {
  test.each([
    ['anna@example.nl', 'anna@example.nl'],
    ['Anna.de.Vries@Example.NL', 'Anna.de.Vries@example.nl'],
    ['  anna+huur@mail.example.com ', 'anna+huur@mail.example.com'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['a_b-c@sub-domain.example.org', 'a_b-c@sub-domain.example.org'],
    ['x@xn--bcher-kva.example', 'x@xn--bcher-kva.example'],
    ['x@example.xn--p1ai', 'x@example.xn--p1ai'],
    ['anna@example.nl\n', 'anna@example.nl'], // the Enter key
  ])('%j -> %s', (text, email) => {
    expect(normalizeEmail(text)).toBe(email);
    expect(normalizeEmail(email)).toBe(email);
  });

  test.each([
    '',
    'anna',
    'anna@',
    '@example.nl',
    'anna@example',
    'anna@@example.nl',
    'an@na@example.nl',
    'anna@example..nl',
    'anna@-example.nl',
    'anna@example-.nl',
    '.anna@example.nl',
    'anna.@example.nl',
    'an..na@example.nl',
    'anna @example.nl',
    'anna@exa mple.nl',
    'anna@example.n',
    'anna@example.123',
    'anna@[127.0.0.1]',
    '"anna"@example.nl',
    '<script>@example.nl',
    'anna@example.nl<script>',
    'anna@exa\nmple.nl',
    'anna@example.nl\u0000',
    `${'a'.repeat(65)}@example.nl`,
    `a@${'b'.repeat(64)}.nl`,
    `a@${Array.from({ length: 51 }, () => 'abcd').join('.')}.nl`, // over 254 characters
  ])('%j is refused', (text) => {
    expect(normalizeEmail(text)).toBeNull();
  });

  test('the length limits are inclusive', () => {
    expect(normalizeEmail(`${'a'.repeat(64)}@example.nl`)).not.toBeNull();
    expect(normalizeEmail(`a@${'b'.repeat(63)}.nl`)).not.toBeNull();
    const long = `a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(57)}.nl`;
    expect(long.length).toBe(254);
    expect(normalizeEmail(long)).toBe(long);
    expect(normalizeEmail(`a${long}`)).toBeNull();
  });
});
