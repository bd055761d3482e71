import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSession, thread, turn } from '../channels/web/web-client.js';
import { timed, type Timed } from '../helpers/timed-fetch.js';
import { startRedisServer, type RunningServer } from '../helpers/redis-server.js';
import { sleep } from '../helpers/wait-for.js';
import { runMain, type MainProcess } from '../run-main.js';

// A Redis that keeps its connections open but answers nothing (paused, swapping, a half-open socket): turns used to
// wait for it for ever, because node-redis's command timeout only covers a command until it is written. Now every
// command the stores send answers within 3 s or fails as 503 STORE_UNAVAILABLE, and nothing the person sent is lost.
const answerWithinMs = 3000;
const slackMs = 1500;

describe('a hung Redis under the real process (STORE=redis)', () => {
  let redis: RunningServer;
  let main: MainProcess;
  let url = '';
  let token = '';

  beforeAll(async () => {
    redis = await startRedisServer();
    main = runMain({ PORT: '0', HOST: '127.0.0.1', STORE: 'redis', REDIS_URL: redis.url, REDIS_PREFIX: 'hung', SESSION_SECRET: randomBytes(32).toString('base64url'), LOG_LEVEL: 'info' });
    url = await main.running(50_000);
    token = (await newSession(url)).token;
    await turn(url, token, { payload: 'intent:start' });
  });
  afterAll(async () => {
    redis.resume();
    await main.stop();
    await redis.stop();
  });

  it('answers 503 STORE_UNAVAILABLE within the deadline while Redis hangs, and keeps the turn sent then', async () => {
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const send = (): Promise<Timed> =>
      timed(`${url}/api/messages`, { method: 'POST', headers: auth, body: JSON.stringify({ type: 'message', text: 'ik heb een brief gekregen', turnId: 'hung-turn-1' }) }, 15_000);

    redis.pause();
    try {
      const [sent, read] = await Promise.all([send(), timed(`${url}/api/messages`, { headers: auth })]);
      for (const [name, answer] of [['turn', sent], ['history', read]] as const) {
        expect({ name, status: answer.status, code: answer.code }).toEqual({ name, status: 503, code: 'STORE_UNAVAILABLE' });
        expect(answer.ms, `${name} took ${Math.round(answer.ms)} ms`).toBeGreaterThanOrEqual(answerWithinMs - 100);
        expect(answer.ms, `${name} took ${Math.round(answer.ms)} ms`).toBeLessThan(answerWithinMs + slackMs);
      }
      // While it still hangs, the next person is not kept waiting longer either.
      const again = await send();
      expect(again.status).toBe(503);
      expect(again.ms).toBeLessThan(answerWithinMs + slackMs);
    } finally {
      redis.resume();
    }

    // Redis answers again: the widget sends the same turn again (same turnId), and it is there exactly once.
    let retried = await send();
    const backSince = Date.now();
    while (retried.status !== 200 && Date.now() - backSince < 10_000) {
      await sleep(200);
      retried = await send();
    }
    expect(retried.status).toBe(200);
    const lines = (await thread(url, token)).filter((m) => m.type === 'person' && m.text === 'ik heb een brief gekregen');
    expect(lines).toHaveLength(1);
    // No store error ended the process.
    expect(main.child.exitCode, main.output().slice(-4000)).toBeNull();
  }, 60_000);
});
