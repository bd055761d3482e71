import { describe, expect, test } from 'vitest';
import type { ConversationReferenceStore, StoredReference } from '../../src/store/conversation-reference-store.js';
import type { FirstSeen } from '../../src/store/first-seen.js';

export interface ReferenceStoreFixture {
  readonly references: ConversationReferenceStore;
  /** A FirstSeen with `ttlSeconds`, on the same backend. */
  readonly firstSeen: FirstSeen;
  /** Lets `ms` pass: moves the injected clock (memory) or really waits (Redis). */
  elapse(ms: number): Promise<void>;
  /** Every raw key with its TTL in seconds (Redis only), to prove each one expires. */
  readonly rawTtls?: () => Promise<Map<string, number>>;
}

export type OpenReferenceStore = (options: { ttlSeconds: number }) => Promise<ReferenceStoreFixture>;

const sms = (conversationId: string, extra: Partial<StoredReference> = {}): StoredReference => ({
  conversationId,
  channel: 'sms',
  address: { to: '+31612345678', from: '+3197010000000' },
  ...extra,
});

/** One suite for the conversation reference store and the inbound dedup, run on memory and on real Redis. */
export function conversationReferenceContract(name: string, open: OpenReferenceStore): void {
  describe(`ConversationReferenceStore and FirstSeen contract (${name})`, () => {
    test('a missing reference is null and deletes as false', async () => {
      const { references } = await open({ ttlSeconds: 3600 });
      expect(await references.get('nobody')).toBeNull();
      expect(await references.delete('nobody')).toBe(false);
    });

    test('put then get returns the same reference; a put replaces it (lastInboundAt moves on)', async () => {
      const { references } = await open({ ttlSeconds: 3600 });
      await references.put(sms('c1', { lastInboundAt: '2026-12-05T01:00:00.000Z' }));
      expect(await references.get('c1')).toEqual(sms('c1', { lastInboundAt: '2026-12-05T01:00:00.000Z' }));
      await references.put(sms('c1', { lastInboundAt: '2026-12-05T02:00:00.000Z' }));
      expect((await references.get('c1'))?.lastInboundAt).toBe('2026-12-05T02:00:00.000Z');
      expect(await references.get('c2')).toBeNull();
    });

    test('delete erases the reference (and with it the address)', async () => {
      const { references } = await open({ ttlSeconds: 3600 });
      await references.put(sms('gone'));
      expect(await references.delete('gone')).toBe(true);
      expect(await references.get('gone')).toBeNull();
    });

    test('a reference expires after the TTL, counted from its last write', async () => {
      const { references, elapse } = await open({ ttlSeconds: 1 });
      await references.put(sms('short'));
      await elapse(600);
      await references.put(sms('short'));
      await elapse(600);
      expect(await references.get('short')).not.toBeNull();
      await elapse(1500);
      expect(await references.get('short')).toBeNull();
    });

    test('refuses a reference it could not read back (bad channel name, whitespace in the id)', async () => {
      const { references } = await open({ ttlSeconds: 3600 });
      await expect(references.put(sms('c3', { channel: 'Web Chat' }))).rejects.toThrow();
      await expect(references.put(sms('with space'))).rejects.toThrow();
    });

    test('every key it writes has a TTL', async ({ skip }) => {
      const { references, firstSeen, rawTtls } = await open({ ttlSeconds: 3600 });
      if (rawTtls === undefined) return skip('memory keeps no raw keys');
      await references.put(sms('ttl'));
      await firstSeen.claim('SM0123456789abcdef');
      const ttls = await rawTtls();
      expect(ttls.size).toBe(2);
      for (const [key, ttl] of ttls) {
        expect(ttl, key).toBeGreaterThan(0);
        expect(key).not.toContain('612345678');
      }
    });

    test('FirstSeen: the first claim of an id wins, repeats lose, until the TTL has passed', async () => {
      const { firstSeen, elapse } = await open({ ttlSeconds: 1 });
      expect(await firstSeen.claim('SMaaa')).toBe(true);
      expect(await firstSeen.claim('SMaaa')).toBe(false);
      expect(await firstSeen.claim('SMbbb')).toBe(true);
      await elapse(2100);
      expect(await firstSeen.claim('SMaaa')).toBe(true);
    });

    test('FirstSeen: a released claim can be claimed again (its handling failed)', async () => {
      const { firstSeen } = await open({ ttlSeconds: 60 });
      expect(await firstSeen.claim('SMfail')).toBe(true);
      await firstSeen.release('SMfail');
      expect(await firstSeen.claim('SMfail')).toBe(true);
      expect(await firstSeen.claim('SMfail')).toBe(false);
    });

    test('FirstSeen: of concurrent claims of one id exactly one wins', async () => {
      const { firstSeen } = await open({ ttlSeconds: 60 });
      const wins = await Promise.all(Array.from({ length: 10 }, () => firstSeen.claim('SMsame')));
      expect(wins.filter(Boolean)).toHaveLength(1);
    });
  });
}
