import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RedisClient } from '../../src/store/connect-redis.js';
import { createMeldingStore } from '../../src/store/create-melding-store.js';
import { RedisMeldingStore } from '../../src/store/redis-melding-store.js';
import { storeKeys } from '../../src/store/store-keys.js';
import { sampleMelding } from '../helpers/melding-fixture.js';
import { contractHandle, openMeldingStore } from '../helpers/redis-contract-fixtures.js';
import { redisForTest, type RedisForTest } from '../helpers/redis-test-client.js';
import { meldingStoreContract } from './melding-store.contract.js';

let redis: RedisForTest;
let second: RedisClient;

beforeAll(async () => {
  redis = await redisForTest();
  second = await redis.secondClient();
});

afterAll(async () => {
  await redis.cleanup();
});

meldingStoreContract('redis', 'redis', openMeldingStore(() => contractHandle(redis, second, [])));

describe('Redis melding store: raw layout', () => {
  test('a melding hash {rev, doc}, a set per conversation and one index, all expiring', async () => {
    const prefix = redis.freshPrefix();
    const store = createMeldingStore({ kind: 'redis', client: redis.client, prefix, ttlSeconds: 600 });
    const melding = sampleMelding({ conversationId: 'web:raw' });
    await store.create(melding);
    await store.setStatus(melding.code, 'in_progress');
    // One hash tag, so the scripts that touch several of these keys also work on Redis Cluster.
    expect(await redis.keys(prefix)).toEqual([
      `${prefix}:{melding}:by-conversation:web:raw`,
      `${prefix}:{melding}:doc:HH-7K3M9P`,
      `${prefix}:{melding}:index`,
    ]);
    const raw = await redis.client.hGetAll(`${prefix}:{melding}:doc:HH-7K3M9P`);
    expect(raw.rev).toBe('2');
    expect(JSON.parse(raw.doc ?? '')).toMatchObject({ code: 'HH-7K3M9P', status: 'in_progress', version: 1 });
    expect(await redis.client.sMembers(`${prefix}:{melding}:by-conversation:web:raw`)).toEqual(['HH-7K3M9P']);
    expect(await redis.client.zRangeWithScores(`${prefix}:{melding}:index`, 0, -1)).toEqual([
      { value: 'HH-7K3M9P', score: Date.parse(melding.createdAt) },
    ]);
    for (const ttl of (await redis.ttls(prefix)).values()) {
      expect(ttl).toBeGreaterThan(590);
      expect(ttl).toBeLessThanOrEqual(600);
    }
  });

  test('the default TTL is 90 days', async () => {
    const prefix = redis.freshPrefix();
    const store = createMeldingStore({ kind: 'redis', client: redis.client, prefix });
    await store.create(sampleMelding());
    for (const ttl of (await redis.ttls(prefix)).values()) {
      expect(ttl).toBeGreaterThan(90 * 86_400 - 5);
      expect(ttl).toBeLessThanOrEqual(90 * 86_400);
    }
  });

  test('an index is never given a shorter TTL than it had (a process with a shorter setting)', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const long = new RedisMeldingStore({ client: redis.client, keys, ttlSeconds: 1000 });
    const short = new RedisMeldingStore({ client: redis.client, keys, ttlSeconds: 100 });
    await long.create(sampleMelding({ code: 'HH-AAAAAA' }));
    await short.create(sampleMelding({ code: 'HH-CCCCCC' }));
    expect(await redis.client.ttl(keys.meldingIndex)).toBeGreaterThan(990);
    expect(await redis.client.ttl(keys.meldingenOf('web:reporter-1'))).toBeGreaterThan(990);
    expect(await redis.client.ttl(keys.melding('HH-CCCCCC'))).toBeLessThanOrEqual(100);
  });

  test('codes of expired meldingen are pruned from the indexes when read', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const store = new RedisMeldingStore({ client: redis.client, keys, ttlSeconds: 600 });
    await store.create(sampleMelding({ code: 'HH-AAAAAA' }));
    await store.create(sampleMelding({ code: 'HH-CCCCCC' }));
    // As if HH-AAAAAA had expired on its own.
    await redis.client.del(keys.melding('HH-AAAAAA'));
    expect((await store.list()).map((m) => m.code)).toEqual(['HH-CCCCCC']);
    expect(await redis.client.zRange(keys.meldingIndex, 0, -1)).toEqual(['HH-CCCCCC']);
    expect((await store.listByConversation('web:reporter-1')).map((m) => m.code)).toEqual(['HH-CCCCCC']);
    expect(await redis.client.sMembers(keys.meldingenOf('web:reporter-1'))).toEqual(['HH-CCCCCC']);
  });

  test('an erasure request is not stopped by an unreadable document', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const store = new RedisMeldingStore({ client: redis.client, keys, ttlSeconds: 600 });
    await store.create(sampleMelding({ code: 'HH-AAAAAA', conversationId: 'web:broken' }));
    await store.create(sampleMelding({ code: 'HH-CCCCCC', conversationId: 'web:broken' }));
    await redis.client.hSet(keys.melding('HH-AAAAAA'), 'doc', '{not json');
    await expect(store.get('HH-AAAAAA')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(await store.deleteByConversation('web:broken')).toEqual(['HH-AAAAAA', 'HH-CCCCCC']);
    expect(await redis.keys(keys.prefix)).toEqual([]);
    await store.create(sampleMelding({ code: 'HH-DDDDDD', conversationId: 'web:broken' }));
    await redis.client.hSet(keys.melding('HH-DDDDDD'), 'doc', '{"version":1}');
    expect(await store.delete('HH-DDDDDD')).toBe(true);
    expect(await redis.client.exists(keys.melding('HH-DDDDDD'))).toBe(0);
  });

  test('a melding written by another Redis client is read here', async () => {
    const prefix = redis.freshPrefix();
    const here = createMeldingStore({ kind: 'redis', client: redis.client, prefix });
    const there = createMeldingStore({ kind: 'redis', client: second, prefix });
    const melding = sampleMelding();
    await there.create(melding);
    expect(await here.get(melding.code)).toEqual(melding);
  });
});
