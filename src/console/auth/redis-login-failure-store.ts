import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import { z } from 'zod/v4';
import type { RedisClient } from '../../store/connect-redis.js';
import type { StoreKeys } from '../../store/store-keys.js';

/**
 * Counts a hit; the first hit of a window starts its expiry. Returns { hits, ms left }.
 * KEYS: counter. ARGV: window ms.
 */
const incrementScript = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { hits, redis.call('PTTL', KEYS[1]) }
`;

/** Takes a hit back (a successful login), never below zero and without touching the expiry. */
const decrementScript = `
if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end
return 1
`;

const incrementReplySchema = z.tuple([z.number(), z.number()]);

/**
 * An express-rate-limit store on Redis, so the login limit holds across all server processes.
 * Every counter expires at the end of its window. Give each limiter its own instance (own `name`).
 */
export class RedisLoginFailureStore implements Store {
  readonly localKeys = false;
  readonly prefix: string;
  readonly #client: RedisClient;
  readonly #keys: StoreKeys;
  #windowMs = 60_000;

  constructor(options: { readonly client: RedisClient; readonly keys: StoreKeys; readonly name: string }) {
    this.#client = options.client;
    this.#keys = options.keys;
    this.prefix = `${options.name}:`;
  }

  init(options: Pick<Options, 'windowMs'>): void {
    this.#windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const counter = this.#key(key);
    const [hits, ttl] = await Promise.all([this.#client.get(counter), this.#client.pTTL(counter)]);
    if (hits === null) return undefined;
    return { totalHits: Number(hits), resetTime: ttl > 0 ? new Date(Date.now() + ttl) : undefined };
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const reply = incrementReplySchema.parse(await this.#client.eval(incrementScript, { keys: [this.#key(key)], arguments: [String(this.#windowMs)] }));
    const [totalHits, ttl] = reply;
    return { totalHits, resetTime: new Date(Date.now() + Math.max(ttl, 0)) };
  }

  async decrement(key: string): Promise<void> {
    await this.#client.eval(decrementScript, { keys: [this.#key(key)], arguments: [] });
  }

  async resetKey(key: string): Promise<void> {
    await this.#client.del(this.#key(key));
  }

  #key(key: string): string {
    return this.#keys.consoleLoginFailures(`${this.prefix}${key}`);
  }
}
