import { describe, expect, test } from 'vitest';
import type { Melding } from '../../src/domain/melding/melding.js';
import { HuurhulpError } from '../../src/shared/errors.js';
import type { MeldingStore } from '../../src/store/melding-store.js';
import type { ManualClock } from '../helpers/manual-clock.js';
import { sampleMelding, type SampleMeldingOptions } from '../helpers/melding-fixture.js';

export interface MeldingStoreFixture {
  readonly store: MeldingStore;
  /** A second handle on the same data (another connection for Redis), to play a second process. */
  readonly peer: MeldingStore;
  /** The stores' clock (for `updatedAt`); also used here to date new meldingen. */
  readonly clock: ManualClock;
  /** Lets `ms` pass: moves the clock, and for Redis also really waits so keys expire. */
  elapse(ms: number): Promise<void>;
  /** Every raw key the backend holds for this fixture, with its TTL in seconds (Redis only). */
  readonly rawTtls?: () => Promise<Map<string, number>>;
}

export type OpenMeldingStore = (options: { ttlSeconds: number }) => Promise<MeldingStoreFixture>;

const day = 86_400;

async function errorOf(promise: Promise<unknown>): Promise<HuurhulpError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HuurhulpError);
  if (!(error instanceof HuurhulpError)) throw new Error('unreachable');
  return error;
}

