import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleAuthStores } from '../../src/console/auth/create-console-auth-stores.js';
import { passwordHasher } from '../../src/console/auth/password-hash.js';
import { connectRedis } from '../../src/store/connect-redis.js';
import { newSession, turn } from '../channels/web/web-client.js';
import { timed, type Timed } from '../helpers/timed-fetch.js';
import { startRedisServer, startRedisServerOn, type RunningServer } from '../helpers/redis-server.js';
import { sleep } from '../helpers/wait-for.js';
import { runMain, type MainProcess } from '../run-main.js';

// Issue #11 finding 2: with Redis down, requests hung for 5 s and answered 200 or 500. Now: 503 STORE_UNAVAILABLE
// within 1 s for turns, history, console login and /healthz, and everything works again once Redis is back.
const password = 'een lang wachtwoord voor de test';
const downForMs = 5000;
const fastMs = 1000;

async function addVolunteer(redisUrl: string, prefix: string): Promise<void> {
  const client = await connectRedis(redisUrl);
  const auth = createConsoleAuthStores({ kind: 'redis', client, prefix, accountTtlSeconds: 86_400, sessionIdleSeconds: 3600 });
  await auth.accounts.add({ username: 'anna', role: 'volunteer', passwordHash: await passwordHasher.hash(password) });
  await client.close();
}

describe('Redis down for 5 s under the real process (STORE=redis)', () => {
  let redis: RunningServer;
  let main: MainProcess;
  let url = '';
  let token = '';
  const prefix = `f${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    redis = await startRedisServer();
    await addVolunteer(redis.url, prefix);
    main = runMain({ PORT: '0', HOST: '127.0.0.1', STORE: 'redis', REDIS_URL: redis.url, REDIS_PREFIX: prefix, SESSION_SECRET: randomBytes(32).toString('base64url'), LOG_LEVEL: 'info' });
    url = await main.running(50_000);
    token = (await newSession(url)).token;
    await turn(url, token, { payload: 'intent:start' });
  });
  afterAll(async () => {
    await main.stop();
    await redis.stop();
  });

  it('answers 503 STORE_UNAVAILABLE within 1 s while down, and recovers by itself', async () => {
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const calls = {
      turn: () => timed(`${url}/api/messages`, { method: 'POST', headers: auth, body: JSON.stringify({ type: 'message', text: 'hallo' }) }),
      history: () => timed(`${url}/api/messages`, { headers: auth }),
      login: () => timed(`${url}/api/console/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'anna', password }) }),
      healthz: () => timed(`${url}/healthz`),
    };
    await redis.stop();
    const downSince = Date.now();
    const seen: Record<string, Timed[]> = { turn: [], history: [], login: [], healthz: [] };
    while (Date.now() - downSince < downForMs) {
      for (const [name, call] of Object.entries(calls)) seen[name]?.push(await call());
      await sleep(250);
    }
    for (const [name, answers] of Object.entries(seen)) {
      expect(answers.length, name).toBeGreaterThan(2);
      for (const a of answers) {
        expect({ name, status: a.status, code: a.code }).toEqual({ name, status: 503, code: name === 'healthz' ? null : 'STORE_UNAVAILABLE' });
        expect(a.ms, `${name} took ${Math.round(a.ms)} ms`).toBeLessThan(fastMs);
      }
    }

    redis = await startRedisServerOn(redis.port);
    // This Redis keeps nothing on disk, so the account is added again (the restart with AOF is its own fault test).
    await addVolunteer(redis.url, prefix);
    const backSince = Date.now();
    // Back without a restart of huurhulp: the client reconnects (backoff at most 2 s) and the next turn works.
    let recovered: Timed = await calls.turn();
    while (recovered.status !== 200 && Date.now() - backSince < 10_000) {
      await sleep(200);
      recovered = await calls.turn();
    }
    expect(recovered.status).toBe(200);
    expect((await calls.healthz()).status).toBe(200);
    expect((await calls.history()).status).toBe(200);
    expect((await calls.login()).status).toBe(200);
    // No store error ended the process.
    expect(main.child.exitCode, main.output().slice(-4000)).toBeNull();
  }, 40_000);
});
