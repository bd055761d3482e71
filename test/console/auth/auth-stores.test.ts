import { MemoryConsoleSessionStore } from '../../../src/console/auth/memory-console-session-store.js';
import { MemoryVolunteerStore } from '../../../src/console/auth/memory-volunteer-store.js';
import { manualClock } from '../../helpers/manual-clock.js';
import { consoleSessionStoreContract } from './console-session-store.contract.js';
import { volunteerStoreContract } from './volunteer-store.contract.js';

volunteerStoreContract('memory', async ({ ttlSeconds }) => {
  const clock = manualClock();
  return { store: new MemoryVolunteerStore({ clock, ttlSeconds }), clock, elapse: async (ms) => clock.advance(ms) };
});

consoleSessionStoreContract('memory', async ({ idleSeconds, activeWindowSeconds }) => {
  const clock = manualClock();
  return { store: new MemoryConsoleSessionStore({ clock, idleSeconds, activeWindowSeconds }), clock, elapse: async (ms) => clock.advance(ms) };
});
