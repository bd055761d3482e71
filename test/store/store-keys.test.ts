import { describe, expect, test } from 'vitest';
import { HuurhulpError } from '../../src/shared/errors.js';
import { compareMessageIds, isMessageId } from '../../src/store/message-id.js';
import { storeKeys } from '../../src/store/store-keys.js';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof HuurhulpError ? error.code : 'not a HuurhulpError';
  }
  return undefined;
}

describe('storeKeys', () => {
  test('builds every key under the prefix', () => {
    const keys = storeKeys('huurhulp');
    expect(keys.session('web:abc')).toBe('huurhulp:session:{web:abc}');
    expect(keys.messages('web:abc')).toBe('huurhulp:msgs:{web:abc}');
    expect(keys.replies('web:abc')).toBe('huurhulp:replies:web:abc');
    expect(keys.pattern).toBe('huurhulp:*');
  });

  test('refuses empty, over-long, whitespace and control-character ids', () => {
    const keys = storeKeys('p');
    for (const bad of ['', ' ', 'a b', 'a\nb', 'a\u0000b', 'x'.repeat(129)]) {
      expect(codeOf(() => keys.session(bad))).toBe('BAD_REQUEST');
      expect(codeOf(() => keys.messages(bad))).toBe('BAD_REQUEST');
    }
    expect(codeOf(() => keys.session('x'.repeat(128)))).toBeUndefined();
  });

  test('refuses prefixes that would break key listing', () => {
    for (const bad of ['', 'a b', 'a*', 'a?', 'a[1]', 'x'.repeat(65)]) {
      expect(codeOf(() => storeKeys(bad))).toBe('BAD_REQUEST');
    }
  });
});

describe('message ids', () => {
  test('compare numerically, not as text', () => {
    expect(compareMessageIds('9-0', '10-0')).toBeLessThan(0);
    expect(compareMessageIds('10-2', '10-10')).toBeLessThan(0);
    expect(compareMessageIds('10-1', '10-1')).toBe(0);
    expect(compareMessageIds('11-0', '10-99')).toBeGreaterThan(0);
  });

  test('only `<digits>-<digits>` is an id', () => {
    expect(isMessageId('1700000000000-3')).toBe(true);
    for (const bad of ['', '1', '1-', '-1', 'a-1', '1-2-3', '1-2 ']) expect(isMessageId(bad)).toBe(false);
  });
});
