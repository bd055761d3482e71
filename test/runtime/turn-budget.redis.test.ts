import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startHuurhulp, type Huurhulp } from '../../src/server.js';
import { connectRedis } from '../../src/store/connect-redis.js';
import { createRedisStores } from '../../src/store/create-stores.js';
import { storeKeys } from '../../src/store/store-keys.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createLogger } from '../../src/shared/logger.js';
import { lastOf, newSession, payloads, turn } from '../channels/web/web-client.js';
import { startCountingProxy, type CountingProxy } from '../helpers/counting-proxy.js';
import { redisForTest, type RedisForTest } from '../helpers/redis-test-client.js';
import { waitForSubscribers } from '../helpers/subscribers.js';

/**
 * Issue #12: an ordinary turn (load, step, save, transcript, deliver) costs at most 2 Redis round trips and 8 commands
 * (it was 28 commands). Counted on the wire between the real server and real Redis, so the budget cannot grow back.
 */
describe('the Redis budget of an ordinary turn', () => {
  let proxy: CountingProxy;
  let app: Huurhulp;
  const prefix = `t${randomBytes(6).toString('hex')}`;

  let redis: RedisForTest;

  beforeAll(async () => {
    redis = await redisForTest();
    proxy = await startCountingProxy(inject('redisUrl'));
    const clock = fixedClock('2026-11-23T10:00:00+01:00');
    const secret = randomBytes(32).toString('base64url');
    // As in production: opening hours (always open, so "who is online" is asked too) and the turn rate limit.
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STORE: 'redis', SESSION_SECRET: secret, REDIS_PREFIX: prefix, OPENING_HOURS: 'always', LOG_LEVEL: 'silent' }, () => secret);
    const stores = createRedisStores({ client: await connectRedis(proxy.url), prefix, sessionTtlSeconds: 30 * 86_400, ownsClient: true });
    app = await startHuurhulp({ config, logger: createLogger('silent'), clock, stores });
  });
  afterAll(async () => {
    const keys = await redis.keys(prefix);
    if (keys.length > 0) await redis.client.del(keys);
    await redis.cleanup();
    await app?.close();
    await proxy?.close();
  });

  const inputs = [{ text: 'hoi' }, { payload: 'choice:tenant' }, { payload: 'choice:dagvaarding' }, { payload: 'choice:rent' }, { text: '25-11' }];
  /** The commands of an ordinary turn, in order: read script (with the deletion mark), the queue's view, who is online, write script. */
  const ordinaryTurn = 'EVALSHA HMGET ZCOUNT EVALSHA';

  /** One new conversation through `inputs`, with what each turn sent to Redis. */
  async function conversationOnTheWire() {
    const session = await newSession(app.url);
    const seen: { commands: number; roundTrips: number; names: string[] }[] = [];
    let replies: Awaited<ReturnType<typeof turn>> = [];
    for (const input of inputs) {
      proxy.reset();
      replies = await turn(app.url, session.token, input);
      seen.push(proxy.counts());
    }
    return { seen, replies };
  }

  it('is at most 2 round trips and 8 commands, for every turn of a conversation', async () => {
    // The very first turn on a Redis that does not know the scripts yet sends their text once (NOSCRIPT, then EVAL).
    // After the process's first write it also starts listening, on a connection of its own, for deletions made in
    // other processes (one SUBSCRIBE, once): not part of any turn.
    await turn(app.url, (await newSession(app.url)).token, { text: 'hoi' });
    await waitForSubscribers(redis.client, storeKeys(prefix).turnForgotten, 1, 'the server to listen for deletions');
    const { seen, replies } = await conversationOnTheWire();
    // The conversation went on as before: the court date in 2 days is urgent; nobody is signed in, so a message or
    // callback is offered instead of a live human (issue #10: no promise of a volunteer who is not there).
    expect(payloads(lastOf(replies))).toEqual(['choice:message', 'choice:continue']);
    for (const c of seen) {
      expect(c.commands, c.names.join(' ')).toBeLessThanOrEqual(8);
      expect(c.roundTrips, c.names.join(' ')).toBeLessThanOrEqual(2);
    }
    // Exactly: the read script (state, rate count, turn id, and whether the web conversation was deleted on request,
    // issue #11 finding 10), the queue's view (live chat and follow-up), who is online; then the write script.
    expect(seen.map((c) => c.names.join(' '))).toEqual(Array(inputs.length).fill(ordinaryTurn));
  });

  it('stays within the budget while volunteers are signed in, however many (a meldpunt at work)', async () => {
    const signedIn = await Promise.all(['anna', 'bram', 'chris', 'dewi', 'eva'].map((name) => app.consoleAuth.sessions.create(name, 'volunteer')));
    try {
      const { seen, replies } = await conversationOnTheWire();
      // Someone is signed in now, so the urgent case is offered a live human, not a message or a callback.
      expect(payloads(lastOf(replies))).not.toEqual(['choice:message', 'choice:continue']);
      // The same five commands as with nobody signed in: "who is online" is one question, not one per volunteer.
      expect(seen.map((c) => c.names.join(' '))).toEqual(Array(inputs.length).fill(ordinaryTurn));
      expect(seen.every((c) => c.roundTrips <= 2)).toBe(true);
    } finally {
      await Promise.all(signedIn.map((s) => app.consoleAuth.sessions.destroy(s.id)));
    }
  });
});
