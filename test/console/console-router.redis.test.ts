import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCannedDefaults } from '../../src/console/canned-defaults.js';
import { startClaimSweeper } from '../../src/console/claim-sweeper.js';
import { createConsoleStores } from '../../src/console/create-console-stores.js';
import { RELAY_CHANNEL, type RelayEvent } from '../../src/handoff/relay-event.js';
import { rootDir } from '../../src/server.js';
import { createLogger } from '../../src/shared/logger.js';
import { storeKeys } from '../../src/store/store-keys.js';
import { manualClock } from '../helpers/manual-clock.js';
import { redisForTest, type RedisForTest } from '../helpers/redis-test-client.js';
import { waitFor } from '../helpers/wait-for.js';
import { cannedTtlSeconds, startConsole, ticketTtlSeconds, type ConsoleFixture, type SignedIn } from './console-fixture.js';
import { consoleStoresContract } from './console-stores.contract.js';
import { openSse } from './sse-client.js';

const api = '/api/console';
let redis: RedisForTest;
let fx: ConsoleFixture;
let anna: SignedIn;
let bram: SignedIn;
let coco: SignedIn;

beforeAll(async () => {
  redis = await redisForTest();
  // Redis TTLs run on real time; the manual clock starts now so stored times and scores agree with it.
  fx = await startConsole({ kind: 'redis', client: redis.client, prefix: redis.prefix }, manualClock(new Date().toISOString()), { heartbeatMs: 25, pingMs: 1000 });
  await fx.addAccount('anna', 'volunteer');
  await fx.addAccount('bram', 'volunteer');
  await fx.addAccount('coco', 'coordinator');
  [anna, bram, coco] = await Promise.all([fx.login('anna'), fx.login('bram'), fx.login('coco')]);
});

afterAll(async () => {
  await fx?.close();
  await redis?.cleanup();
});

function as(who: SignedIn, method: 'get' | 'post' | 'put', path: string, body?: object) {
  const req = request(fx.url)[method](`${api}${path}`).set('Cookie', who.cookie).set('x-csrf-token', who.csrf);
  return body === undefined ? req : req.send(body);
}

consoleStoresContract('redis', async () => {
  const defaults = await loadCannedDefaults(rootDir);
  const stores = createConsoleStores({ kind: 'redis', client: redis.client, prefix: redis.freshPrefix(), ticketTtlSeconds: 3600, cannedDefaults: defaults });
  return { ...stores, defaults };
});

