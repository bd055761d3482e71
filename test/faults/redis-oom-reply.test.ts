import { createClient } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastOf, newSession, postRaw, turn } from '../channels/web/web-client.js';
import { startRedisServer, type RunningServer } from '../helpers/redis-server.js';
import { sleep } from '../helpers/wait-for.js';
import { runMain, type MainProcess } from '../run-main.js';

/**
 * Issue #11 finding 1: a Redis error while the reply is sent (OOM with `maxmemory 1` + `noeviction`) ended the
 * process. On its own throwaway Redis, because the test changes the server's memory settings.
 */
describe('a Redis error during a turn (OOM) does not end the process', () => {
  let redis: RunningServer;
  let main: MainProcess;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await main?.stop();
    await redis?.stop();
  });

  it('answers the calm error message, stays up, and the next turn works', { timeout: 90_000 }, async () => {
    main = runMain({ PORT: '0', HOST: '127.0.0.1', STORE: 'redis', REDIS_URL: redis.url, LOG_LEVEL: 'info', OPENING_HOURS: 'always' });
    const url = await main.running(60_000);
    const session = await newSession(url);
    await turn(url, session.token, { text: 'hoi' });

    const admin = createClient({ url: redis.url });
    admin.on('error', () => undefined);
    await admin.connect();
    await admin.configSet({ maxmemory: '1', 'maxmemory-policy': 'noeviction' });
    let during: { status: number; json: unknown } | Error;
    try {
      during = await postRaw(url, JSON.stringify({ type: 'message', payload: 'choice:tenant' }), { token: session.token }).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
      // Give an unhandled rejection the time to end the process.
      await sleep(300);
    } finally {
      await admin.configSet({ maxmemory: '0' });
      await admin.close();
    }
    // Node prints its version when an uncaught error ends the process.
    expect(main.output()).not.toMatch(/Node\.js v\d+/);
    if (during instanceof Error) throw new Error(`the turn got no answer (${during.message}); the process said:\n${main.output().slice(-3000)}`);

    expect(main.child.exitCode).toBeNull();
    expect(main.child.signalCode).toBeNull();
    // Either the calm in-chat error message (200) or the store's honest 503; never a crash or a bare 500.
    expect([200, 503]).toContain(during.status);
    if (during.status === 200) expect(JSON.stringify(during.json)).toMatch(/113|0800/);

    const next = await turn(url, session.token, { payload: 'choice:tenant' });
    expect(lastOf(next).quick_replies?.map((q) => q.payload)).toContain('choice:dagvaarding');
  });
});
