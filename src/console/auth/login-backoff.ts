import { z } from 'zod/v4';
import type { Clock } from '../../shared/clock.js';
import type { RedisClient } from '../../store/connect-redis.js';
import type { StoreKeys } from '../../store/store-keys.js';

/**
 * Failed console sign-ins per account, from any address (issue #11 finding 8). After a few failures the next attempt
 * on that account must wait, longer after each failure, at most a minute: it slows guessing down a lot, and it can
 * never lock a volunteer out for long. The count ends at a successful sign-in or a day after the last failure.
 */
export interface LoginBackoff {
  /** Milliseconds before this account's next attempt may be checked; 0 = now. */
  waitMs(username: string): Promise<number>;
  failed(username: string): Promise<void>;
  succeeded(username: string): Promise<void>;
  /** Accounts with failed sign-ins, most recent first (for the coordinator). */
  recent(): Promise<LoginFailureSummary[]>;
}

export interface LoginFailureSummary {
  readonly username: string;
  readonly failures: number;
  readonly lastFailureAt: string;
}

/** Failures before any wait: the same five that the per-address login limit allows, so one rule is felt, not two. */
const freeFailures = 5;
const maxDelayMs = 60_000;
const keepSeconds = 86_400;
const maxListed = 50;

/** The wait after `failures` failures: none for the first few, then 1 s, 2 s, 4 s, ... up to a minute. */
export function backoffDelayMs(failures: number): number {
  return failures < freeFailures ? 0 : Math.min(maxDelayMs, 1000 * 2 ** (failures - freeFailures));
}

function waitFrom(failures: number, lastMs: number, nowMs: number): number {
  return Math.max(0, lastMs + backoffDelayMs(failures) - nowMs);
}

export class MemoryLoginBackoff implements LoginBackoff {
  readonly #clock: Clock;
  readonly #entries = new Map<string, { failures: number; lastMs: number }>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  async waitMs(username: string): Promise<number> {
    const entry = this.#live(username);
    return entry ? waitFrom(entry.failures, entry.lastMs, this.#clock.now().getTime()) : 0;
  }

  async failed(username: string): Promise<void> {
    const failures = (this.#live(username)?.failures ?? 0) + 1;
    // Re-inserted last, so the map stays in order of the last failure.
    this.#entries.delete(username);
    this.#entries.set(username, { failures, lastMs: this.#clock.now().getTime() });
    if (this.#entries.size > maxListed) this.#entries.delete(this.#entries.keys().next().value ?? '');
  }

  async succeeded(username: string): Promise<void> {
    this.#entries.delete(username);
  }

  async recent(): Promise<LoginFailureSummary[]> {
    return [...this.#entries.keys()]
      .reverse()
      .flatMap((username) => {
        const entry = this.#live(username);
        return entry ? [{ username, failures: entry.failures, lastFailureAt: new Date(entry.lastMs).toISOString() }] : [];
      });
  }

  #live(username: string): { failures: number; lastMs: number } | undefined {
    const entry = this.#entries.get(username);
    if (entry && entry.lastMs + keepSeconds * 1000 <= this.#clock.now().getTime()) {
      this.#entries.delete(username);
      return undefined;
    }
    return entry;
  }
}

/** KEYS: account hash, index. ARGV: username, now ms, keep seconds, max listed. Counts one failure. */
const failedScript = `
redis.call('HINCRBY', KEYS[1], 'f', 1)
redis.call('HSET', KEYS[1], 't', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. (tonumber(ARGV[2]) - tonumber(ARGV[3]) * 1000))
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[4]) + 1))
redis.call('EXPIRE', KEYS[2], ARGV[3])
return 1
`;

const entrySchema = z.object({ f: z.coerce.number().int().nonnegative(), t: z.coerce.number().int().nonnegative() });

export class RedisLoginBackoff implements LoginBackoff {
  readonly #client: RedisClient;
  readonly #keys: StoreKeys;
  readonly #clock: Clock;

  constructor(options: { readonly client: RedisClient; readonly keys: StoreKeys; readonly clock: Clock }) {
    this.#client = options.client;
    this.#keys = options.keys;
    this.#clock = options.clock;
  }

  async waitMs(username: string): Promise<number> {
    const entry = entrySchema.safeParse(await this.#client.hGetAll(this.#keys.consoleLoginBackoff(username)));
    return entry.success ? waitFrom(entry.data.f, entry.data.t, this.#clock.now().getTime()) : 0;
  }

  async failed(username: string): Promise<void> {
    await this.#client.eval(failedScript, {
      keys: [this.#keys.consoleLoginBackoff(username), this.#keys.consoleLoginBackoffIndex],
      arguments: [username, String(this.#clock.now().getTime()), String(keepSeconds), String(maxListed)],
    });
  }

  async succeeded(username: string): Promise<void> {
    await Promise.all([this.#client.del(this.#keys.consoleLoginBackoff(username)), this.#client.zRem(this.#keys.consoleLoginBackoffIndex, username)]);
  }

  async recent(): Promise<LoginFailureSummary[]> {
    const names = await this.#client.zRange(this.#keys.consoleLoginBackoffIndex, 0, -1, { REV: true });
    const entries = await Promise.all(names.map(async (username) => ({ username, entry: entrySchema.safeParse(await this.#client.hGetAll(this.#keys.consoleLoginBackoff(username))) })));
    return entries.flatMap(({ username, entry }) => (entry.success ? [{ username, failures: entry.data.f, lastFailureAt: new Date(entry.data.t).toISOString() }] : []));
  }
}
