import { describe, expect, test } from 'vitest';
import { HuurhulpError } from '../../src/shared/errors.js';
import { compareMessageIds } from '../../src/store/message-id.js';
import type { MessageLog } from '../../src/store/session-store.js';

export interface MessageLogFixture {
  readonly log: MessageLog;
  /** Lets `ms` pass: moves the injected clock (memory) or really waits (Redis). */
  elapse(ms: number): Promise<void>;
  /** Every raw key the backend holds for this fixture, with its TTL in seconds (Redis only). */
  readonly rawTtls?: () => Promise<Map<string, number>>;
}

export type OpenMessageLog = (options: { ttlSeconds: number; maxPerConversation?: number }) => Promise<MessageLogFixture>;

const hour = 3600;

function bodies(messages: readonly { body: unknown }[]): unknown[] {
  return messages.map((m) => m.body);
}

async function appendAll(log: MessageLog, id: string, items: readonly unknown[]): Promise<string[]> {
  const ids: string[] = [];
  for (const item of items) ids.push(await log.append(id, item));
  return ids;
}

/** One suite, run against every MessageLog implementation. */
export function messageLogContract(name: string, open: OpenMessageLog): void {
  describe(`MessageLog contract (${name})`, () => {
    test('an unknown conversation lists nothing and deletes as false', async () => {
      const { log } = await open({ ttlSeconds: hour });
      expect(await log.list('nobody')).toEqual([]);
      expect(await log.list('nobody', '0-0')).toEqual([]);
      expect(await log.delete('nobody')).toBe(false);
    });

    test('lists in append order with the ids append returned, ids increasing', async () => {
      const { log } = await open({ ttlSeconds: hour });
      const items = [{ text: 'hallo' }, { text: 'wat kan ik doen?', buttons: ['a', 'b'] }, 'plain', 42, null];
      const ids = await appendAll(log, 'o1', items);
      const listed = await log.list('o1');
      expect(listed.map((m) => m.id)).toEqual(ids);
      expect(bodies(listed)).toEqual(items);
      for (let i = 1; i < ids.length; i++) {
        expect(compareMessageIds(ids[i - 1] ?? '', ids[i] ?? '')).toBeLessThan(0);
      }
    });

    test('parallel appends get distinct ids and list in id order', async () => {
      const { log } = await open({ ttlSeconds: hour });
      const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => log.append('par', { i })));
      expect(new Set(ids).size).toBe(20);
      const listed = await log.list('par');
      expect(listed.map((m) => m.id)).toEqual([...ids].sort(compareMessageIds));
    });

    test('`after` is exclusive: only later messages', async () => {
      const { log } = await open({ ttlSeconds: hour });
      const [first, second, third] = await appendAll(log, 'a1', ['one', 'two', 'three']);
      if (!first || !second || !third) throw new Error('three ids expected');
      expect(bodies(await log.list('a1', first))).toEqual(['two', 'three']);
      expect(bodies(await log.list('a1', second))).toEqual(['three']);
      expect(await log.list('a1', third)).toEqual([]);
      expect(bodies(await log.list('a1', '0-0'))).toEqual(['one', 'two', 'three']);
    });

    test('keeps only the newest maxPerConversation messages', async () => {
      const { log } = await open({ ttlSeconds: hour, maxPerConversation: 5 });
      const ids = await appendAll(log, 'cap', Array.from({ length: 12 }, (_, i) => i));
      expect(bodies(await log.list('cap'))).toEqual([7, 8, 9, 10, 11]);
      expect(bodies(await log.list('cap', ids[8]))).toEqual([9, 10, 11]);
      // A client that fell behind further than the cap gets what is kept, not an error.
      expect(bodies(await log.list('cap', ids[1]))).toEqual([7, 8, 9, 10, 11]);
    });

    test('the default cap is 200', async () => {
      const { log } = await open({ ttlSeconds: hour });
      await appendAll(log, 'cap200', Array.from({ length: 205 }, (_, i) => i));
      const listed = await log.list('cap200');
      expect(listed).toHaveLength(200);
      expect(listed[0]?.body).toBe(5);
      expect(listed[199]?.body).toBe(204);
    });

    test('conversations are kept apart', async () => {
      const { log } = await open({ ttlSeconds: hour });
      await log.append('p1', 'for p1');
      await log.append('p2', 'for p2');
      expect(bodies(await log.list('p1'))).toEqual(['for p1']);
      expect(bodies(await log.list('p2'))).toEqual(['for p2']);
    });

    test('every log has a TTL and expires with it', async () => {
      const { log, elapse, rawTtls } = await open({ ttlSeconds: 1 });
      await log.append('x1', 'soon gone');
      await log.append('x2', 'also gone');
      if (rawTtls) {
        const ttls = await rawTtls();
        expect(ttls.size).toBe(2);
        for (const [key, ttl] of ttls) expect({ key, ttl: ttl > 0 }).toEqual({ key, ttl: true });
      }
      await elapse(1200);
      expect(await log.list('x1')).toEqual([]);
      expect(await log.delete('x2')).toBe(false);
    });

    test('an append restarts the TTL of the whole log', async () => {
      const { log, elapse } = await open({ ttlSeconds: 1 });
      await log.append('rt', 'first');
      await elapse(700);
      await log.append('rt', 'second');
      // 1.4 s after the first append: alive only because the second one restarted the TTL.
      await elapse(700);
      expect(bodies(await log.list('rt'))).toEqual(['first', 'second']);
    });

    test('delete removes the whole log', async () => {
      const { log } = await open({ ttlSeconds: hour });
      await appendAll(log, 'del', ['a', 'b']);
      expect(await log.delete('del')).toBe(true);
      expect(await log.list('del')).toEqual([]);
      expect(await log.delete('del')).toBe(false);
    });

    test('refuses a malformed `after` id and a bad conversation id', async () => {
      const { log } = await open({ ttlSeconds: hour });
      await log.append('bad', 'x');
      for (const after of ['', 'abc', '12', '1-2-3', ' 1-0']) {
        const error: unknown = await log.list('bad', after).catch((e: unknown) => e);
        expect(error instanceof HuurhulpError && error.code).toBe('BAD_REQUEST');
      }
      const error: unknown = await log.append('has space', 'x').catch((e: unknown) => e);
      expect(error instanceof HuurhulpError && error.code).toBe('BAD_REQUEST');
    });
  });
}
