import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHandoff } from '../../src/handoff/create-handoff.js';
import type { HandoffEvent } from '../../src/handoff/handoff-events.js';
import { bandWidth, backOffset } from '../../src/handoff/queue-order.js';
import { RedisHandoffEvents } from '../../src/handoff/redis-handoff-events.js';
import { RedisHandoffQueue } from '../../src/handoff/redis-handoff-queue.js';
import { systemClock } from '../../src/shared/clock.js';
import { HuurhulpError } from '../../src/shared/errors.js';
import type { RedisClient } from '../../src/store/connect-redis.js';
import { storeKeys } from '../../src/store/store-keys.js';
import { manualClock } from '../helpers/manual-clock.js';
import { contractHandle, openHandoffQueue } from '../helpers/redis-contract-fixtures.js';
import { redisForTest, type RedisForTest } from '../helpers/redis-test-client.js';
import { subscribersOf } from '../helpers/subscribers.js';
import { sleep, waitFor } from '../helpers/wait-for.js';
import { chatInput, handoffQueueContract } from './handoff-queue.contract.js';

let redis: RedisForTest;
let second: RedisClient;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  redis = await redisForTest();
  second = await redis.secondClient();
});

afterAll(async () => {
  for (const close of closers) await close();
  await redis.cleanup();
});

handoffQueueContract('redis', openHandoffQueue(() => contractHandle(redis, second, closers)));

function isConflict(result: PromiseSettledResult<unknown>): boolean {
  return result.status === 'rejected' && result.reason instanceof HuurhulpError && result.reason.code === 'TICKET_CLAIMED';
}

