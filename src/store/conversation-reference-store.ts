import { z } from 'zod/v4';
import type { Clock } from '../shared/clock.js';
import { ExpiringMap } from './expiring-map.js';
import { decodeJson, encodeJson } from './json-codec.js';
import { assertTtlSeconds } from './store-options.js';
import { assertStoreId } from './store-keys.js';

/**
 * How to reach a conversation later on its own channel. `address` is the channel's own (a phone number, a Teams
 * conversation); it lives only in this value, never in a key or a log, and is erased with the conversation.
 */
export const storedReferenceSchema = z.object({
  conversationId: z.string().min(1).max(128),
  channel: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/),
  address: z.record(z.string(), z.unknown()),
  lastInboundAt: z.iso.datetime().optional(),
});
export type StoredReference = z.infer<typeof storedReferenceSchema>;

/** Conversation references, kept as long as the session (same TTL), renewed on every write. */
export interface ConversationReferenceStore {
  get(conversationId: string): Promise<StoredReference | null>;
  /** Stores (replaces) the reference and restarts its TTL. */
  put(reference: StoredReference): Promise<void>;
  delete(conversationId: string): Promise<boolean>;
}

/** A stored value that no longer parses (an older shape) is treated as absent, never thrown at a caller. */
export function decodeReference(text: string | null | undefined): StoredReference | null {
  if (typeof text !== 'string') return null;
  const parsed = storedReferenceSchema.safeParse(decodeJson(text));
  return parsed.success ? parsed.data : null;
}

export function encodeReference(reference: StoredReference): string {
  return encodeJson(storedReferenceSchema.parse(reference), 'The conversation reference');
}

export class MemoryConversationReferenceStore implements ConversationReferenceStore {
  readonly #refs: ExpiringMap<string>;

  constructor(options: { clock: Clock; ttlSeconds: number }) {
    this.#refs = new ExpiringMap(options.clock, assertTtlSeconds(options.ttlSeconds) * 1000);
  }

  async get(conversationId: string): Promise<StoredReference | null> {
    return decodeReference(this.#refs.get(assertStoreId(conversationId, 'conversation id')));
  }

  async put(reference: StoredReference): Promise<void> {
    this.#refs.set(assertStoreId(reference.conversationId, 'conversation id'), encodeReference(reference));
  }

  async delete(conversationId: string): Promise<boolean> {
    return this.#refs.delete(assertStoreId(conversationId, 'conversation id'));
  }
}
