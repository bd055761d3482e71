import { describe, expect, test } from 'vitest';
import { cleanText, textLength } from '../../../src/domain/melding/plain-text.js';

describe('cleanText', () => {
  test('keeps markup, quotes and emoji exactly as typed', () => {
    const typed = `<script>alert("x")</script> & <b>vet</b> {{handlebars}} \${x} 'één' 😊 👨‍👩‍👧`;
    expect(cleanText(typed, 1000)).toBe(typed);
  });

  test('keeps newlines and tabs, removes other control characters', () => {
    expect(cleanText('regel 1\nregel 2\tmet tab', 100)).toBe('regel 1\nregel 2\tmet tab');
    expect(cleanText('windows\r\nregel', 100)).toBe('windows\nregel');
    expect(cleanText('a\u0000b\u0007c\u001bd\u007fe\u0085f\u009fg', 100)).toBe('abcdefg');
    expect(cleanText('\u001b[31mrood\u001b[0m', 100)).toBe('[31mrood[0m');
  });

  test('removes bidi overrides that would show text in another order, keeps zero-width joiners', () => {
    expect(cleanText('abc\u202edcba\u202c \u2066x\u2069', 100)).toBe('abcdcba x');
    expect(cleanText('👨\u200d👩', 100)).toBe('👨\u200d👩');
  });

  test('caps at max characters, counting an emoji as one and never splitting it', () => {
    expect(cleanText('x'.repeat(1001), 1000)).toBe('x'.repeat(1000));
    expect(cleanText('x'.repeat(1000), 1000)).toBe('x'.repeat(1000));
    const emoji = '😊'.repeat(5);
    expect(cleanText(emoji, 3)).toBe('😊😊😊');
    expect(textLength(cleanText(emoji, 3))).toBe(3);
    // Removal happens before the cap, so control characters do not use up the allowance.
    expect(cleanText('\u0000'.repeat(10) + 'abc', 3)).toBe('abc');
  });

  test('is idempotent', () => {
    const once = cleanText('a\u0000\r\n<i>b</i>😊'.repeat(300), 1000);
    expect(cleanText(once, 1000)).toBe(once);
  });
});
