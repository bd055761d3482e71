import { describe, expect, test } from 'vitest';
import type { ConsoleSessionStore } from '../../../src/console/auth/console-session-store.js';
import type { ManualClock } from '../../helpers/manual-clock.js';

export interface ConsoleSessionStoreFixture {
  readonly store: ConsoleSessionStore;
  readonly clock: ManualClock;
  /** Lets `ms` pass: moves the clock, and for Redis also really waits so keys expire. */
  elapse(ms: number): Promise<void>;
}

export type OpenConsoleSessionStore = (options: { idleSeconds: number; activeWindowSeconds?: number }) => Promise<ConsoleSessionStoreFixture>;

const token = /^[A-Za-z0-9_-]{43}$/;
const hour = 3600;

/** One suite, run against every ConsoleSessionStore implementation. */
export function consoleSessionStoreContract(kind: 'redis' | 'memory', open: OpenConsoleSessionStore): void {
  describe(`ConsoleSessionStore contract (${kind})`, () => {
    test('create: a random 32-byte id and CSRF token; get returns the session', async () => {
      const { store, clock } = await open({ idleSeconds: hour });
      expect(store.kind).toBe(kind);
      const a = await store.create('anna', 'volunteer');
      const b = await store.create('anna', 'volunteer');
      expect(a.id).toMatch(token);
      expect(a.csrfToken).toMatch(token);
      expect(new Set([a.id, a.csrfToken, b.id, b.csrfToken]).size).toBe(4);
      const at = clock.now().toISOString();
      expect(a).toMatchObject({ username: 'anna', role: 'volunteer', createdAt: at, lastSeenAt: at });
      expect(await store.get(a.id)).toEqual(a);
    });

    test('unknown, malformed or empty ids are null, touch to null and destroy as false', async () => {
      const { store } = await open({ idleSeconds: hour });
      for (const id of ['A'.repeat(43), 'short', '', 'x'.repeat(43) + '=', 'a b'.padEnd(43, 'c'), '*'.repeat(43)]) {
        expect(await store.get(id)).toBeNull();
        expect(await store.touch(id)).toBeNull();
        expect(await store.destroy(id)).toBe(false);
      }
    });

    test('touch records the activity and returns the session', async () => {
      const { store, clock } = await open({ idleSeconds: hour });
      const s = await store.create('bert', 'coordinator');
      clock.advance(90_000);
      const touched = await store.touch(s.id);
      expect(touched).toEqual({ ...s, lastSeenAt: clock.now().toISOString() });
      expect(await store.get(s.id)).toEqual(touched);
    });

    test('destroy ends the session and only that one', async () => {
      const { store } = await open({ idleSeconds: hour });
      const a = await store.create('carla', 'volunteer');
      const b = await store.create('carla', 'volunteer');
      expect(await store.destroy(a.id)).toBe(true);
      expect(await store.get(a.id)).toBeNull();
      expect(await store.touch(a.id)).toBeNull();
      expect(await store.destroy(a.id)).toBe(false);
      expect(await store.get(b.id)).toEqual(b);
    });

    test('sliding expiry: a session ends idleSeconds after its last touch', async () => {
      const { store, elapse } = await open({ idleSeconds: 2, activeWindowSeconds: 1 });
      const kept = await store.create('dirk', 'volunteer');
      const idle = await store.create('eva', 'volunteer');
      await elapse(1200);
      expect(await store.touch(kept.id)).not.toBeNull();
      await elapse(1200);
      expect(await store.get(idle.id)).toBeNull();
      expect(await store.touch(idle.id)).toBeNull();
      expect(await store.get(kept.id)).not.toBeNull();
      await elapse(2100);
      expect(await store.get(kept.id)).toBeNull();
      expect(await store.anyActive()).toBe(false);
    });

    test('activeVolunteers: who touched a session within the window, once per volunteer', async () => {
      const { store, clock } = await open({ idleSeconds: hour, activeWindowSeconds: 60 });
      expect(store.activeWindowSeconds).toBe(60);
      const anna1 = await store.create('anna', 'volunteer');
      const anna2 = await store.create('anna', 'volunteer');
      const bert = await store.create('bert', 'coordinator');
      const start = clock.now();
      expect(await store.listActive()).toEqual(['anna', 'bert']);
      expect(await store.anyActive()).toBe(true);
      expect(await store.activeVolunteers()).toEqual([
        { username: 'anna', role: 'volunteer', lastSeenAt: start.toISOString() },
        { username: 'bert', role: 'coordinator', lastSeenAt: start.toISOString() },
      ]);

      clock.advance(61_000);
      expect(await store.listActive()).toEqual([]);
      expect(await store.anyActive()).toBe(false);
      // Still signed in (not expired), just not active now.
      expect(await store.get(bert.id)).not.toBeNull();

      await store.touch(anna2.id);
      expect(await store.activeVolunteers()).toEqual([{ username: 'anna', role: 'volunteer', lastSeenAt: clock.now().toISOString() }]);
      // An explicit `now` measures the window back from that moment.
      expect(await store.listActive(start)).toEqual(['anna', 'bert']);
      expect(await store.anyActive(start)).toBe(true);

      await store.destroy(anna2.id);
      expect(await store.listActive()).toEqual([]);
      // A session ended by signing out no longer counts, though it was touched within the window.
      expect(await store.anyActive()).toBe(false);
      await store.touch(anna1.id);
      expect(await store.listActive()).toEqual(['anna']);
      expect(await store.anyActive()).toBe(true);
    });

    test('refuses an active window longer than the idle time', async () => {
      await expect(open({ idleSeconds: 60, activeWindowSeconds: 61 })).rejects.toThrow(RangeError);
    });
  });
}
