import { randomBytes } from 'node:crypto';
import type { RedisClusterType } from '@redis/client';
import { connectRedisCluster } from '../../src/store/connect-redis.js';
import type { RunningCluster } from './redis-cluster.js';

export interface RedisClusterForTest {
  /** Connected through connectRedisCluster, as the app connects with REDIS_CLUSTER_NODES. */
  readonly client: RedisClusterType;
  /** A random prefix for one fixture; every one handed out is cleaned up. */
  freshPrefix(): string;
  /** Every key under `prefix` on every master, sorted. */
  keys(prefix: string): Promise<string[]>;
  /** Keys under the prefix with their TTL in seconds (-1 means it never expires). */
  ttls(prefix: string): Promise<Map<string, number>>;
  /** Another cluster connection (closed by cleanup), to play a second process. */
  secondClient(): Promise<RedisClusterType>;
  cleanup(): Promise<void>;
}

/** The cluster counterpart of redisForTest(): keys live on three masters, so listing scans each of them. */
export async function redisClusterForTest(cluster: RunningCluster): Promise<RedisClusterForTest> {
  const clients: RedisClusterType[] = [];
  const open = async (): Promise<RedisClusterType> => {
    const client = await connectRedisCluster(cluster.nodes, { timeoutMs: 5000 });
    clients.push(client);
    return client;
  };
  const client = await open();
  const prefixes: string[] = [];
  const keys = async (prefix: string): Promise<string[]> => {
    const found: string[] = [];
    for (const master of client.masters) {
      const node = await client.nodeClient(master);
      for await (const batch of node.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) found.push(...batch);
    }
    return found.sort();
  };
  return {
    client,
    freshPrefix() {
      const prefix = `test-${randomBytes(6).toString('hex')}`;
      prefixes.push(prefix);
      return prefix;
    },
    keys,
    async ttls(prefix) {
      const result = new Map<string, number>();
      for (const key of await keys(prefix)) result.set(key, await client.ttl(key));
      return result;
    },
    secondClient: open,
    async cleanup() {
      // One DEL per key: a multi-key DEL across slots is what a cluster refuses.
      for (const prefix of prefixes) for (const key of await keys(prefix)) await client.del(key);
      await Promise.all(clients.map((c) => (c.isOpen ? c.close() : undefined)));
    },
  };
}