/** One suite, run against every MeldingStore implementation. */
export function meldingStoreContract(name: string, kind: 'redis' | 'memory', open: OpenMeldingStore): void {
  describe(`MeldingStore contract (${name})`, () => {
    const make = (fixture: MeldingStoreFixture, options: SampleMeldingOptions = {}): Melding =>
      sampleMelding({ now: fixture.clock.now(), ...options });

    test('reports its kind', async () => {
      const { store } = await open({ ttlSeconds: day });
      expect(store.kind).toBe(kind);
    });

    test('a missing melding is null everywhere and deletes as false', async () => {
      const { store } = await open({ ttlSeconds: day });
      expect(await store.get('HH-7K3M9P')).toBeNull();
      expect(await store.getForConversation('HH-7K3M9P', 'web:x')).toBeNull();
      expect(await store.ttl('HH-7K3M9P')).toBeNull();
      expect(await store.setStatus('HH-7K3M9P', 'in_progress')).toBeNull();
      expect(await store.delete('HH-7K3M9P')).toBe(false);
      expect(await store.listByConversation('web:x')).toEqual([]);
      expect(await store.deleteByConversation('web:x')).toEqual([]);
      expect(await store.list()).toEqual([]);
    });

    test('text that is no code is simply not found', async () => {
      const f = await open({ ttlSeconds: day });
      await f.store.create(make(f));
      for (const bad of ['', 'HH-7K3M9', 'HH 0000 00', '*', 'HH-7K3M9P*', 'hh-7k3m9p\u0000', 'x'.repeat(500)]) {
        expect(await f.store.get(bad)).toBeNull();
        expect(await f.store.getForConversation(bad, 'web:reporter-1')).toBeNull();
        expect(await f.store.ttl(bad)).toBeNull();
        expect(await f.store.delete(bad)).toBe(false);
        expect(await f.store.setStatus(bad, 'in_progress')).toBeNull();
      }
      expect(await f.store.get('HH-7K3M9P')).not.toBeNull();
    });

    test('stores and returns the melding; codes are found in any typed form', async () => {
      const f = await open({ ttlSeconds: day });
      const melding = make(f);
      await f.store.create(melding);
      expect(await f.store.get('HH-7K3M9P')).toEqual(melding);
      expect(await f.store.get('hh 7k3m9p')).toEqual(melding);
      expect(await f.peer.get(' HH7K3M9P ')).toEqual(melding);
    });

    test('returns copies: changing a returned melding does not change the stored one', async () => {
      const f = await open({ ttlSeconds: day });
      const melding = make(f);
      await f.store.create(melding);
      const first = await f.store.get(melding.code);
      if (!first) throw new Error('missing');
      first.concerns.push('health');
      expect(await f.store.get(melding.code)).toEqual(melding);
    });

    test('a code that exists is refused with STORE_CONFLICT and the first melding is kept', async () => {
      const f = await open({ ttlSeconds: day });
      const first = make(f);
      await f.store.create(first);
      const error = await errorOf(f.peer.create(make(f, { conversationId: 'web:someone-else', draft: { notes: 'later' } })));
      expect(error.code).toBe('STORE_CONFLICT');
      expect(await f.store.get(first.code)).toEqual(first);
      expect(await f.store.listByConversation('web:someone-else')).toEqual([]);
    });

    test('two processes creating the same code at once: exactly one wins', async () => {
      const f = await open({ ttlSeconds: day });
      const results = await Promise.allSettled([
        f.store.create(make(f, { conversationId: 'web:a' })),
        f.peer.create(make(f, { conversationId: 'web:b' })),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const winner = (await f.store.get('HH-7K3M9P'))?.conversationId;
      const loser = winner === 'web:a' ? 'web:b' : 'web:a';
      expect(await f.store.listByConversation(loser)).toEqual([]);
      expect(await f.store.list()).toHaveLength(1);
    });

    test('an invalid melding is refused (VALIDATION_FAILED, without its values) and nothing is stored', async () => {
      const f = await open({ ttlSeconds: day });
      const valid = make(f);
      const invalid: Melding[] = [
        { ...valid, notes: 'geheim\u0000' },
        { ...valid, notes: 'x'.repeat(1001) },
        { ...valid, tenantConsents: 'no' },
        { ...valid, reporterContact: { phone: '06-99999999', email: null, bestTimes: null } },
      ];
      for (const melding of invalid) {
        const error = await errorOf(f.store.create(melding));
        expect(error.code).toBe('VALIDATION_FAILED');
        expect(`${error.message} ${error.details.join(' ')}`).not.toMatch(/geheim|xxxx|99999999/);
      }
      expect(await f.store.get(valid.code)).toBeNull();
      expect(await f.store.list()).toEqual([]);
    });

    test('script tags, control characters and 1000 characters of text round-trip as plain text', async () => {
      const f = await open({ ttlSeconds: day });
      const typed = `<script>alert("hi")</script><img src=x onerror=alert(1)> {{x}} \u0000\u0007\u001b[2J`;
      const melding = make(f, {
        draft: {
          notes: typed + 'é'.repeat(1000),
          gemeente: '<b>Den Haag</b>\r\n',
          reporterContact: { email: 'a@example.nl', bestTimes: "'s avonds & <i>weekend</i>" },
        },
      });
      await f.store.create(melding);
      const stored = await f.peer.get(melding.code);
      expect(stored).toEqual(melding);
      expect(stored?.notes?.startsWith('<script>alert("hi")</script><img src=x onerror=alert(1)> {{x}} [2J')).toBe(true);
      expect(Array.from(stored?.notes ?? '')).toHaveLength(1000);
      expect(stored?.gemeente).toBe('<b>Den Haag</b>\n');
      expect(stored?.reporterContact.bestTimes).toBe("'s avonds & <i>weekend</i>");
    });

    test('the chat sees a melding only from the conversation that made it', async () => {
      const f = await open({ ttlSeconds: day });
      const mine = make(f, { code: 'HH-AAAAAA', conversationId: 'web:mine' });
      const theirs = make(f, { code: 'HH-CCCCCC', conversationId: 'web:theirs' });
      await f.store.create(mine);
      await f.store.create(theirs);
      expect(await f.store.getForConversation('hh aaaaaa', 'web:mine')).toEqual(mine);
      expect(await f.store.getForConversation('HH-AAAAAA', 'web:theirs')).toBeNull();
      expect(await f.store.getForConversation('HH-CCCCCC', 'web:mine')).toBeNull();
      expect(await f.store.listByConversation('web:mine')).toEqual([mine]);
      // Deleting "my data" from another conversation leaves this melding alone.
      expect(await f.store.deleteByConversation('web:theirs')).toEqual(['HH-CCCCCC']);
      expect(await f.store.get('HH-AAAAAA')).toEqual(mine);
      expect(await f.store.get('HH-CCCCCC')).toBeNull();
    });

    test('refuses conversation ids that are not usable', async () => {
      const { store } = await open({ ttlSeconds: day });
      for (const bad of ['', 'a b', 'x'.repeat(129)]) {
        expect((await errorOf(store.listByConversation(bad))).code).toBe('BAD_REQUEST');
        expect((await errorOf(store.getForConversation('HH-7K3M9P', bad))).code).toBe('BAD_REQUEST');
        expect((await errorOf(store.deleteByConversation(bad))).code).toBe('BAD_REQUEST');
      }
    });

    test('listByConversation: oldest first', async () => {
      const f = await open({ ttlSeconds: day });
      const first = make(f, { code: 'HH-YYYYYY' });
      f.clock.advance(60_000);
      const second = make(f, { code: 'HH-333333', draft: { crisis: true } });
      await f.store.create(second);
      await f.store.create(first);
      await f.store.create(make(f, { code: 'HH-444444', conversationId: 'web:other' }));
      expect((await f.store.listByConversation('web:reporter-1')).map((m) => m.code)).toEqual(['HH-YYYYYY', 'HH-333333']);
    });

    test('list: most urgent first, then longest waiting; filtered by status; limited', async () => {
      const f = await open({ ttlSeconds: day });
      const at = (minutes: number, code: string, draft: SampleMeldingOptions['draft']) =>
        sampleMelding({ code, now: new Date(f.clock.now().getTime() + minutes * 60_000), conversationId: `web:${code}`, draft });
      const all = [
        at(0, 'HH-NNNNNA', { phase: 1 }), // normal, oldest
        at(5, 'HH-TTTTT3', { phase: 3 }), // soon
        at(10, 'HH-UUUUU4', { courtDate: '2026-01-08' }), // urgent
        at(15, 'HH-CCCCC6', { crisis: true }), // crisis, newest
        at(1, 'HH-UUUUU7', { phase: 5 }), // urgent, older than UUUUU4
        at(2, 'HH-NNNNN8', { phase: 0 }), // normal
      ];
      for (const m of [...all].reverse()) await f.store.create(m);
      expect((await f.store.list()).map((m) => `${m.urgency} ${m.code}`)).toEqual([
        'crisis HH-CCCCC6',
        'urgent HH-UUUUU7',
        'urgent HH-UUUUU4',
        'soon HH-TTTTT3',
        'normal HH-NNNNNA',
        'normal HH-NNNNN8',
      ]);
      expect((await f.store.list({ limit: 2 })).map((m) => m.code)).toEqual(['HH-CCCCC6', 'HH-UUUUU7']);
      await f.store.setStatus('HH-UUUUU7', 'in_progress');
      await f.store.setStatus('HH-NNNNN8', 'closed', 'referred');
      expect((await f.store.list({ status: 'received' })).map((m) => m.code)).toEqual(['HH-CCCCC6', 'HH-UUUUU4', 'HH-TTTTT3', 'HH-NNNNNA']);
      expect((await f.store.list({ status: 'in_progress' })).map((m) => m.code)).toEqual(['HH-UUUUU7']);
      expect((await f.store.list({ status: 'closed', limit: 10 })).map((m) => m.code)).toEqual(['HH-NNNNN8']);
      await expect(f.store.list({ limit: 0 })).rejects.toThrow(RangeError);
    });

    test('setStatus: received -> in_progress -> closed with an outcome; updatedAt from the clock', async () => {
      const f = await open({ ttlSeconds: day });
      const melding = make(f);
      await f.store.create(melding);
      f.clock.advance(3_600_000);
      const taken = await f.store.setStatus('hh-7k3m9p', 'in_progress');
      expect(taken).toEqual({ ...melding, status: 'in_progress', updatedAt: f.clock.now().toISOString() });
      expect(await f.peer.get(melding.code)).toEqual(taken);
      const closed = await f.peer.setStatus(melding.code, 'closed', 'help_started');
      expect(closed).toMatchObject({ status: 'closed', outcome: 'help_started', createdAt: melding.createdAt });
      expect(await f.store.get(melding.code)).toEqual(closed);
    });

    test('setStatus refuses moves that are not allowed and leaves the melding unchanged', async () => {
      const f = await open({ ttlSeconds: day });
      const melding = make(f);
      await f.store.create(melding);
      expect((await errorOf(f.store.setStatus(melding.code, 'closed'))).code).toBe('BAD_REQUEST');
      expect((await errorOf(f.store.setStatus(melding.code, 'in_progress', 'referred'))).code).toBe('BAD_REQUEST');
      expect(await f.store.get(melding.code)).toEqual(melding);
      const closed = await f.store.setStatus(melding.code, 'closed', 'not_reached');
      expect((await errorOf(f.store.setStatus(melding.code, 'received'))).code).toBe('BAD_REQUEST');
      expect(await f.store.get(melding.code)).toEqual(closed);
    });

    test('two processes closing at once: exactly one closes, the other is refused', async () => {
      const f = await open({ ttlSeconds: day });
      await f.store.create(make(f));
      const results = await Promise.allSettled([
        f.store.setStatus('HH-7K3M9P', 'closed', 'referred'),
        f.peer.setStatus('HH-7K3M9P', 'closed', 'help_started'),
      ]);
      const won = results.flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value.outcome] : []));
      const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0] instanceof HuurhulpError && lost[0].code).toBe('BAD_REQUEST');
      expect((await f.store.get('HH-7K3M9P'))?.outcome).toBe(won[0]);
    });

    test('every key has the TTL; a status change restarts it', async () => {
      const f = await open({ ttlSeconds: 90 * day });
      await f.store.create(make(f, { code: 'HH-AAAAAA' }));
      await f.store.create(make(f, { code: 'HH-CCCCCC', conversationId: 'web:other' }));
      for (const code of ['HH-AAAAAA', 'HH-CCCCCC']) {
        const ttl = await f.store.ttl(code);
        expect(ttl).toBeGreaterThan(90 * day - 5);
        expect(ttl).toBeLessThanOrEqual(90 * day);
      }
      if (f.rawTtls) {
        const ttls = await f.rawTtls();
        // Two meldingen, two conversation sets, one index.
        expect(ttls.size).toBe(5);
        for (const [key, ttl] of ttls) expect({ key, ok: ttl > 90 * day - 5 && ttl <= 90 * day }).toEqual({ key, ok: true });
      }
    });

    test('a status change restarts the TTL', async () => {
      const f = await open({ ttlSeconds: 3 });
      await f.store.create(make(f));
      await f.elapse(1100);
      expect(await f.store.ttl('HH-7K3M9P')).toBeLessThanOrEqual(2);
      await f.store.setStatus('HH-7K3M9P', 'in_progress');
      expect(await f.store.ttl('HH-7K3M9P')).toBe(3);
    });

    test('a melding expires after its TTL: gone from get, lists and the conversation, and its code is free again', async () => {
      const f = await open({ ttlSeconds: 1 });
      const melding = make(f);
      await f.store.create(melding);
      await f.elapse(1200);
      expect(await f.store.get(melding.code)).toBeNull();
      expect(await f.store.ttl(melding.code)).toBeNull();
      expect(await f.store.list()).toEqual([]);
      expect(await f.store.listByConversation(melding.conversationId)).toEqual([]);
      expect(await f.store.deleteByConversation(melding.conversationId)).toEqual([]);
      expect(await f.store.setStatus(melding.code, 'in_progress')).toBeNull();
      await f.store.create(melding);
      expect(await f.store.get(melding.code)).toEqual(melding);
      if (f.rawTtls) expect([...(await f.rawTtls()).values()].every((ttl) => ttl > 0)).toBe(true);
    });

    test('delete erases the melding everywhere and reports whether there was one', async () => {
      const f = await open({ ttlSeconds: day });
      const melding = make(f);
      const other = make(f, { code: 'HH-AAAAAA' });
      await f.store.create(melding);
      await f.store.create(other);
      expect(await f.peer.delete('hh 7k3m9p')).toBe(true);
      expect(await f.store.get(melding.code)).toBeNull();
      expect(await f.store.ttl(melding.code)).toBeNull();
      expect((await f.store.list()).map((m) => m.code)).toEqual(['HH-AAAAAA']);
      expect(await f.store.listByConversation(melding.conversationId)).toEqual([other]);
      expect(await f.store.delete(melding.code)).toBe(false);
      await f.store.create(melding);
      expect(await f.store.get(melding.code)).toEqual(melding);
    });

    test('deleteByConversation erases all of its meldingen, returns their codes sorted, keeps others', async () => {
      const f = await open({ ttlSeconds: day });
      for (const code of ['HH-YYYYYY', 'HH-333333', 'HH-AAAAAA']) await f.store.create(make(f, { code, conversationId: 'web:leaving' }));
      const stays = make(f, { code: 'HH-CCCCCC', conversationId: 'web:staying' });
      await f.store.create(stays);
      expect(await f.peer.deleteByConversation('web:leaving')).toEqual(['HH-333333', 'HH-AAAAAA', 'HH-YYYYYY']);
      expect(await f.store.listByConversation('web:leaving')).toEqual([]);
      expect(await f.store.list()).toEqual([stays]);
      expect(await f.store.deleteByConversation('web:leaving')).toEqual([]);
      if (f.rawTtls) {
        expect([...(await f.rawTtls()).keys()].some((key) => key.includes('leaving') || key.includes('HH-YYYYYY'))).toBe(false);
      }
    });
  });
}
