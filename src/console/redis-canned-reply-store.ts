import type { Locale } from '../engine/session-state.js';
import { systemClock, type Clock } from '../shared/clock.js';
import type { RedisClient } from '../store/connect-redis.js';
import { decodeJson, encodeJson } from '../store/json-codec.js';
import type { StoreKeys } from '../store/store-keys.js';
import { assertTtlSeconds } from '../store/store-options.js';
import {
  cannedRepliesSchema,
  defaultCannedTtlSeconds,
  defaultList,
  storedCannedSchema,
  storedList,
  type CannedDefaults,
  type CannedReply,
  type CannedReplyList,
  type CannedReplyStore,
  type StoredCanned,
} from './canned-reply-store.js';

export interface RedisCannedReplyStoreOptions {
  readonly client: RedisClient;
  readonly keys: StoreKeys;
  readonly defaults: CannedDefaults;
  readonly ttlSeconds?: number;
  readonly clock?: Clock;
}

/** Layout: `console-canned:<lng>` string `{ replies, updatedBy, updatedAt }` (JSON), SET with EX on every save. */
export class RedisCannedReplyStore implements CannedReplyStore {
  readonly kind = 'redis';
  readonly #client: RedisClient;
  readonly #keys: StoreKeys;
  readonly #defaults: CannedDefaults;
  readonly #ttlSeconds: number;
  readonly #clock: Clock;

  constructor(options: RedisCannedReplyStoreOptions) {
    this.#client = options.client;
    this.#keys = options.keys;
    this.#defaults = options.defaults;
    this.#ttlSeconds = assertTtlSeconds(options.ttlSeconds ?? defaultCannedTtlSeconds);
    this.#clock = options.clock ?? systemClock;
  }

  async get(locale: Locale): Promise<CannedReplyList> {
    const text = await this.#client.get(this.#keys.cannedReplies(locale));
    if (text === null) return defaultList(this.#defaults, locale);
    // A damaged value falls back to the shipped set instead of breaking the console.
    const parsed = storedCannedSchema.safeParse(safeDecode(text));
    return parsed.success ? storedList(locale, parsed.data) : defaultList(this.#defaults, locale);
  }

  async set(locale: Locale, replies: readonly CannedReply[], by: string, now: Date = this.#clock.now()): Promise<CannedReplyList> {
    const stored: StoredCanned = { replies: cannedRepliesSchema.parse(replies), updatedBy: by, updatedAt: now.toISOString() };
    await this.#client.set(this.#keys.cannedReplies(locale), encodeJson(stored, 'The canned replies'), { expiration: { type: 'EX', value: this.#ttlSeconds } });
    return storedList(locale, stored);
  }
}

function safeDecode(text: string): unknown {
  try {
    return decodeJson(text);
  } catch {
    return null;
  }
}
