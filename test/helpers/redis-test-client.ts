import { randomBytes } from 'node:crypto';
import { createClient } from '@redis/client';
import { inject } from 'vitest';
import type { RedisClientType } from '@redis/client';

export interface RedisForTest {
  /** Connected to the test Redis (see redis-global-setup.ts). */
  readonly client: RedisClientType;
  readonly url: string;
  /** A random prefix of its own; use it for every key the code under test writes. */
  readonly prefix: string;
  /** Another random prefix (cleaned up too), for a test that needs a clean slate. */
  freshPrefix(): string;
  /** Every key under `prefix` (default: this handle's), sorted. */
  keys(prefix?: string): Promise<string[]>;
  /** Keys under the prefix with their TTL in seconds (-1 means it never expires). */
  ttls(prefix?: string): Promise<Map<string, number>>;
  /** A second connected client to the same server (closed by cleanup), e.g. to play a second process. */
  secondClient(): Promise<RedisClientType>;
  /** Deletes every key under each prefix handed out, then closes the clients. */
  cleanup(): Promise<void>;
}

/** Usage: `const redis = await redisForTest()` in beforeAll, `await redis.cleanup()` in afterAll. */
export async function redisForTest(): Promise<RedisForTest> {
  const url = inject('redisUrl');
  const clients: RedisClientType[] = [];
  const open = async (): Promise<RedisClientType> => {
    const client: RedisClientType = createClient({ url, socket: { reconnectStrategy: false } });
    client.on('error', () => undefined);
    await client.connect();
    clients.push(client);
    return client;
  };
  const client = await open();
  const newPrefix = (): string => `test-${randomBytes(6).toString('hex')}`;
  const prefix = newPrefix();
  const prefixes = [prefix];

  const keys = async (under = prefix): Promise<string[]> => {
    const found: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${under}:*`, COUNT: 500 })) found.push(...batch);
    return found.sort();
  };

  return {
    client,
    url,
    prefix,
    freshPrefix() {
      const fresh = newPrefix();
      prefixes.push(fresh);
      return fresh;
    },
    keys,
    async ttls(under = prefix) {
      const result = new Map<string, number>();
      for (const key of await keys(under)) result.set(key, await client.ttl(key));
      return result;
    },
    secondClient: open,
    async cleanup() {
      for (const under of prefixes) {
        const found = await keys(under);
        if (found.length > 0) await client.del(found);
      }
      await Promise.all(clients.map((c) => (c.isOpen ? c.close() : undefined)));
    },
  };
}
