import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSession, postRaw, thread, turn } from '../channels/web/web-client.js';
import { startRedisServer, type RunningServer } from '../helpers/redis-server.js';
import { runMain, type MainProcess } from '../run-main.js';

/**
 * Issue #11 fault suite: a process is killed (kill -9) while it handles a turn; the client retries the turn with the
 * same turnId on the other process. The turn is applied exactly once, whether the killed process got to keep it or not.
 */
describe('kill -9 mid-turn, then the same turn retried elsewhere', () => {
  let redis: RunningServer;
  const mains: MainProcess[] = [];
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await Promise.all(mains.map((m) => m.stop()));
    await redis?.stop();
  });

  it('applies every retried turn exactly once', { timeout: 180_000 }, async () => {
    const secret = randomBytes(32).toString('base64url');
    const env = { PORT: '0', HOST: '127.0.0.1', STORE: 'redis', REDIS_URL: redis.url, SESSION_SECRET: secret, LOG_LEVEL: 'info' };
    const survivor = runMain(env);
    mains.push(survivor);
    const b = await survivor.running(60_000);
    const session = await newSession(b);
    await turn(b, session.token, { text: 'hoi' });
    const expected: string[] = ['hoi'];
    for (const [i, delayMs] of [0, 2, 5, 10, 25].entries()) {
      const victim = runMain(env);
      mains.push(victim);
      const a = await victim.running(60_000);
      const text = `bericht ${i}`;
      const turnId = `kill-${i}-${randomBytes(4).toString('hex')}`;
      const body = JSON.stringify({ type: 'message', text, turnId });
      const inFlight = postRaw(a, body, { token: session.token }).catch(() => null);
      await new Promise((r) => setTimeout(r, delayMs));
      victim.child.kill('SIGKILL');
      const first = await inFlight;
      // The client saw no answer (or saw one just in time); either way it retries on the other process, twice.
      const retried = await postRaw(b, body, { token: session.token });
      const again = await postRaw(b, body, { token: session.token });
      expect(retried.status).toBe(200);
      expect(again).toEqual(retried);
      if (first !== null && first.status === 200) expect(first.json).toEqual(retried.json);
      expected.push(text);
    }
    const said = (await thread(b, session.token)).filter((m) => m.type === 'person').map((m) => m.text);
    expect(said).toEqual(expected);
  });
});
