import type { Clock } from '../shared/clock.js';
import type { RedisClient } from './connect-redis.js';
import { assertStoreId } from './store-keys.js';

/** Counts failed attempts per key within a window (e.g. wrong reference codes per conversation). */
export interface AttemptLimiter {
  /** Failures counted in the current window. */
  count(key: string): Promise<number>;
  /** Counts one failure; returns the new count. The window starts at the first failure. */
  fail(key: string): Promise<number>;
}

export class MemoryAttemptLimiter implements AttemptLimiter {
  readonly #hits = new Map<string, { n: number; until: number }>();
  constructor(private readonly options: { clock: Clock; windowSeconds: number }) {}

  async count(key: string): Promise<number> {
    const hit = this.#hits.get(assertStoreId(key));
    if (hit === undefined || hit.until <= this.options.clock.now().getTime()) return 0;
    return hit.n;
  }

  async fail(key: string): Promise<number> {
    const now = this.options.clock.now().getTime();
    for (const [k, v] of this.#hits) if (v.until <= now) this.#hits.delete(k);
    const current = (await this.count(key)) > 0 ? this.#hits.get(key) : undefined;
    const next = { n: (current?.n ?? 0) + 1, until: current?.until ?? now + this.options.windowSeconds * 1000 };
    this.#hits.set(key, next);
    return next.n;
  }
}

export class RedisAttemptLimiter implements AttemptLimiter {
  constructor(private readonly options: { client: RedisClient; key: (id: string) => string; windowSeconds: number }) {}

  async count(key: string): Promise<number> {
    const v = await this.options.client.get(this.options.key(key));
    return v === null ? 0 : Number(v);
  }

  async fail(key: string): Promise<number> {
    const k = this.options.key(key);
    // INCR and EXPIRE NX in one round trip: the window starts at the first failure and the key always expires.
    const [n] = await this.options.client.multi().incr(k).expire(k, this.options.windowSeconds, 'NX').exec();
    return typeof n === 'number' ? n : Number(n);
  }
}
