import type { RedisClientType } from '@redis/client';

/** How many connections are subscribed to `channel` (PUBSUB NUMSUB; a single Redis, not a cluster's shard channels). */
export async function subscribersOf(client: Pick<RedisClientType, 'pubSubNumSub'>, channel: string): Promise<number> {
  return Number((await client.pubSubNumSub(channel))[channel]);
}

/** Polls until at least `count` connections are subscribed to `channel`, or fails after `timeoutMs` naming `what`. */
export async function waitForSubscribers(client: Pick<RedisClientType, 'pubSubNumSub'>, channel: string, count: number, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await subscribersOf(client, channel)) < count) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
