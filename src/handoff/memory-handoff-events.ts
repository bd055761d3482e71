import { EventEmitter } from 'node:events';
import { decodeEvent, encodeEvent, type HandoffEvent, type HandoffEvents } from './handoff-events.js';

const channel = 'event';

/** In-process events; only right when one process runs the queue, the console and the person's chats. */
export class MemoryHandoffEvents implements HandoffEvents {
  readonly #emitter = new EventEmitter();

  constructor() {
    // One listener per open console or waiting room; many listeners are not a leak here.
    this.#emitter.setMaxListeners(0);
  }

  async publish(event: HandoffEvent): Promise<void> {
    // Sent as JSON text, as over Redis: each subscriber gets its own copy.
    this.#emitter.emit(channel, encodeEvent(event));
  }

  async subscribe(onEvent: (event: HandoffEvent) => void): Promise<() => Promise<void>> {
    const listener = (text: string): void => {
      const event = decodeEvent(text);
      if (event) onEvent(event);
    };
    this.#emitter.on(channel, listener);
    return async () => {
      this.#emitter.off(channel, listener);
    };
  }

  async close(): Promise<void> {
    this.#emitter.removeAllListeners();
  }
}
