import type { Clock } from '../shared/clock.js';
import type { RedisClient } from './connect-redis.js';
import { ExpiringMap } from './expiring-map.js';
import type { StoreKeys } from './store-keys.js';

/**
 * Conversations deleted on request ("verwijder mijn gegevens"). Chat tokens are signed and stateless, so the token
 * of a deleted conversation is refused by looking here (issue #11 finding 10). A mark lives as long as a token can
 * (the session TTL), so it never outlives what it guards.
 */
export interface RevokedConversations {
  revoke(conversationId: string): Promise<void>;
  isRevoked(conversationId: string): Promise<boolean>;
}

export class RedisRevokedConversations implements RevokedConversations {
  readonly #client: RedisClient;
  readonly #keys: StoreKeys;
  readonly #ttlSeconds: number;

  constructor(options: { readonly client: RedisClient; readonly keys: StoreKeys; readonly ttlSeconds: number }) {
    this.#client = options.client;
    this.#keys = options.keys;
    this.#ttlSeconds = options.ttlSeconds;
  }

  async revoke(conversationId: string): Promise<void> {
    await this.#client.set(this.#keys.revokedConversation(conversationId), '1', { expiration: { type: 'EX', value: this.#ttlSeconds } });
  }

  async isRevoked(conversationId: string): Promise<boolean> {
    return (await this.#client.exists(this.#keys.revokedConversation(conversationId))) === 1;
  }
}

export class MemoryRevokedConversations implements RevokedConversations {
  readonly #marks: ExpiringMap<true>;

  constructor(options: { readonly clock: Clock; readonly ttlSeconds: number }) {
    this.#marks = new ExpiringMap(options.clock, options.ttlSeconds * 1000);
  }

  async revoke(conversationId: string): Promise<void> {
    this.#marks.set(conversationId, true);
  }

  async isRevoked(conversationId: string): Promise<boolean> {
    return this.#marks.get(conversationId) === true;
  }
}
