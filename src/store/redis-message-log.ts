import { z } from 'zod/v4';
import { StoreError } from '../shared/errors.js';
import type { RedisClient } from './connect-redis.js';
import { decodeJson, encodeJson } from './json-codec.js';
import { assertMessageId } from './message-id.js';
import type { LoggedMessage, MessageLog } from './session-store.js';
import { assertMaxMessages, assertTtlSeconds, defaultMaxMessagesPerConversation } from './store-options.js';
import type { StoreKeys } from './store-keys.js';

export interface RedisMessageLogOptions {
  readonly client: RedisClient;
  readonly keys: StoreKeys;
  /** Each append restarts the stream's TTL (normally the session TTL). */
  readonly ttlSeconds: number;
  readonly maxPerConversation?: number;
}

const entrySchema = z.object({ b: z.string() });

/** One Redis stream per conversation; message ids are the stream ids. */
export class RedisMessageLog implements MessageLog {
  readonly #client: RedisClient;
  readonly #keys: StoreKeys;
  readonly #ttlSeconds: number;
  readonly #max: number;

  constructor(options: RedisMessageLogOptions) {
    this.#client = options.client;
    this.#keys = options.keys;
    this.#ttlSeconds = assertTtlSeconds(options.ttlSeconds);
    this.#max = assertMaxMessages(options.maxPerConversation ?? defaultMaxMessagesPerConversation);
  }

  async append(conversationId: string, body: unknown): Promise<string> {
    const key = this.#keys.messages(conversationId);
    const json = encodeJson(body, 'The message body');
    // MULTI so the stream never exists without a TTL. `~` trimming is cheap but may keep up to
    // one stream node (100 entries) too many; list() reads at most `max`, so callers never see them.
    const [id] = await this.#client
      .multi()
      .xAdd(key, '*', { b: json }, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: this.#max } })
      .expire(key, this.#ttlSeconds)
      .exec();
    if (typeof id !== 'string') {
      throw new StoreError('STORE_UNAVAILABLE', 'Unexpected reply from XADD.');
    }
    return id;
  }

  async list(conversationId: string, afterId?: string): Promise<LoggedMessage[]> {
    const key = this.#keys.messages(conversationId);
    if (afterId !== undefined) assertMessageId(afterId);
    // Newest first with COUNT, so exactly the last `max` are returned, then oldest first.
    const entries = await this.#client.xRevRange(key, '+', afterId === undefined ? '-' : `(${afterId}`, {
      COUNT: this.#max,
    });
    return (entries ?? []).reverse().map((entry) => ({ id: entry.id, body: decodeJson(entrySchema.parse(entry.message).b) }));
  }

  async delete(conversationId: string): Promise<boolean> {
    return (await this.#client.del(this.#keys.messages(conversationId))) > 0;
  }
}
