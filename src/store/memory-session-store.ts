import type { Clock } from '../shared/clock.js';
import { StoreError } from '../shared/errors.js';
import { ExpiringMap } from './expiring-map.js';
import { decodeJson, encodeJson } from './json-codec.js';
import type { SessionStore, StoredDocument } from './session-store.js';
import { assertExpectedRev, assertTtlSeconds } from './store-options.js';
import { assertStoreId } from './store-keys.js';

export interface MemorySessionStoreOptions {
  readonly clock: Clock;
  readonly ttlSeconds: number;
}

interface Stored {
  readonly rev: number;
  readonly json: string;
}

/** Single-process session store; same contract as the Redis one, data is lost on restart. */
export class MemorySessionStore implements SessionStore {
  readonly kind = 'memory';
  readonly #sessions: ExpiringMap<Stored>;

  constructor(options: MemorySessionStoreOptions) {
    this.#sessions = new ExpiringMap(options.clock, assertTtlSeconds(options.ttlSeconds) * 1000);
  }

  async get(conversationId: string): Promise<StoredDocument | null> {
    const stored = this.#sessions.get(assertStoreId(conversationId, 'conversation id'));
    return stored ? { rev: stored.rev, doc: decodeJson(stored.json) } : null;
  }

  async put(conversationId: string, doc: unknown, expectedRev: number): Promise<number> {
    const id = assertStoreId(conversationId, 'conversation id');
    assertExpectedRev(expectedRev);
    const json = encodeJson(doc, 'The session document');
    const currentRev = this.#sessions.get(id)?.rev ?? 0;
    if (currentRev !== expectedRev) throw new StoreError('STORE_CONFLICT');
    const rev = currentRev + 1;
    this.#sessions.set(id, { rev, json });
    return rev;
  }

  async delete(conversationId: string): Promise<boolean> {
    return this.#sessions.delete(assertStoreId(conversationId, 'conversation id'));
  }

  async ttl(conversationId: string): Promise<number | null> {
    const ms = this.#sessions.remainingMs(assertStoreId(conversationId, 'conversation id'));
    return ms === null ? null : Math.ceil(ms / 1000);
  }

  /** Live sessions held in memory (expired ones are pruned), for tests and metrics. */
  get size(): number {
    return this.#sessions.size;
  }
}
