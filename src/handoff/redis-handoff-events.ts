import { StoreError } from '../shared/errors.js';
import type { RedisClient } from '../store/connect-redis.js';
import type { StoreKeys } from '../store/store-keys.js';
import { decodeEvent, encodeEvent, type HandoffEvent, type HandoffEvents } from './handoff-events.js';

export interface RedisHandoffEventsOptions {
  /** Used for PUBLISH; a connection in subscriber mode cannot run normal commands. */
  readonly client: RedisClient;
  readonly keys: StoreKeys;
}

/**
 * Redis pub/sub on one channel per prefix, so every process sees every queue change.
 * Subscriptions share one `client.duplicate()` connection, opened on the first subscribe.
 */
export class RedisHandoffEvents implements HandoffEvents {
  readonly #client: RedisClient;
  readonly #channel: string;
  #subscriber: Promise<RedisClient> | undefined;
  #closed = false;

  constructor(options: RedisHandoffEventsOptions) {
    this.#client = options.client;
    this.#channel = options.keys.handoffEvents;
  }

  async publish(event: HandoffEvent): Promise<void> {
    await this.#client.publish(this.#channel, encodeEvent(event));
  }

  async subscribe(onEvent: (event: HandoffEvent) => void): Promise<() => Promise<void>> {
    const subscriber = await this.#connectSubscriber();
    const listener = (text: string): void => {
      const event = decodeEvent(text);
      if (event) onEvent(event);
    };
    await subscriber.subscribe(this.#channel, listener);
    return async () => {
      // Removes only this listener; the channel stays subscribed while others listen.
      if (subscriber.isOpen) await subscriber.unsubscribe(this.#channel, listener);
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
    if (this.#closed) return Promise.reject(new StoreError('STORE_UNAVAILABLE', 'The handoff events are closed.'));
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
