import { EventEmitter } from 'node:events';
import { decodeReply, encodeReply } from './reply-codec.js';
import type { LoggedMessage, ReplyBus } from './session-store.js';
import { assertStoreId } from './store-keys.js';

/** In-process reply fan-out; only right when one process serves every socket. */
export class MemoryReplyBus implements ReplyBus {
  readonly #emitter = new EventEmitter();

  constructor() {
    // One listener per open socket of a conversation; many listeners are not a leak here.
    this.#emitter.setMaxListeners(0);
  }

  async publish(conversationId: string, message: LoggedMessage): Promise<void> {
    const channel = assertStoreId(conversationId, 'conversation id');
    // Sent as JSON text, as over Redis: each subscriber gets its own copy.
    this.#emitter.emit(channel, encodeReply(message));
  }

  async subscribe(
    conversationId: string,
    onMessage: (message: LoggedMessage) => void,
  ): Promise<() => Promise<void>> {
    const channel = assertStoreId(conversationId, 'conversation id');
    const listener = (text: string): void => {
      const message = decodeReply(text);
      if (message) onMessage(message);
    };
    this.#emitter.on(channel, listener);
    return async () => {
      this.#emitter.off(channel, listener);
    };
  }

  /** Drops every subscription. */
  async close(): Promise<void> {
    this.#emitter.removeAllListeners();
  }
}
