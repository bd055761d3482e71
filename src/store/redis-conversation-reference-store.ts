import type { RedisClient } from './connect-redis.js';
import { decodeReference, encodeReference, type ConversationReferenceStore, type StoredReference } from './conversation-reference-store.js';
import { assertTtlSeconds } from './store-options.js';
import type { StoreKeys } from './store-keys.js';

/** One string per conversation (JSON), written with its TTL in the same command. */
export class RedisConversationReferenceStore implements ConversationReferenceStore {
  readonly #ttlSeconds: number;

  constructor(private readonly options: { client: RedisClient; keys: StoreKeys; ttlSeconds: number }) {
    this.#ttlSeconds = assertTtlSeconds(options.ttlSeconds);
  }

  async get(conversationId: string): Promise<StoredReference | null> {
    return decodeReference(await this.options.client.get(this.options.keys.conversationRef(conversationId)));
  }

  async put(reference: StoredReference): Promise<void> {
    const key = this.options.keys.conversationRef(reference.conversationId);
    await this.options.client.set(key, encodeReference(reference), { expiration: { type: 'EX', value: this.#ttlSeconds } });
  }

  async delete(conversationId: string): Promise<boolean> {
    return (await this.options.client.del(this.options.keys.conversationRef(conversationId))) > 0;
  }
}
