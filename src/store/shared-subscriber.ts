import { StoreError } from '../shared/errors.js';
import { isCluster, type RedisClient } from './connect-redis.js';

/**
 * One subscriber-mode connection (a `client.duplicate()`), opened on first use and shared by every subscription of
 * its owner: a connection in subscriber mode cannot run normal commands, so publishing stays on the main client.
 *
 * On a Redis Cluster it uses sharded pub/sub (SPUBLISH/SSUBSCRIBE, Redis 7): a plain PUBLISH goes to any node
 * and is relayed over the cluster bus, so two replies of one conversation could arrive swapped; a sharded channel
 * lives on the node of its hash slot (the conversation's tag), so its messages keep their order.
 */
export class SharedSubscriber {
  readonly #client: RedisClient;
  readonly #what: string;
  #subscriber: Promise<RedisClient> | undefined;
  #closed = false;

  /** `what` names the owner in the error after close, e.g. "The reply bus". */
  constructor(client: RedisClient, what: string) {
    this.#client = client;
    this.#what = what;
  }

  /** Publishes on the owner's main client (sharded on a cluster). */
  async publish(channel: string, text: string): Promise<void> {
    const client = this.#client;
    if (isCluster(client)) await client.sPublish(channel, text);
    else await client.publish(channel, text);
  }

  /** Subscribes `onText` to `channel`; returns an unsubscribe that removes only this listener. */
  async listen(channel: string, onText: (text: string) => void): Promise<() => Promise<void>> {
    const subscriber = await this.#connect();
    if (isCluster(subscriber)) {
      await subscriber.sSubscribe(channel, onText);
      return async () => {
        if (subscriber.isOpen) await subscriber.sUnsubscribe(channel, onText);
      };
    }
    await subscriber.subscribe(channel, onText);
    return async () => {
      if (subscriber.isOpen) await subscriber.unsubscribe(channel, onText);
    };
  }

  /** Closes the subscriber connection (the publishing client belongs to the caller). */
  async close(): Promise<void> {
    this.#closed = true;
    const pending = this.#subscriber;
    this.#subscriber = undefined;
    if (!pending) return;
    const subscriber = await pending.catch(() => undefined);
    if (!subscriber?.isOpen) return;
    // Unsubscribing first means Redis has dropped every subscription when close() resolves; a bare close only
    // sends the disconnect, which the server handles a moment later.
    await subscriber.unsubscribe().catch(() => undefined);
    await subscriber.close();
  }

  #connect(): Promise<RedisClient> {
    if (this.#closed) return Promise.reject(new StoreError('STORE_UNAVAILABLE', `${this.#what} is closed.`));
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
