import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { newSession, postRaw, thread } from '../channels/web/web-client.js';
import { runMain, type MainProcess } from '../run-main.js';
import { startAofRedis, type AofRedis } from './aof-redis.js';

/**
 * Issue #11 fault suite: Redis (AOF on) restarts while two processes take 20 turns a second. No process exits, every
 * turn is answered 200 or 503, and every turn that was acknowledged (kept: a bot answer with a log id) is in the
 * conversation's message log afterwards.
 */
describe('a Redis restart under load', () => {
  let redis: AofRedis | undefined;
  const mains: MainProcess[] = [];
  afterAll(async () => {
    await Promise.all(mains.map((m) => m.stop()));
    await redis?.stop();
  });

  it('ends no process, answers every turn 200 or 503, and loses no acknowledged message', { timeout: 120_000 }, async () => {
    redis = await startAofRedis();
    const secret = randomBytes(32).toString('base64url');
    const env = { PORT: '0', HOST: '127.0.0.1', STORE: 'redis', REDIS_URL: redis.url, SESSION_SECRET: secret, LOG_LEVEL: 'info', TURN_RATE_LIMIT: '1000' };
    mains.push(runMain(env), runMain(env));
    const urls = await Promise.all(mains.map((m) => m.running(60_000)));
    const sessions = await Promise.all(Array.from({ length: 4 }, (_, i) => newSession(urls[i % 2] ?? '')));

    const results: { session: number; text: string; status: number; kept: boolean }[] = [];
    const turns: Promise<void>[] = [];
    let n = 0;
    // 20 turns a second for 6 seconds, spread over four conversations and both processes; Redis restarts at 2 s.
    const timer = setInterval(() => {
      const i = n++;
      const s = i % sessions.length;
      const text = `bericht ${i}`;
      turns.push(
        postRaw(urls[i % 2] ?? '', JSON.stringify({ type: 'message', text }), { token: sessions[s]?.token }).then(
          ({ status, json }) => {
            // Kept: the answer carries message log ids (an unkept answer, such as the calm error message, has 0-… ids).
            const kept = status === 200 && Array.isArray(json) && json.length > 0 && json.every((m: unknown) => typeof m === 'object' && m !== null && 'id' in m && typeof m.id === 'string' && !m.id.startsWith('0-'));
            results.push({ session: s, text, status, kept });
          },
          () => void results.push({ session: s, text, status: 0, kept: false }),
        ),
      );
    }, 50);
    await new Promise((r) => setTimeout(r, 2000));
    await redis.restart(500);
    await new Promise((r) => setTimeout(r, 4000));
    clearInterval(timer);
    await Promise.all(turns);

    for (const m of mains) expect(m.child.exitCode, m.output().slice(-2000)).toBeNull();
    expect(results.filter((r) => r.status !== 200 && r.status !== 503)).toEqual([]);
    expect(results.filter((r) => r.kept).length).toBeGreaterThan(results.length / 2);
    for (const [s, session] of sessions.entries()) {
      const said = (await thread(urls[0] ?? '', session.token)).filter((m) => m.type === 'person').map((m) => m.text);
      const acknowledged = results.filter((r) => r.session === s && r.kept).map((r) => r.text);
      expect(said).toEqual(expect.arrayContaining(acknowledged));
    }
  });
});
