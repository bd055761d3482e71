import { StoreError } from '../shared/errors.js';
import type { RedisClient } from './connect-redis.js';
import { decodeReply, encodeReply } from './reply-codec.js';
import type { LoggedMessage, ReplyBus } from './session-store.js';
import type { StoreKeys } from './store-keys.js';

export interface RedisReplyBusOptions {
  /** Used for PUBLISH; a connection in subscriber mode cannot run normal commands. */
  readonly client: RedisClient;
  readonly keys: StoreKeys;
}

/**
 * Redis pub/sub, so a reply reaches whichever bot process holds the person's socket.
 * Subscriptions share one `client.duplicate()` connection, opened on the first subscribe.
 */
export class RedisReplyBus implements ReplyBus {
  readonly #client: RedisClient;
  readonly #keys: StoreKeys;
  #subscriber: Promise<RedisClient> | undefined;
  #closed = false;

  constructor(options: RedisReplyBusOptions) {
    this.#client = options.client;
    this.#keys = options.keys;
  }

  async publish(conversationId: string, message: LoggedMessage): Promise<void> {
    await this.#client.publish(this.#keys.replies(conversationId), encodeReply(message));
  }

  async subscribe(
    conversationId: string,
    onMessage: (message: LoggedMessage) => void,
  ): Promise<() => Promise<void>> {
    const channel = this.#keys.replies(conversationId);
    const subscriber = await this.#connectSubscriber();
    const listener = (text: string): void => {
      const message = decodeReply(text);
      if (message) onMessage(message);
    };
    await subscriber.subscribe(channel, listener);
    return async () => {
      // Removes only this listener; the channel stays subscribed while others listen.
      if (subscriber.isOpen) await subscriber.unsubscribe(channel, listener);
    };
  }

  /** Closes the subscriber connection (the publishing client belongs to the caller). */
  async close(): Promise<void> {
    this.#closed = true;
    const pending = this.#subscriber;
    this.#subscriber = undefined;
    if (!pending) return;
    const subscriber = await pending.catch(() => undefined);
    if (subscriber?.isOpen) await subscriber.close();
  }

  #connectSubscriber(): Promise<RedisClient> {
    if (this.#closed) return Promise.reject(new StoreError('STORE_UNAVAILABLE', 'The reply bus is closed.'));
    if (!this.#subscriber) {
      const subscriber = this.#client.duplicate();
      // Errors also reject the pending commands; the listener only keeps the process alive.
      subscriber.on('error', () => undefined);
      this.#subscriber = subscriber.connect().catch((error: unknown) => {
        this.#subscriber = undefined;
        throw error;
      });
    }
    return this.#subscriber;
  }
}
