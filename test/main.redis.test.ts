import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { history, lastOf, newSession, payloads, turn } from './channels/web/web-client.js';
import { redisForTest, type RedisForTest } from './helpers/redis-test-client.js';
import { runMain, type MainProcess } from './run-main.js';

describe('npm start (src/main.ts) with Redis', () => {
  let redis: RedisForTest;
  const started: MainProcess[] = [];
  beforeAll(async () => {
    redis = await redisForTest();
  });
  afterAll(async () => {
    await Promise.all(started.map((p) => p.stop()));
    await redis.cleanup();
  });

  it('uses Redis, and a conversation and its token survive a restart of the process (no SESSION_SECRET set)', async () => {
    const prefix = redis.freshPrefix();
    // No SESSION_SECRET: the first process keeps a random one in Redis, the second reads it back.
    const env = { PORT: '0', HOST: '127.0.0.1', STORE: 'auto', REDIS_URL: redis.url, REDIS_PREFIX: prefix, LOG_LEVEL: 'info' };

    const first = runMain(env);
    started.push(first);
    const url1 = await first.running();
    expect(first.logs().some((l) => l.msg === 'using Redis store' && l['prefix'] === prefix)).toBe(true);
    expect(first.output()).not.toContain('using the in-memory store');
    expect(await (await fetch(`${url1}/healthz`)).json()).toEqual({ ok: true, store: 'redis' });

    const session = await newSession(url1);
    const greeting = await turn(url1, session.token, { text: 'hoi' });
    expect(payloads(lastOf(greeting))).toContain('choice:tenant');
    expect(await first.stop()).toBe(0);

    const second = runMain(env);
    started.push(second);
    const url2 = await second.running();
    // The same token still works, and the conversation goes on at the question it was at: no new greeting.
    const next = await turn(url2, session.token, { payload: 'choice:tenant' });
    expect(next).toHaveLength(1);
    expect(payloads(lastOf(next))).toContain('choice:dagvaarding');
    expect(await history(url2, session.token)).toEqual([...greeting, ...next]);

    // Every key expires: the session, its messages and the shared secret (30 days), the rate-limit counters (a minute).
    const ttls = await redis.ttls(prefix);
    const cid = session.conversationId;
    const rates = [...ttls.keys()].filter((k) => k.includes('-rate:'));
    expect(rates.sort()).toEqual([expect.stringMatching(new RegExp(`^${prefix}:session-rate:`)), `${prefix}:turn-rate:{${cid}}`]);
    expect([...ttls.keys()].filter((k) => !k.includes('-rate:')).sort()).toEqual([`${prefix}:msgs:{${cid}}`, `${prefix}:secret`, `${prefix}:session:{${cid}}`, `${prefix}:transcript:{${cid}}`]);
    for (const [key, ttl] of ttls) expect(ttl, key).toBeGreaterThan(key.includes('-rate:') ? 0 : 29 * 86_400);
    expect(await second.stop()).toBe(0);
  });
});
