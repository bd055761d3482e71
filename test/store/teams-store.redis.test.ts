import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RedisTeamsStore } from '../../src/store/redis-teams-store.js';
import { storeKeys } from '../../src/store/store-keys.js';
import { redisForTest, type RedisForTest } from '../helpers/redis-test-client.js';
import { sleep } from '../helpers/wait-for.js';
import { contractTtls, teamsStoreContract } from './teams-store.contract.js';

let redis: RedisForTest;

beforeAll(async () => {
  redis = await redisForTest();
});

afterAll(async () => {
  await redis.cleanup();
});

teamsStoreContract('redis', async () => ({
  store: new RedisTeamsStore({ ...contractTtls, client: redis.client, keys: storeKeys(redis.freshPrefix()) }),
  elapse: sleep,
}));

describe('redis teams store', () => {
  test('every key has a TTL, and no key holds a Teams user id', async () => {
    const prefix = redis.freshPrefix();
    const store = new RedisTeamsStore({ linkTtlSeconds: 3600, ticketTtlSeconds: 600, client: redis.client, keys: storeKeys(prefix) });
    const address = { serviceUrl: 'https://smba.example/teams/', conversationId: 'a:1', tenantId: null, botId: '28:bot' };
    await store.link('0f1e2d3c-aad-object-id', 'anna');
    await store.putLinkCode('ABCD-2345', 'anna');
    await store.setPersonalChat('anna', address);
    await store.setAlertChannel({ address, label: 'x', setBy: 'y', setAt: '2026-12-05T01:00:00.000Z', stale: false });
    await store.reserveAlertCard('t-1', address);
    await store.once('relay', '1-0', 60);
    await store.setLastCard('conv-1', { cardId: 'c', messages: [] });
    await store.setFocus('anna', 't-1');
    const ttls = await redis.ttls(prefix);
    expect(ttls.size).toBe(8);
    for (const [key, ttl] of ttls) {
      expect(ttl, key).toBeGreaterThan(0);
      expect(key).not.toContain('0f1e2d3c');
      expect(key).toContain('{teams}');
    }
  });
});
