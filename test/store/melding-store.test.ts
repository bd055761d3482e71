import { describe, expect, test } from 'vitest';
import { createMeldingStore, defaultMeldingTtlDays, meldingTtlSeconds } from '../../src/store/create-melding-store.js';
import { MemoryMeldingStore } from '../../src/store/memory-melding-store.js';
import { manualClock } from '../helpers/manual-clock.js';
import { sampleMelding } from '../helpers/melding-fixture.js';
import { meldingStoreContract } from './melding-store.contract.js';

meldingStoreContract('memory', 'memory', async ({ ttlSeconds }) => {
  const clock = manualClock();
  const store = new MemoryMeldingStore({ clock, ttlSeconds });
  return { store, peer: store, clock, elapse: async (ms) => clock.advance(ms) };
});

describe('createMeldingStore (memory)', () => {
  test('keeps meldingen 90 days by default, counted on the injected clock', async () => {
    expect(defaultMeldingTtlDays).toBe(90);
    expect(meldingTtlSeconds()).toBe(90 * 86_400);
    expect(meldingTtlSeconds(1)).toBe(86_400);
    expect(() => meldingTtlSeconds(0)).toThrow(RangeError);
    expect(() => meldingTtlSeconds(1.5)).toThrow(RangeError);
    const clock = manualClock();
    const store = createMeldingStore({ kind: 'memory', clock });
    expect(store.kind).toBe('memory');
    await store.create(sampleMelding({ now: clock.now() }));
    expect(await store.ttl('HH-7K3M9P')).toBe(90 * 86_400);
    clock.advance(90 * 86_400_000 - 1000);
    expect(await store.get('HH-7K3M9P')).not.toBeNull();
    clock.advance(1000);
    expect(await store.get('HH-7K3M9P')).toBeNull();
  });

  test('takes ttlSeconds', async () => {
    const clock = manualClock();
    const store = createMeldingStore({ kind: 'memory', clock, ttlSeconds: 60 });
    await store.create(sampleMelding({ now: clock.now() }));
    expect(await store.ttl('HH-7K3M9P')).toBe(60);
    expect(() => createMeldingStore({ kind: 'memory', clock, ttlSeconds: 0 })).toThrow(RangeError);
  });
});
