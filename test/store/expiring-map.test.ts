import { describe, expect, it } from 'vitest';
import { ExpiringMap } from '../../src/store/expiring-map.js';

describe('ExpiringMap', () => {
  const clockAt = (ms: number) => {
    const clock = { ms, now: () => new Date(clock.ms) };
    return clock;
  };

  it('keeps an entry for its TTL after its last write, then drops it', () => {
    const clock = clockAt(0);
    const map = new ExpiringMap<number>(clock, 1000);
    map.set('a', 1);
    clock.ms = 600;
    map.set('b', 2);
    clock.ms = 999;
    expect(map.get('a')).toBe(1);
    clock.ms = 1000;
    expect(map.get('a')).toBeUndefined();
    expect(map.get('b')).toBe(2);
    clock.ms = 1600;
    expect(map.size).toBe(0);
  });

  it('with maxEntries, drops the entry written longest ago', () => {
    const clock = clockAt(0);
    const map = new ExpiringMap<number>(clock, 1000, 2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 3);
    map.set('c', 4);
    expect(map.size).toBe(2);
    expect(map.get('b')).toBeUndefined();
    expect(map.get('a')).toBe(3);
    expect(map.get('c')).toBe(4);
  });

  it('without maxEntries, keeps every live entry', () => {
    const map = new ExpiringMap<number>(clockAt(0), 1000);
    for (let i = 0; i < 20_000; i++) map.set(`k${i}`, i);
    expect(map.size).toBe(20_000);
  });
});