describe('console API on Redis', () => {
  test('claim, double claim, messages, notes, release, close; the stream sees it all over pub/sub', async () => {
    const stream = await openSse(`${fx.url}${api}/events`, anna.cookie);
    await stream.next('ready');
    const id = await fx.enqueue('conv-redis', { urgency: 'urgent' });
    expect((await stream.next('ticket')).data).toMatchObject({ type: 'created', ticketId: id });

    expect((await as(anna, 'get', '/tickets').expect(200)).body.tickets).toEqual([expect.objectContaining({ id, urgency: 'urgent', summary: { phase: 2 } })]);
    await as(anna, 'post', `/tickets/${id}/claim`).expect(200);
    expect((await as(bram, 'post', `/tickets/${id}/claim`).expect(409)).body.error.code).toBe('TICKET_CLAIMED');
    expect((await as(bram, 'post', `/tickets/${id}/messages`, { text: 'Hoi' }).expect(409)).body.error.code).toBe('TICKET_NOT_HELD');
    await as(anna, 'post', `/tickets/${id}/messages`, { text: 'Hoi, ik ben Anna.' }).expect(204);
    expect(fx.person.calls).toContainEqual({ kind: 'message', conversationId: 'conv-redis', text: 'Hoi, ik ben Anna.', volunteer: 'anna' });

    const line: RelayEvent = { type: 'message', conversationId: 'conv-redis', ticketId: id, id: '1-0', line: { at: new Date().toISOString(), from: 'person', text: 'Dank je' } };
    await fx.stores.bus.publish(RELAY_CHANNEL, { id: 'r1', body: line });
    expect((await stream.next('message')).data).toEqual(line);

    const note = await as(anna, 'post', `/tickets/${id}/notes`, { text: 'Wil graag gebeld worden' }).expect(201);
    expect((await as(bram, 'get', `/tickets/${id}`).expect(200)).body.notes).toEqual([note.body.note]);

    await as(anna, 'post', `/tickets/${id}/release`).expect(200);
    await as(bram, 'post', `/tickets/${id}/claim`).expect(200);
    await as(bram, 'post', `/tickets/${id}/close`, { outcome: 'referred' }).expect(200);
    expect(fx.person.changes(id)).toEqual(['claimed', 'released', 'claimed', 'closed']);
    expect((await stream.next('ticket', (d) => typeof d === 'object' && d !== null && 'type' in d && d.type === 'closed')).data).toMatchObject({ volunteerId: 'bram' });
    stream.close();
    await waitFor(() => fx.subscriptions() === 0, 'the stream to unsubscribe');
  });

  test('notes and canned lists live in their own keys with their TTLs; every key under the prefix expires', async () => {
    const keys = storeKeys(redis.prefix);
    const id = await fx.enqueue('conv-ttl');
    await as(coco, 'post', `/tickets/${id}/notes`, { text: 'Privé' }).expect(201);
    expect((await as(anna, 'put', '/canned', { locale: 'en', replies: [] }).expect(403)).body.error.code).toBe('FORBIDDEN_ROLE');
    await as(coco, 'put', '/canned', { locale: 'en', replies: [{ id: 'hi', title: 'Hi', text: 'Hello there.' }] }).expect(200);
    expect((await as(anna, 'get', '/canned?locale=en').expect(200)).body).toMatchObject({ source: 'stored', updatedBy: 'coco' });

    const ttls = await redis.ttls();
    const noteTtl = ttls.get(keys.consoleNotes(id)) ?? 0;
    expect(noteTtl).toBeGreaterThan(ticketTtlSeconds - 5);
    expect(noteTtl).toBeLessThanOrEqual(ticketTtlSeconds);
    const cannedTtl = ttls.get(keys.cannedReplies('en')) ?? 0;
    expect(cannedTtl).toBeGreaterThan(cannedTtlSeconds - 5);
    expect(cannedTtl).toBeLessThanOrEqual(cannedTtlSeconds);
    expect(await redis.client.type(keys.consoleNotes(id))).toBe('list');
    const forever = [...ttls].filter(([, ttl]) => ttl < 0).map(([key]) => key);
    expect(forever).toEqual([]);
  });

  test('stats for the coordinator, with who is signed in', async () => {
    expect((await as(bram, 'get', '/stats').expect(403)).body.error.code).toBe('FORBIDDEN_ROLE');
    const res = await as(coco, 'get', '/stats').expect(200);
    expect(res.body).toMatchObject({ handledToday: 1, claimed: 0 });
    expect(res.body.signedIn.map((v: { username: string }) => v.username)).toEqual(['anna', 'bram', 'coco']);
  });

  test('a heartbeat keeps a claim; a silent one is swept back to the queue', async () => {
    const kept = await fx.enqueue('conv-kept');
    const idle = await fx.enqueue('conv-idle');
    await as(anna, 'post', `/tickets/${kept}/claim`).expect(200);
    await as(bram, 'post', `/tickets/${idle}/claim`).expect(200);
    fx.clock.advance(100_000);
    expect((await as(anna, 'post', '/heartbeat').expect(200)).body.tickets).toEqual([kept]);
    fx.clock.advance(30_000);
    const sweeper = startClaimSweeper({ queue: fx.handoff.queue, person: fx.person, intervalMs: 10, logger: createLogger('silent') });
    try {
      await waitFor(() => fx.person.changes(idle).includes('expired'), 'the idle claim to expire');
      expect((await fx.handoff.queue.get(idle))?.state).toBe('waiting');
      expect((await fx.handoff.queue.get(kept))?.claimedBy).toBe('anna');
    } finally {
      await sweeper.stop();
    }
  });
});
