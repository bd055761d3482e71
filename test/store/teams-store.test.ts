import { describe, expect, test } from 'vitest';
import { MemoryTeamsStore } from '../../src/store/memory-teams-store.js';
import { manualClock } from '../helpers/manual-clock.js';
import { contractTtls, teamsStoreContract } from './teams-store.contract.js';

teamsStoreContract('memory', async () => {
  const clock = manualClock();
  return { store: new MemoryTeamsStore({ ...contractTtls, clock }), elapse: async (ms) => clock.advance(ms) };
});

describe('memory teams store', () => {
  test('a link lives the link TTL after its last use', async () => {
    const clock = manualClock();
    const store = new MemoryTeamsStore({ ...contractTtls, clock });
    await store.link('aad', 'anna');
    clock.advance(2500);
    expect(await store.volunteerOf('aad')).toBe('anna');
    clock.advance(2500);
    expect(await store.volunteerOf('aad')).toBe('anna');
    clock.advance(3100);
    expect(await store.volunteerOf('aad')).toBeNull();
  });
});
