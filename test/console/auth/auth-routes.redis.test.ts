import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createConsoleAuthStores } from '../../../src/console/auth/create-console-auth-stores.js';
import { redisForTest, type RedisForTest } from '../../helpers/redis-test-client.js';
import { consoleTestApp, sessionCookie, testHasher } from './console-test-app.js';

let redis: RedisForTest;

beforeAll(async () => {
  redis = await redisForTest();
});

afterAll(async () => {
  await redis.cleanup();
});

const password = 'een heel lang wachtwoord';

/** Two app processes on one Redis prefix, each with its own Redis connection. */
async function twoProcesses() {
  const prefix = redis.freshPrefix();
  const options = { kind: 'redis', prefix, accountTtlSeconds: 86_400, sessionIdleSeconds: 3600 } as const;
  const one = createConsoleAuthStores({ ...options, client: redis.client });
  const two = createConsoleAuthStores({ ...options, client: await redis.secondClient() });
  await one.accounts.add({ username: 'anna', role: 'volunteer', passwordHash: await testHasher.hash(password) });
  return { prefix, one: consoleTestApp(one), two: consoleTestApp(two), stores: one };
}

describe('console auth on Redis, two processes', () => {
  test('a session made by one process works on the other; logout on either ends it everywhere', async () => {
    const { one, two, stores } = await twoProcesses();
    const res = await request(one).post('/api/console/login').send({ username: 'anna', password }).expect(200);
    const cookie = sessionCookie(res.headers['set-cookie']);
    const csrfToken = String(res.body.csrfToken);
    await request(two).post('/api/console/ping').set('Cookie', cookie).set('x-csrf-token', csrfToken).send({}).expect(200);
    expect(await stores.sessions.listActive()).toEqual(['anna']);
    await request(two).post('/api/console/logout').set('Cookie', cookie).set('x-csrf-token', csrfToken).expect(204);
    await request(one).get('/api/console/me').set('Cookie', cookie).expect(401);
  });

  test('the login limit counts failures over both processes', async () => {
    const { prefix, one, two } = await twoProcesses();
    for (let i = 0; i < 5; i++) {
      await request(i % 2 === 0 ? one : two).post('/api/console/login').send({ username: 'anna', password: 'wrong wrong wrong' }).expect(401);
    }
    await request(two).post('/api/console/login').send({ username: 'anna', password }).expect(429);
    await request(one).post('/api/console/login').send({ username: 'anna', password }).expect(429);
    // The counters are Redis keys with an expiry, like every key.
    const ttls = await redis.ttls(prefix);
    const counters = [...ttls].filter(([key]) => key.includes(':console-login-failures:'));
    // One counter per IP and one per IP + username (the IP as express-rate-limit normalises it).
    expect(counters.map(([key]) => key.slice(prefix.length)).sort()).toEqual([
      expect.stringMatching(/^:console-login-failures:login-ip:[0-9a-f.:/]+$/),
      expect.stringMatching(/^:console-login-failures:login-user:[0-9a-f.:/]+\|anna$/),
    ]);
    for (const [, ttl] of counters) expect(ttl).toBeGreaterThan(0);
  });
});
