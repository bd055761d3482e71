import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/shared/logger.js';
import { redisForTest, type RedisForTest } from '../../helpers/redis-test-client.js';
import { startApp, type StartedApp } from '../../helpers/start-app.js';
import { waitFor } from '../../helpers/wait-for.js';
import { startFakeTwilioApi, type FakeTwilioApi } from './fake-twilio-api.js';
import { twilioEnv, twilioPerson } from './twilio-person.js';

describe('"verwijder mijn gegevens" over SMS on real Redis: the number is nowhere', () => {
  let redis: RedisForTest;
  let fake: FakeTwilioApi;
  let app: StartedApp;
  const chunks: string[] = [];
  const phone = '+31698765432';
  const digits = '698765432';

  beforeAll(async () => {
    redis = await redisForTest();
    fake = await startFakeTwilioApi();
    app = await startApp({ store: 'redis', prefix: redis.prefix, env: twilioEnv(fake.url), logger: createLogger('debug', { write: (l: string) => void chunks.push(l) }) });
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
    await redis.cleanup();
  });

  /** Every key and every value (strings, hashes, lists, sets, sorted sets, streams) under the app's prefix. */
  async function everythingStored(): Promise<string> {
    const out: string[] = [];
    for (const key of await redis.keys(app.prefix)) {
      out.push(key);
      const type = await redis.client.type(key);
      if (type === 'string') out.push(String(await redis.client.get(key)));
      else if (type === 'hash') out.push(JSON.stringify(await redis.client.hGetAll(key)));
      else if (type === 'list') out.push(JSON.stringify(await redis.client.lRange(key, 0, -1)));
      else if (type === 'set') out.push(JSON.stringify(await redis.client.sMembers(key)));
      else if (type === 'zset') out.push(JSON.stringify(await redis.client.zRange(key, 0, -1)));
      else if (type === 'stream') out.push(JSON.stringify(await redis.client.xRange(key, '-', '+')));
      else out.push(`<${type}>`);
    }
    return out.join('\n');
  }

  it('while the chat runs the number is only in the conversation reference; after erasing, in no key or value, and never in the log', async () => {
    const env = twilioEnv(fake.url);
    const person = twilioPerson(app.url, env, phone);
    const replies = () => fake.sent.filter((m) => m.To === phone);
    await person.send('hallo');
    await person.send('1');
    await waitFor(() => replies().length >= 2, 'two replies', 10_000);
    const during = await everythingStored();
    expect(during.split('\n').filter((l) => l.includes(digits))).toHaveLength(1);
    expect((await redis.keys(app.prefix)).some((k) => k.includes(digits))).toBe(false);

    await person.send('verwijder mijn gegevens');
    await waitFor(() => replies().length >= 3, 'the delete question', 10_000);
    expect(replies()[2]?.Body).toContain('1 Ja, verwijder alles');
    await person.send('1');
    await waitFor(() => replies().length >= 4, 'the confirmation', 10_000);
    // The goodbye still reached the person (sent with the address held in memory for this turn) ...
    expect(replies()[3]?.Body).toMatch(/\S/);
    // ... and nothing stored holds the number any more.
    expect(await everythingStored()).not.toContain(digits);
    expect(chunks.join('').length).toBeGreaterThan(0);
    expect(chunks.join('')).not.toContain(digits);
  });
});
