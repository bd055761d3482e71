import type { RedisClient } from './connect-redis.js';
import { decodeReply, encodeReply } from './reply-codec.js';
import type { LoggedMessage, ReplyBus } from './session-store.js';
import { SharedSubscriber } from './shared-subscriber.js';
import type { StoreKeys } from './store-keys.js';

export interface RedisReplyBusOptions {
  /** Used for PUBLISH; a connection in subscriber mode cannot run normal commands. */
  readonly client: RedisClient;
  readonly keys: StoreKeys;
}

/**
 * Redis pub/sub, so a reply reaches whichever bot process holds the person's socket.
 * Subscriptions share one subscriber connection, opened on the first subscribe.
 */
export class RedisReplyBus implements ReplyBus {
  readonly #keys: StoreKeys;
  readonly #subscriber: SharedSubscriber;

  constructor(options: RedisReplyBusOptions) {
    this.#keys = options.keys;
    this.#subscriber = new SharedSubscriber(options.client, 'The reply bus');
  }

  async publish(conversationId: string, message: LoggedMessage): Promise<void> {
    await this.#subscriber.publish(this.#keys.replies(conversationId), encodeReply(message));
  }

  async subscribe(conversationId: string, onMessage: (message: LoggedMessage) => void): Promise<() => Promise<void>> {
    return this.#subscriber.listen(this.#keys.replies(conversationId), (text) => {
      const message = decodeReply(text);
      if (message) onMessage(message);
    });
  }

  /** Closes the subscriber connection (the publishing client belongs to the caller). */
  close(): Promise<void> {
    return this.#subscriber.close();
  }
}
