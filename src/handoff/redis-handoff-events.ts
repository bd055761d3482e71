import type { RedisClient } from '../store/connect-redis.js';
import { SharedSubscriber } from '../store/shared-subscriber.js';
import type { StoreKeys } from '../store/store-keys.js';
import { decodeEvent, encodeEvent, type HandoffEvent, type HandoffEvents } from './handoff-events.js';

export interface RedisHandoffEventsOptions {
  /** Used for PUBLISH; a connection in subscriber mode cannot run normal commands. */
  readonly client: RedisClient;
  readonly keys: StoreKeys;
}

/**
 * Redis pub/sub on one channel per prefix, so every process sees every queue change.
 * Subscriptions share one subscriber connection, opened on the first subscribe.
 */
export class RedisHandoffEvents implements HandoffEvents {
  readonly #channel: string;
  readonly #subscriber: SharedSubscriber;

  constructor(options: RedisHandoffEventsOptions) {
    this.#channel = options.keys.handoffEvents;
    this.#subscriber = new SharedSubscriber(options.client, 'The handoff events');
  }

  async publish(event: HandoffEvent): Promise<void> {
    await this.#subscriber.publish(this.#channel, encodeEvent(event));
  }

  async subscribe(onEvent: (event: HandoffEvent) => void): Promise<() => Promise<void>> {
    return this.#subscriber.listen(this.#channel, (text) => {
      const event = decodeEvent(text);
      if (event) onEvent(event);
    });
  }

  close(): Promise<void> {
    return this.#subscriber.close();
  }
}
