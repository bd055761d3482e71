import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createConsoleAuthStores } from '../../../src/console/auth/create-console-auth-stores.js';
import { sessionKeyId } from '../../../src/console/auth/console-session-store.js';
import { RedisConsoleSessionStore } from '../../../src/console/auth/redis-console-session-store.js';
import { RedisLoginFailureStore } from '../../../src/console/auth/redis-login-failure-store.js';
import { RedisVolunteerStore } from '../../../src/console/auth/redis-volunteer-store.js';
import { storeKeys } from '../../../src/store/store-keys.js';
import { manualClock } from '../../helpers/manual-clock.js';
import { contractHandle, openConsoleSessionStore, openVolunteerStore } from '../../helpers/redis-contract-fixtures.js';
import { redisForTest, type RedisForTest } from '../../helpers/redis-test-client.js';
import { sleep } from '../../helpers/wait-for.js';
import { consoleSessionStoreContract } from './console-session-store.contract.js';
import { volunteerStoreContract } from './volunteer-store.contract.js';

let redis: RedisForTest;

beforeAll(async () => {
  redis = await redisForTest();
});

afterAll(async () => {
  await redis.cleanup();
});

// The clock starts at the real time, so scores written by the store and Redis's own expiry agree.
const realTimeClock = () => manualClock(new Date().toISOString());

const handle = () => contractHandle(redis, redis.client, []);
volunteerStoreContract('redis', openVolunteerStore(handle));
consoleSessionStoreContract('redis', openConsoleSessionStore(handle));

const hash = 'scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA$aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const day = 86_400;

describe('console auth on Redis: raw layout', () => {
  test('every key of accounts, sessions and login counters has a TTL, and the exact keys are the expected ones', async () => {
    const prefix = redis.freshPrefix();
    const clock = realTimeClock();
    const stores = createConsoleAuthStores({ kind: 'redis', client: redis.client, prefix, clock, accountTtlSeconds: 365 * day, sessionIdleSeconds: 12 * 3600 });
    await stores.accounts.add({ username: 'anna', role: 'coordinator', passwordHash: hash });
    await stores.accounts.touchLogin('anna');
    const session = await stores.sessions.create('anna', 'coordinator');
    await stores.sessions.touch(session.id);
    const failures = stores.loginFailureStore?.('user');
    if (!(failures instanceof RedisLoginFailureStore)) throw new Error('the Redis stores must count login failures in Redis');
    failures.init({ windowMs: 15 * 60_000 });
    await failures.increment('127.0.0.1|anna');

    const hashed = sessionKeyId(session.id);
    const ttls = await redis.ttls(prefix);
    expect([...ttls.keys()]).toEqual(
      [
        `${prefix}:console-login-failures:login-user:127.0.0.1|anna`,
        `${prefix}:{console}:presence`,
        `${prefix}:{console}:session:${hashed}`,
        `${prefix}:{volunteer}:account:anna`,
        `${prefix}:{volunteer}:index`,
      ].sort(),
    );
    // The session id itself (the cookie value) is stored nowhere.
    expect([...ttls.keys()].join()).not.toContain(session.id);
    expect(JSON.stringify(await redis.client.hGetAll(`${prefix}:{console}:session:${hashed}`))).not.toContain(session.id);

    const near = (seconds: number) => expect.toSatisfy((ttl: number) => ttl > seconds - 60 && ttl <= seconds);
    expect(Object.fromEntries(ttls)).toEqual({
      [`${prefix}:console-login-failures:login-user:127.0.0.1|anna`]: near(15 * 60),
      [`${prefix}:{console}:presence`]: near(12 * 3600),
      [`${prefix}:{console}:session:${hashed}`]: near(12 * 3600),
      [`${prefix}:{volunteer}:account:anna`]: near(365 * day),
      [`${prefix}:{volunteer}:index`]: near(365 * day),
    });
  });

  test('a login renews the account TTL; the index never gets a shorter TTL than an account it lists', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const store = new RedisVolunteerStore({ client: redis.client, keys, ttlSeconds: day });
    await store.add({ username: 'bert', role: 'volunteer', passwordHash: hash });
    await redis.client.expire(keys.volunteerAccount('bert'), 100);
    await redis.client.expire(keys.volunteerIndex, 100);
    expect(await store.touchLogin('bert')).toBe(true);
    expect(await redis.client.ttl(keys.volunteerAccount('bert'))).toBeGreaterThan(day - 60);
    expect(await redis.client.ttl(keys.volunteerIndex)).toBeGreaterThan(day - 60);

    // Another process configured with a shorter TTL must not cut the index short.
    const shortLived = new RedisVolunteerStore({ client: redis.client, keys, ttlSeconds: 60 });
    await shortLived.add({ username: 'carla', role: 'volunteer', passwordHash: hash });
    expect(await redis.client.ttl(keys.volunteerIndex)).toBeGreaterThan(day - 60);
    expect(await redis.client.ttl(keys.volunteerAccount('carla'))).toBeLessThanOrEqual(60);
  });

  test('two processes: only one of two simultaneous adds of one username wins', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const second = await redis.secondClient();
    const a = new RedisVolunteerStore({ client: redis.client, keys, ttlSeconds: day });
    const b = new RedisVolunteerStore({ client: second, keys, ttlSeconds: day });
    const results = await Promise.allSettled([a.add({ username: 'dirk', role: 'volunteer', passwordHash: hash }), b.add({ username: 'dirk', role: 'coordinator', passwordHash: hash })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  test('a damaged account record lets nobody in (get is null) and list skips it', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const store = new RedisVolunteerStore({ client: redis.client, keys, ttlSeconds: day });
    await store.add({ username: 'eva', role: 'volunteer', passwordHash: hash });
    await redis.client.hSet(keys.volunteerAccount('eva'), 'role', 'admin');
    expect(await store.get('eva')).toBeNull();
    expect(await store.list()).toEqual([]);
  });

  test('a session seen by another process: touch there, active here', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const clock = realTimeClock();
    const here = new RedisConsoleSessionStore({ client: redis.client, keys, idleSeconds: 3600, activeWindowSeconds: 60, clock });
    const there = new RedisConsoleSessionStore({ client: await redis.secondClient(), keys, idleSeconds: 3600, activeWindowSeconds: 60, clock });
    const s = await here.create('fleur', 'volunteer');
    clock.advance(120_000);
    expect(await here.listActive()).toEqual([]);
    expect(await there.touch(s.id)).toMatchObject({ username: 'fleur', csrfToken: s.csrfToken });
    expect(await here.listActive()).toEqual(['fleur']);
  });
});

describe('RedisLoginFailureStore', () => {
  test('counts within a window, takes hits back without going below zero, resets, and expires', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const store = new RedisLoginFailureStore({ client: redis.client, keys, name: 'login-user' });
    store.init({ windowMs: 1000 });
    expect((await store.increment('k')).totalHits).toBe(1);
    const second = await store.increment('k');
    expect(second.totalHits).toBe(2);
    expect(second.resetTime?.getTime()).toBeGreaterThan(Date.now());
    await store.decrement('k');
    expect((await store.get('k'))?.totalHits).toBe(1);
    await store.resetKey('k');
    expect(await store.get('k')).toBeUndefined();
    await store.decrement('k');
    expect(await store.get('k')).toBeUndefined();
    expect((await store.increment('k')).totalHits).toBe(1);
    expect(await redis.client.pTTL(keys.consoleLoginFailures('login-user:k'))).toBeGreaterThan(0);
    await sleep(1100);
    expect(await store.get('k')).toBeUndefined();
    expect((await store.increment('k')).totalHits).toBe(1);
  });
});
