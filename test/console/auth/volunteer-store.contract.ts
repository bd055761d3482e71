import { describe, expect, test } from 'vitest';
import type { VolunteerStore } from '../../../src/console/auth/volunteer-store.js';
import { HuurhulpError } from '../../../src/shared/errors.js';
import type { ManualClock } from '../../helpers/manual-clock.js';

export interface VolunteerStoreFixture {
  readonly store: VolunteerStore;
  readonly clock: ManualClock;
  /** Lets `ms` pass: moves the clock, and for Redis also really waits so keys expire. */
  elapse(ms: number): Promise<void>;
}

export type OpenVolunteerStore = (options: { ttlSeconds: number }) => Promise<VolunteerStoreFixture>;

// Any string of the right shape: the store does not verify hashes.
const hashA = 'scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA$aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const hashB = 'scrypt$1024$8$1$BBBBBBBBBBBBBBBBBBBBBB$bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const day = 86_400;

async function errorOf(promise: Promise<unknown>): Promise<HuurhulpError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof HuurhulpError)) throw new Error(`expected a HuurhulpError, got ${String(error)}`);
  return error;
}

/** One suite, run against every VolunteerStore implementation. */
export function volunteerStoreContract(kind: 'redis' | 'memory', open: OpenVolunteerStore): void {
  describe(`VolunteerStore contract (${kind})`, () => {
    test('reports its kind; unknown and malformed usernames are null and remove as false', async () => {
      const { store } = await open({ ttlSeconds: day });
      expect(store.kind).toBe(kind);
      expect(await store.get('nobody')).toBeNull();
      expect(await store.get('no spaces allowed')).toBeNull();
      expect(await store.get('')).toBeNull();
      expect(await store.remove('nobody')).toBe(false);
      expect(await store.remove('x')).toBe(false);
      expect(await store.touchLogin('nobody')).toBe(false);
      expect(await store.list()).toEqual([]);
    });

    test('add folds the username to small letters; get finds it however it is written', async () => {
      const { store, clock } = await open({ ttlSeconds: day });
      const added = await store.add({ username: 'Anna.de-Vries_2', role: 'coordinator', passwordHash: hashA });
      const expected = { username: 'anna.de-vries_2', role: 'coordinator', passwordHash: hashA, createdAt: clock.now().toISOString(), lastLoginAt: null };
      expect(added).toEqual(expected);
      expect(await store.get('anna.de-vries_2')).toEqual(expected);
      expect(await store.get('ANNA.DE-VRIES_2')).toEqual(expected);
      expect(await store.get(' anna.de-vries_2 ')).toEqual(expected);
    });

    test('refuses a duplicate (also in other capitals) unless replace, which overwrites role and hash', async () => {
      const { store, clock } = await open({ ttlSeconds: day });
      await store.add({ username: 'bert', role: 'volunteer', passwordHash: hashA });
      const error = await errorOf(store.add({ username: 'BERT', role: 'coordinator', passwordHash: hashB }));
      expect(error.code).toBe('ACCOUNT_EXISTS');
      expect(error.status).toBe(409);
      expect(await store.get('bert')).toMatchObject({ role: 'volunteer', passwordHash: hashA });

      await store.touchLogin('bert');
      clock.advance(60_000);
      await store.add({ username: 'Bert', role: 'coordinator', passwordHash: hashB, replace: true });
      expect(await store.get('bert')).toEqual({ username: 'bert', role: 'coordinator', passwordHash: hashB, createdAt: clock.now().toISOString(), lastLoginAt: null });
      expect((await store.list()).map((a) => a.username)).toEqual(['bert']);
    });

    test('replace also creates an account that does not exist yet', async () => {
      const { store } = await open({ ttlSeconds: day });
      await store.add({ username: 'nieuw', role: 'volunteer', passwordHash: hashA, replace: true });
      expect(await store.get('nieuw')).toMatchObject({ role: 'volunteer' });
    });

    test.each(['ab', 'a'.repeat(41), 'anna de vries', 'anna@example.nl', 'änna', 'anna/x', ''])('refuses username %j', async (username) => {
      const { store } = await open({ ttlSeconds: day });
      const error = await errorOf(store.add({ username, role: 'volunteer', passwordHash: hashA }));
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details.join()).toContain('username');
      expect(await store.list()).toEqual([]);
    });

    test('accepts usernames of exactly 3 and 40 characters', async () => {
      const { store } = await open({ ttlSeconds: day });
      await store.add({ username: 'abc', role: 'volunteer', passwordHash: hashA });
      await store.add({ username: 'a'.repeat(40), role: 'volunteer', passwordHash: hashA });
      expect(await store.list()).toHaveLength(2);
    });

    test('refuses a plain password where a hash belongs', async () => {
      const { store } = await open({ ttlSeconds: day });
      const error = await errorOf(store.add({ username: 'carla', role: 'volunteer', passwordHash: 'hunter2hunter2' }));
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.message).not.toContain('hunter2');
      expect(await store.get('carla')).toBeNull();
    });

    test('list: every account by username, without password hashes', async () => {
      const { store, clock } = await open({ ttlSeconds: day });
      await store.add({ username: 'zoe', role: 'volunteer', passwordHash: hashA });
      await store.add({ username: 'anna', role: 'coordinator', passwordHash: hashB });
      await store.add({ username: 'moos', role: 'volunteer', passwordHash: hashA });
      clock.advance(1000);
      await store.touchLogin('moos');
      const list = await store.list();
      expect(list.map((a) => a.username)).toEqual(['anna', 'moos', 'zoe']);
      expect(list[1]).toEqual({ username: 'moos', role: 'volunteer', createdAt: new Date(clock.now().getTime() - 1000).toISOString(), lastLoginAt: clock.now().toISOString() });
      expect(JSON.stringify(list)).not.toContain('scrypt$');
    });

    test('remove deletes the account and its place in the list', async () => {
      const { store } = await open({ ttlSeconds: day });
      await store.add({ username: 'dirk', role: 'volunteer', passwordHash: hashA });
      await store.add({ username: 'eva', role: 'volunteer', passwordHash: hashA });
      expect(await store.remove('DIRK')).toBe(true);
      expect(await store.get('dirk')).toBeNull();
      expect((await store.list()).map((a) => a.username)).toEqual(['eva']);
      expect(await store.remove('dirk')).toBe(false);
      expect(await store.touchLogin('dirk')).toBe(false);
    });

    test('touchLogin records the time of the login', async () => {
      const { store, clock } = await open({ ttlSeconds: day });
      await store.add({ username: 'fleur', role: 'volunteer', passwordHash: hashA });
      clock.advance(5 * 60_000);
      expect(await store.touchLogin('Fleur')).toBe(true);
      expect(await store.get('fleur')).toMatchObject({ lastLoginAt: clock.now().toISOString() });
    });

    test('an account expires ttl after it was added; a login renews it', async () => {
      const { store, elapse } = await open({ ttlSeconds: 2 });
      await store.add({ username: 'gone', role: 'volunteer', passwordHash: hashA });
      await store.add({ username: 'kept', role: 'volunteer', passwordHash: hashA });
      await elapse(1200);
      expect(await store.touchLogin('kept')).toBe(true);
      await elapse(1200);
      // 2.4 s after adding: `gone` is gone; `kept` logged in 1.2 s ago and lives on.
      expect(await store.get('gone')).toBeNull();
      expect(await store.get('kept')).not.toBeNull();
      expect((await store.list()).map((a) => a.username)).toEqual(['kept']);
      // An expired username is free again.
      await store.add({ username: 'gone', role: 'coordinator', passwordHash: hashB });
      expect(await store.get('gone')).toMatchObject({ role: 'coordinator' });
    });
  });
}
