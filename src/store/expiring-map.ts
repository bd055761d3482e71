import type { Clock } from '../shared/clock.js';

interface Entry<V> {
  readonly value: V;
  readonly expiresAt: number;
}

/**
 * A Map whose entries all live `ttlMs` after their last write, read through an injected clock.
 * Because the TTL is the same for every entry and a write re-inserts its key at the end, the
 * Map's insertion order is also expiry order: pruning stops at the first live entry, so it is
 * cheap to do on every call and expired entries never pile up. With `maxEntries`, a write beyond
 * it drops the entry written longest ago.
 */
export class ExpiringMap<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #maxEntries: number;

  constructor(clock: Clock, ttlMs: number, maxEntries = Number.POSITIVE_INFINITY) {
    this.#clock = clock;
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
  }

  get(key: string): V | undefined {
    this.prune();
    return this.#entries.get(key)?.value;
  }

  /** Milliseconds until `key` expires, or null when absent. */
  remainingMs(key: string): number | null {
    this.prune();
    const entry = this.#entries.get(key);
    return entry ? entry.expiresAt - this.#now() : null;
  }

  /** Stores `value` and restarts its TTL. */
  set(key: string, value: V): void {
    this.prune();
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: this.#now() + this.#ttlMs });
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
  }

  delete(key: string): boolean {
    this.prune();
    return this.#entries.delete(key);
  }

  /** Number of live entries (after pruning), for tests and metrics. */
  get size(): number {
    this.prune();
    return this.#entries.size;
  }

  prune(): void {
    const now = this.#now();
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt > now) break;
      this.#entries.delete(key);
    }
  }

  #now(): number {
    return this.#clock.now().getTime();
  }
}
