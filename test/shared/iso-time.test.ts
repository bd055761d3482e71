import { describe, expect, it } from 'vitest';
import { isoTime } from '../../src/shared/iso-time.js';

describe('isoTime', () => {
  it('is toISOString, for the same millisecond again and for others', () => {
    const moments = [0, 1_764_930_000_000, 1_764_930_000_000, 1_764_930_000_001, -1, 8.64e15, 1_764_930_000_000];
    for (const ms of moments) expect(isoTime(new Date(ms))).toBe(new Date(ms).toISOString());
  });

  it('throws for an invalid date, like toISOString, also right after a valid one', () => {
    isoTime(new Date(0));
    expect(() => isoTime(new Date(Number.NaN))).toThrow(RangeError);
    expect(isoTime(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
  });
});