describe('RedisHandoffQueue on a real Redis', () => {
  test('20 volunteers on 20 connections claim one ticket at once: exactly one wins', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const clients = await Promise.all(Array.from({ length: 20 }, () => redis.secondClient()));
    const queues = clients.map((client) => new RedisHandoffQueue({ client, keys, clock: systemClock }));
    for (let round = 0; round < 5; round++) {
      const { ticket } = await new RedisHandoffQueue({ client: redis.client, keys, clock: systemClock }).enqueue(chatInput(`race-${round}`));
      const results = await Promise.allSettled(queues.map((queue, i) => queue.claim(ticket.id, `vol-${i}`)));
      const winners = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      expect(winners).toHaveLength(1);
      expect(results.filter(isConflict)).toHaveLength(19);
      const stored = await queues[0]?.get(ticket.id);
      expect(stored?.claimedBy).toBe(winners[0]?.claimedBy);
      expect(await redis.client.zCard(keys.handoffClaimed)).toBe(round + 1);
      expect(await redis.client.zCard(keys.handoffWaiting)).toBe(0);
      // One first claim, one wait sample.
      expect(await redis.client.zCard(keys.handoffWaits)).toBe(round + 1);
    }
  });

  test('20 processes enqueue the same conversation at once: one ticket', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const clients = await Promise.all(Array.from({ length: 20 }, () => redis.secondClient()));
    const queues = clients.map((client) => new RedisHandoffQueue({ client, keys, clock: systemClock }));
    const results = await Promise.all(queues.map((queue, i) => queue.enqueue(chatInput('same-person', { urgency: i === 7 ? 'crisis' : 'normal' }))));
    expect(new Set(results.map((r) => r.ticket.id)).size).toBe(1);
    expect(results.filter((r) => r.status === 'created')).toHaveLength(1);
    expect(await redis.client.zCard(keys.handoffWaiting)).toBe(1);
    const ticket = await queues[0]?.byConversation('same-person');
    expect(ticket?.urgency).toBe('crisis');
  });

  test('a killed claimer: heartbeats hold the claim; when they stop, the ticket comes back and another volunteer takes it', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const main = new RedisHandoffQueue({ client: redis.client, keys, clock: systemClock, claimTimeoutSeconds: 0.6 });
    const consoleClient = await redis.secondClient();
    const theirs = new RedisHandoffQueue({ client: consoleClient, keys, clock: systemClock, claimTimeoutSeconds: 0.6 });
    const { ticket } = await main.enqueue(chatInput('left-alone'));
    await theirs.claim(ticket.id, 'vol-killed');

    // The console's heartbeat, as its open event stream would send it.
    const beats = setInterval(() => void theirs.heartbeat('vol-killed').catch(() => undefined), 150);
    try {
      await sleep(1000);
      expect(await main.expireStale()).toEqual([]);
      expect((await main.get(ticket.id))?.claimedBy).toBe('vol-killed');

      consoleClient.destroy();
      await sleep(800);
    } finally {
      clearInterval(beats);
    }
    const expired = await main.expireStale();
    expect(expired.map((t) => [t.id, t.state, t.lastReturn])).toEqual([[ticket.id, 'waiting', 'expired']]);
    expect(await main.position(ticket.id)).toBe(1);
    const taken = await main.claim(ticket.id, 'vol-alive');
    expect(taken.claimedBy).toBe('vol-alive');
  });

  test('lease expiry in real time puts the ticket first in its band', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const queue = new RedisHandoffQueue({ client: redis.client, keys, clock: systemClock, claimTimeoutSeconds: 0.3 });
    const first = (await queue.enqueue(chatInput('first'))).ticket;
    await sleep(5);
    const second = (await queue.enqueue(chatInput('second'))).ticket;
    await queue.claim(second.id, 'vol-a');
    expect(await queue.expireStale()).toEqual([]);
    await sleep(400);
    expect((await queue.expireStale()).map((t) => t.id)).toEqual([second.id]);
    expect((await queue.list('waiting')).map((t) => t.id)).toEqual([second.id, first.id]);
  });

  test('raw layout: keys from the key builder, the waiting score encodes urgency, then front of band, then time', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const clock = manualClock();
    const queue = new RedisHandoffQueue({ client: redis.client, keys, clock, claimTimeoutSeconds: 10 });
    const normal = (await queue.enqueue(chatInput('raw-n'))).ticket;
    const crisis = (await queue.enqueue(chatInput('raw-c', { urgency: 'crisis' }))).ticket;
    const t0 = clock.now().getTime();
    expect(await redis.client.zScore(keys.handoffWaiting, normal.id)).toBe(3 * bandWidth + backOffset + t0);
    expect(await redis.client.zScore(keys.handoffWaiting, crisis.id)).toBe(backOffset + t0);
    expect(await redis.client.hGet(keys.handoffOpen, 'raw-n')).toBe(normal.id);
    const hash = await redis.client.hGetAll(keys.handoffTicket(normal.id));
    expect(hash).toMatchObject({ state: 'waiting', urgency: 'normal', waitingSince: String(t0), conversationId: 'raw-n' });
    // What the person said sits only in `doc`, written once.
    expect(JSON.parse(hash['doc'] ?? '{}')).toMatchObject({ summary: chatInput('x').summary });

    await queue.claim(normal.id, 'vol-a');
    expect(await redis.client.zScore(keys.handoffClaimed, normal.id)).toBe(t0 + 10_000);
    clock.advance(10_000);
    await queue.expireStale();
    expect(await redis.client.zScore(keys.handoffWaiting, normal.id)).toBe(3 * bandWidth + t0);
    expect(await redis.client.hmGet(keys.handoffTicket(normal.id), ['claimedBy', 'leaseUntil'])).toEqual([null, null]);
  });

  test('every key has a TTL, refreshed by each change', async () => {
    const prefix = redis.freshPrefix();
    const keys = storeKeys(prefix);
    const queue = new RedisHandoffQueue({ client: redis.client, keys, clock: systemClock, ticketTtlSeconds: 3600 });
    const a = (await queue.enqueue(chatInput('ttl-a'))).ticket;
    const b = (await queue.enqueue(chatInput('ttl-b'))).ticket;
    const c = (await queue.enqueue(chatInput('ttl-c'))).ticket;
    await queue.enqueue(chatInput('ttl-d'));
    await queue.claim(a.id, 'vol-a');
    await queue.claim(b.id, 'vol-a');
    await queue.claim(c.id, 'vol-b');
    await queue.close(b.id, 'vol-a', 'no_contact');
    await queue.release(c.id, 'vol-b');
    await queue.heartbeat('vol-a');
    const ttls = await redis.ttls(prefix);
    const kinds = new Set([...ttls.keys()].map((key) => key.slice(prefix.length + 1).split(':').slice(0, 2).join(':')));
    expect(kinds).toEqual(
      new Set(['{handoff}:ticket', '{handoff}:open', '{handoff}:waiting', '{handoff}:claimed', '{handoff}:closed', '{handoff}:waits']),
    );
    expect(ttls.size).toBe(4 + 5);
    for (const [key, ttl] of ttls) expect({ key, ok: ttl > 3500 && ttl <= 3600 }).toEqual({ key, ok: true });
  });

  test('a waiting ticket whose hash expired is dropped from the list', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const queue = new RedisHandoffQueue({ client: redis.client, keys, clock: systemClock });
    const gone = (await queue.enqueue(chatInput('gone'))).ticket;
    const kept = (await queue.enqueue(chatInput('kept'))).ticket;
    await redis.client.del(keys.handoffTicket(gone.id));
    expect((await queue.list('waiting')).map((t) => t.id)).toEqual([kept.id]);
    expect(await queue.position(kept.id)).toBe(1);
    await expect(queue.claim(gone.id, 'vol-a')).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
    // The stale pointer of the conversation does not block a new ticket.
    expect((await queue.enqueue(chatInput('gone'))).status).toBe('created');
  });

  test('createHandoff: events from one process reach a subscriber on another connection', async () => {
    const prefix = redis.freshPrefix();
    const here = createHandoff({ kind: 'redis', client: redis.client, prefix });
    const there = createHandoff({ kind: 'redis', client: second, prefix });
    closers.push(() => here.close(), () => there.close());
    expect(here.kind).toBe('redis');
    expect(here.queue.claimTimeoutSeconds).toBe(120);
    const seen: HandoffEvent[] = [];
    await there.events.subscribe((e) => seen.push(e));
    const { ticket } = await here.queue.enqueue(chatInput('live'));
    await there.queue.claim(ticket.id, 'vol-a');
    await waitFor(() => seen.length === 2, 'two events');
    expect(seen.map((e) => [e.type, e.ticketId])).toEqual([
      ['created', ticket.id],
      ['claimed', ticket.id],
    ]);
    // The subscriber has its own connection: the shared client still runs commands.
    expect(await second.ping()).toBe('PONG');
    const channel = storeKeys(prefix).handoffEvents;
    expect(await subscribersOf(redis.client, channel)).toBe(1);
    await there.close();
    expect(await subscribersOf(redis.client, channel)).toBe(0);
    await expect(there.events.subscribe(() => undefined)).rejects.toThrow(/closed/);
  });

  test('ignores malformed messages on the events channel', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const events = new RedisHandoffEvents({ client: second, keys });
    closers.push(() => events.close());
    const seen: HandoffEvent[] = [];
    await events.subscribe((e) => seen.push(e));
    await redis.client.publish(keys.handoffEvents, 'not json');
    await redis.client.publish(keys.handoffEvents, '{"type":"claimed"}');
    const queue = new RedisHandoffQueue({ client: redis.client, keys, clock: systemClock, events: new RedisHandoffEvents({ client: redis.client, keys }) });
    await queue.enqueue(chatInput('good'));
    await waitFor(() => seen.length === 1, 'the good event');
    expect(seen[0]?.type).toBe('created');
  });
});
