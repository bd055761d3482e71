import { describe, expect, test } from 'vitest';
import { HuurhulpError, StoreError } from '../../src/shared/errors.js';
import type { SessionStore } from '../../src/store/session-store.js';

export interface SessionStoreFixture {
  readonly store: SessionStore;
  /** A second handle on the same data (another connection for Redis), to play a second bot process. */
  readonly peer: SessionStore;
  /** Lets `ms` pass: moves the injected clock (memory) or really waits (Redis). */
  elapse(ms: number): Promise<void>;
  /** Every raw key the backend holds for this fixture, with its TTL in seconds (Redis only). */
  readonly rawTtls?: () => Promise<Map<string, number>>;
}

export type OpenSessionStore = (options: { ttlSeconds: number }) => Promise<SessionStoreFixture>;

const hour = 3600;

async function conflictOf(promise: Promise<unknown>): Promise<StoreError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  if (!(error instanceof StoreError)) throw new Error('unreachable');
  expect(error.code).toBe('STORE_CONFLICT');
  return error;
}

/** One suite, run against every SessionStore implementation. */
export function sessionStoreContract(name: string, kind: 'redis' | 'memory', open: OpenSessionStore): void {
  describe(`SessionStore contract (${name})`, () => {
    test('reports its kind', async () => {
      const { store } = await open({ ttlSeconds: hour });
      expect(store.kind).toBe(kind);
    });

    test('a missing session is null, has no TTL and deletes as false', async () => {
      const { store } = await open({ ttlSeconds: hour });
      expect(await store.get('nobody')).toBeNull();
      expect(await store.ttl('nobody')).toBeNull();
      expect(await store.delete('nobody')).toBe(false);
    });

    test('creates with expectedRev 0, then each write bumps the revision', async () => {
      const { store } = await open({ ttlSeconds: hour });
      const doc = { version: 1, answers: { huur: 850, kinderen: true }, note: 'één € "quote"' };
      expect(await store.put('c1', doc, 0)).toBe(1);
      expect(await store.get('c1')).toEqual({ rev: 1, doc });
      expect(await store.put('c1', { version: 1, step: 2 }, 1)).toBe(2);
      expect(await store.get('c1')).toEqual({ rev: 2, doc: { version: 1, step: 2 } });
    });

    test('returns a copy: changing the object after put or get does not change the stored doc', async () => {
      const { store } = await open({ ttlSeconds: hour });
      const doc = { list: [1, 2] };
      await store.put('copy', doc, 0);
      doc.list.push(3);
      const first = await store.get('copy');
      expect(first?.doc).toEqual({ list: [1, 2] });
      const again = await store.get('copy');
      expect(again?.doc).not.toBe(first?.doc);
    });

    test('a stale revision throws STORE_CONFLICT and leaves the stored doc unchanged', async () => {
      const { store, peer } = await open({ ttlSeconds: hour });
      await store.put('c2', { who: 'first' }, 0);
      await peer.put('c2', { who: 'second' }, 1);
      await conflictOf(store.put('c2', { who: 'late' }, 1));
      await conflictOf(store.put('c2', { who: 'again new' }, 0));
      await conflictOf(store.put('c2', { who: 'ahead' }, 7));
      expect(await store.get('c2')).toEqual({ rev: 2, doc: { who: 'second' } });
    });

    test('writing to a missing session with expectedRev > 0 is a conflict and creates nothing', async () => {
      const { store } = await open({ ttlSeconds: hour });
      await conflictOf(store.put('c3', { x: 1 }, 3));
      expect(await store.get('c3')).toBeNull();
    });

    test('every write sets the TTL; every key has one', async () => {
      const { store, rawTtls } = await open({ ttlSeconds: hour });
      await store.put('t1', { a: 1 }, 0);
      await store.put('t2', { a: 2 }, 0);
      await store.put('t2', { a: 3 }, 1);
      for (const id of ['t1', 't2']) {
        const ttl = await store.ttl(id);
        expect(ttl).toBeGreaterThan(hour - 5);
        expect(ttl).toBeLessThanOrEqual(hour);
      }
      if (rawTtls) {
        const ttls = await rawTtls();
        expect(ttls.size).toBe(2);
        for (const [key, ttl] of ttls) expect({ key, ttl: ttl > 0 }).toEqual({ key, ttl: true });
      }
    });

    test('a write restarts the TTL', async () => {
      const { store, elapse } = await open({ ttlSeconds: 3 });
      await store.put('r1', { n: 1 }, 0);
      await elapse(1100);
      expect(await store.ttl('r1')).toBeLessThanOrEqual(2);
      await store.put('r1', { n: 2 }, 1);
      expect(await store.ttl('r1')).toBe(3);
    });

    test('a session expires after its TTL and can then be created afresh', async () => {
      const { store, elapse } = await open({ ttlSeconds: 1 });
      await store.put('e1', { n: 1 }, 0);
      expect(await store.get('e1')).not.toBeNull();
      await elapse(1200);
      expect(await store.get('e1')).toBeNull();
      expect(await store.ttl('e1')).toBeNull();
      expect(await store.put('e1', { n: 2 }, 0)).toBe(1);
    });

    test('delete removes the session and reports whether there was one', async () => {
      const { store } = await open({ ttlSeconds: hour });
      await store.put('d1', { n: 1 }, 0);
      await store.put('d2', { n: 2 }, 0);
      expect(await store.delete('d1')).toBe(true);
      expect(await store.get('d1')).toBeNull();
      expect(await store.ttl('d1')).toBeNull();
      expect(await store.delete('d1')).toBe(false);
      expect(await store.get('d2')).toEqual({ rev: 1, doc: { n: 2 } });
      expect(await store.put('d1', { n: 3 }, 0)).toBe(1);
    });

    test('concurrent turns: 20 parallel read-modify-write loops lose no answer', async () => {
      const { store, peer } = await open({ ttlSeconds: hour });
      const id = 'busy';
      let conflicts = 0;
      const appendAnswer = async (answer: string, via: SessionStore): Promise<void> => {
        for (let attempt = 0; attempt < 200; attempt++) {
          const current = await via.get(id);
          const answers = readAnswers(current?.doc);
          try {
            await via.put(id, { answers: [...answers, answer] }, current?.rev ?? 0);
            return;
          } catch (error) {
            if (!(error instanceof StoreError && error.code === 'STORE_CONFLICT')) throw error;
            conflicts += 1;
          }
        }
        throw new Error(`gave up on ${answer}`);
      };
      const answers = Array.from({ length: 20 }, (_, i) => `answer-${i}`);
      await Promise.all(answers.map((answer, i) => appendAnswer(answer, i % 2 === 0 ? store : peer)));

      const final = await store.get(id);
      expect(final?.rev).toBe(20);
      expect(readAnswers(final?.doc).sort()).toEqual([...answers].sort());
      // The loops really raced: without compare-and-set some answers would have been overwritten.
      expect(conflicts).toBeGreaterThan(0);
    });

    test('refuses empty, too long and whitespace ids', async () => {
      const { store } = await open({ ttlSeconds: hour });
      for (const bad of ['', 'a b', 'tab\there', 'x'.repeat(129)]) {
        const error: unknown = await store.put(bad, {}, 0).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(HuurhulpError);
        expect(error instanceof HuurhulpError && error.code).toBe('BAD_REQUEST');
      }
      expect(await store.put('x'.repeat(128), {}, 0)).toBe(1);
    });

    test('refuses documents JSON cannot hold', async () => {
      const { store } = await open({ ttlSeconds: hour });
      await expect(store.put('u1', undefined, 0)).rejects.toThrow(TypeError);
      expect(await store.get('u1')).toBeNull();
    });
  });
}

function readAnswers(doc: unknown): string[] {
  if (typeof doc !== 'object' || doc === null || !('answers' in doc) || !Array.isArray(doc.answers)) return [];
  return doc.answers.filter((a): a is string => typeof a === 'string');
}
