import type { Locale } from '../engine/session-state.js';
import type { Clock } from '../shared/clock.js';
import { ExpiringMap } from '../store/expiring-map.js';
import { assertTtlSeconds } from '../store/store-options.js';
import {
  cannedRepliesSchema,
  defaultCannedTtlSeconds,
  defaultList,
  storedList,
  type CannedDefaults,
  type CannedReply,
  type CannedReplyList,
  type CannedReplyStore,
  type StoredCanned,
} from './canned-reply-store.js';

export interface MemoryCannedReplyStoreOptions {
  readonly clock: Clock;
  readonly defaults: CannedDefaults;
  readonly ttlSeconds?: number;
}

/** Single-process canned replies; same contract as the Redis store, lost on restart. */
export class MemoryCannedReplyStore implements CannedReplyStore {
  readonly kind = 'memory';
  readonly #lists: ExpiringMap<StoredCanned>;
  readonly #clock: Clock;
  readonly #defaults: CannedDefaults;

  constructor(options: MemoryCannedReplyStoreOptions) {
    this.#clock = options.clock;
    this.#defaults = options.defaults;
    this.#lists = new ExpiringMap(options.clock, assertTtlSeconds(options.ttlSeconds ?? defaultCannedTtlSeconds) * 1000);
  }

  async get(locale: Locale): Promise<CannedReplyList> {
    const stored = this.#lists.get(locale);
    return stored ? storedList(locale, stored) : defaultList(this.#defaults, locale);
  }

  async set(locale: Locale, replies: readonly CannedReply[], by: string, now: Date = this.#clock.now()): Promise<CannedReplyList> {
    const stored: StoredCanned = { replies: cannedRepliesSchema.parse(replies), updatedBy: by, updatedAt: now.toISOString() };
    this.#lists.set(locale, stored);
    return storedList(locale, stored);
  }
}
