import type { Clock } from '../shared/clock.js';
import type { RedisClient } from './connect-redis.js';
import { ExpiringMap } from './expiring-map.js';
import { assertTtlSeconds } from './store-options.js';
import { assertStoreId } from './store-keys.js';

/** Remembers ids for a while (e.g. a provider's message id), so a redelivered webhook is handled once. */
export interface FirstSeen {
  /** True the first time `id` is offered within the TTL; false for every repeat. */
  claim(id: string): Promise<boolean>;
  /** Forgets a claim whose handling failed before it was acknowledged, so a redelivery is handled after all. */
  release(id: string): Promise<void>;
}

export class MemoryFirstSeen implements FirstSeen {
  readonly #seen: ExpiringMap<true>;

  constructor(options: { clock: Clock; ttlSeconds: number }) {
    this.#seen = new ExpiringMap(options.clock, assertTtlSeconds(options.ttlSeconds) * 1000);
  }

  async claim(id: string): Promise<boolean> {
    const key = assertStoreId(id, 'message id');
    if (this.#seen.get(key) !== undefined) return false;
    this.#seen.set(key, true);
    return true;
  }

  async release(id: string): Promise<void> {
    this.#seen.delete(assertStoreId(id, 'message id'));
  }
}

export class RedisFirstSeen implements FirstSeen {
  readonly #ttlSeconds: number;

  constructor(private readonly options: { client: RedisClient; key: (id: string) => string; ttlSeconds: number }) {
    this.#ttlSeconds = assertTtlSeconds(options.ttlSeconds);
  }

  async claim(id: string): Promise<boolean> {
    // SET NX with the TTL in one command: two processes receiving the same redelivery cannot both win.
    const reply = await this.options.client.set(this.options.key(id), '1', { condition: 'NX', expiration: { type: 'EX', value: this.#ttlSeconds } });
    return reply === 'OK';
  }

  async release(id: string): Promise<void> {
    await this.options.client.del(this.options.key(id));
  }
}
