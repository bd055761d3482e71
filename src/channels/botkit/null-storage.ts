import type { Storage, StoreItems } from 'botbuilder';

/**
 * Botkit wants a botbuilder Storage for its own dialog state. We keep conversation state in our SessionStore
 * (versioned, with TTL), so Botkit's copy would only grow unbounded memory: store nothing.
 */
export class NullStorage implements Storage {
  async read(): Promise<StoreItems> {
    return {};
  }
  async write(): Promise<void> {}
  async delete(): Promise<void> {}
}
