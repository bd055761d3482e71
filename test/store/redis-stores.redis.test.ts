import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RedisClient } from '../../src/store/connect-redis.js';
import { createRedisStores } from '../../src/store/create-stores.js';
import { RedisMessageLog } from '../../src/store/redis-message-log.js';
import { RedisReplyBus } from '../../src/store/redis-reply-bus.js';
import { RedisSessionStore } from '../../src/store/redis-session-store.js';
import { storeKeys } from '../../src/store/store-keys.js';
import { contractHandle, openMessageLog, openReplyBus, openSessionStore } from '../helpers/redis-contract-fixtures.js';
import { redisForTest, type RedisForTest } from '../helpers/redis-test-client.js';
import { subscribersOf } from '../helpers/subscribers.js';
import { sleep, waitFor } from '../helpers/wait-for.js';
import { messageLogContract } from './message-log.contract.js';
import { replyBusContract } from './reply-bus.contract.js';
import { sessionStoreContract } from './session-store.contract.js';
import { conversationReferenceContract } from './conversation-reference-store.contract.js';
import { RedisConversationReferenceStore } from '../../src/store/redis-conversation-reference-store.js';
import { RedisFirstSeen } from '../../src/store/first-seen.js';

let redis: RedisForTest;
let second: RedisClient;
const buses: RedisReplyBus[] = [];
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  redis = await redisForTest();
  second = await redis.secondClient();
});

afterAll(async () => {
  await Promise.all(buses.map((bus) => bus.close()));
  for (const close of closers) await close();
  await redis.cleanup();
});

const handle = () => contractHandle(redis, second, closers);
sessionStoreContract('redis', 'redis', openSessionStore(handle));
messageLogContract('redis', openMessageLog(handle));
replyBusContract('redis', openReplyBus(handle));

conversationReferenceContract('redis', async ({ ttlSeconds }) => {
  const keys = storeKeys(redis.freshPrefix());
  return {
    references: new RedisConversationReferenceStore({ client: redis.client, keys, ttlSeconds }),
    firstSeen: new RedisFirstSeen({ client: redis.client, key: keys.inboundSeen, ttlSeconds }),
    elapse: sleep,
    rawTtls: () => redis.ttls(keys.prefix),
  };
});

describe('Redis stores: raw layout', () => {
  test('a session is one hash {rev, doc} under the session key, with the TTL', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const store = new RedisSessionStore({ client: redis.client, keys, ttlSeconds: 600 });
    await store.put('raw', { step: 'start' }, 0);
    await store.put('raw', { step: 'next' }, 1);
    expect(await redis.keys(keys.prefix)).toEqual([`${keys.prefix}:session:{raw}`]);
    expect(await redis.client.hGetAll(keys.session('raw'))).toEqual({ rev: '2', doc: '{"step":"next"}' });
    expect(await redis.client.ttl(keys.session('raw'))).toBeGreaterThan(590);
  });

  test('a message log is one stream whose ids are the message ids', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const log = new RedisMessageLog({ client: redis.client, keys, ttlSeconds: 600 });
    const id = await log.append('raw', { text: 'hoi' });
    expect(await redis.client.type(keys.messages('raw'))).toBe('stream');
    const entries = await redis.client.xRange(keys.messages('raw'), '-', '+');
    expect(entries?.map((e) => e.id)).toEqual([id]);
  });

  test('the stream is trimmed, so it stays bounded however long the chat runs', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const log = new RedisMessageLog({ client: redis.client, keys, ttlSeconds: 600, maxPerConversation: 10 });
    for (let i = 0; i < 500; i++) await log.append('long', i);
    // `~` trimming drops whole stream nodes (100 entries by default), so allow one node of slack.
    expect(await redis.client.xLen(keys.messages('long'))).toBeLessThanOrEqual(10 + 100);
    expect((await log.list('long')).map((m) => m.body)).toEqual([490, 491, 492, 493, 494, 495, 496, 497, 498, 499]);
  });

  test('a session written by another Redis client is read here (state is shared across processes)', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const here = new RedisSessionStore({ client: redis.client, keys, ttlSeconds: 600 });
    const there = new RedisSessionStore({ client: second, keys, ttlSeconds: 600 });
    await there.put('shared', { from: 'process B' }, 0);
    expect(await here.get('shared')).toEqual({ rev: 1, doc: { from: 'process B' } });
  });
});

describe('RedisReplyBus lifecycle', () => {
  test('listens on its own connection, and close() ends it', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const bus = new RedisReplyBus({ client: redis.client, keys });
    const channel = keys.replies('life');
    const received: unknown[] = [];
    await bus.subscribe('life', (m) => received.push(m.body));
    expect(await subscribersOf(redis.client, channel)).toBe(1);
    // The normal client is not in subscriber mode: it still runs commands.
    expect(await redis.client.ping()).toBe('PONG');
    await bus.publish('life', { id: '1-0', body: 'hi' });
    await waitFor(() => received.length === 1, 'the reply');

    await bus.close();
    expect(await subscribersOf(redis.client, channel)).toBe(0);
    await expect(bus.subscribe('life', () => undefined)).rejects.toThrow(/closed/);
  });

  test('unsubscribing the last listener leaves the channel', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const bus = new RedisReplyBus({ client: redis.client, keys });
    buses.push(bus);
    const channel = keys.replies('leave');
    const first = await bus.subscribe('leave', () => undefined);
    const second = await bus.subscribe('leave', () => undefined);
    await first();
    expect(await subscribersOf(redis.client, channel)).toBe(1);
    await second();
    expect(await subscribersOf(redis.client, channel)).toBe(0);
  });

  test('ignores a malformed message on the channel instead of crashing', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const bus = new RedisReplyBus({ client: redis.client, keys });
    buses.push(bus);
    const received: unknown[] = [];
    await bus.subscribe('junk', (m) => received.push(m.body));
    await redis.client.publish(keys.replies('junk'), 'not json');
    await redis.client.publish(keys.replies('junk'), '{"no":"id"}');
    await bus.publish('junk', { id: '1-0', body: 'good' });
    await waitFor(() => received.length === 1, 'the good reply');
    expect(received).toEqual(['good']);
  });
});

describe('createRedisStores', () => {
  test('wires sessions, messages and bus under one prefix, every key with the session TTL', async () => {
    const prefix = redis.freshPrefix();
    const stores = createRedisStores({ client: redis.client, prefix, sessionTtlSeconds: 1234 });
    expect(stores.kind).toBe('redis');
    await stores.sessions.put('w', { a: 1 }, 0);
    await stores.messages.append('w', 'hello');
    const received: unknown[] = [];
    await stores.bus.subscribe('w', (m) => received.push(m.body));
    await stores.bus.publish('w', { id: '1-0', body: 'live' });
    await waitFor(() => received.length === 1, 'the live reply');
    const ttls = await redis.ttls(prefix);
    expect([...ttls.keys()]).toEqual([`${prefix}:msgs:{w}`, `${prefix}:session:{w}`]);
    for (const ttl of ttls.values()) {
      expect(ttl).toBeGreaterThan(1200);
      expect(ttl).toBeLessThanOrEqual(1234);
    }
    await stores.close();
    // The client was passed in, so it stays open for its owner.
    expect(redis.client.isOpen).toBe(true);
  });

  test('with ownsClient, close() also closes the client', async () => {
    const client = await redis.secondClient();
    const stores = createRedisStores({ client, prefix: redis.freshPrefix(), sessionTtlSeconds: 60, ownsClient: true });
    await stores.sessions.put('o', {}, 0);
    await stores.close();
    expect(client.isOpen).toBe(false);
  });
});
