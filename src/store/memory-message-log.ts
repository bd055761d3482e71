import type { Clock } from '../shared/clock.js';
import { ExpiringMap } from './expiring-map.js';
import { decodeJson, encodeJson } from './json-codec.js';
import { assertMessageId, compareMessageIds } from './message-id.js';
import type { LoggedMessage, MessageLog } from './session-store.js';
import { assertMaxMessages, assertTtlSeconds, defaultMaxMessagesPerConversation } from './store-options.js';
import { assertStoreId } from './store-keys.js';

export interface MemoryMessageLogOptions {
  readonly clock: Clock;
  /** Each append restarts the conversation's TTL, as EXPIRE does on the Redis stream. */
  readonly ttlSeconds: number;
  readonly maxPerConversation?: number;
}

interface StoredMessage {
  readonly id: string;
  readonly json: string;
}

/** Single-process message log; ids are `<ms>-<seq>` like Redis stream ids and sort the same way. */
export class MemoryMessageLog implements MessageLog {
  readonly #logs: ExpiringMap<StoredMessage[]>;
  readonly #clock: Clock;
  readonly #max: number;
  #lastMs = 0;
  #lastSeq = 0;

  constructor(options: MemoryMessageLogOptions) {
    this.#clock = options.clock;
    this.#logs = new ExpiringMap(options.clock, assertTtlSeconds(options.ttlSeconds) * 1000);
    this.#max = assertMaxMessages(options.maxPerConversation ?? defaultMaxMessagesPerConversation);
  }

  async append(conversationId: string, body: unknown): Promise<string> {
    const id = assertStoreId(conversationId, 'conversation id');
    const message = { id: this.#nextId(), json: encodeJson(body, 'The message body') };
    const kept = [...(this.#logs.get(id) ?? []), message].slice(-this.#max);
    this.#logs.set(id, kept);
    return message.id;
  }

  async list(conversationId: string, afterId?: string): Promise<LoggedMessage[]> {
    const log = this.#logs.get(assertStoreId(conversationId, 'conversation id')) ?? [];
    if (afterId !== undefined) assertMessageId(afterId);
    return log
      .filter((message) => afterId === undefined || compareMessageIds(message.id, afterId) > 0)
      .map((message) => ({ id: message.id, body: decodeJson(message.json) }));
  }

  async delete(conversationId: string): Promise<boolean> {
    return this.#logs.delete(assertStoreId(conversationId, 'conversation id'));
  }

  /** Like Redis: the clock's milliseconds, with a sequence for several ids in one millisecond. */
  #nextId(): string {
    const ms = this.#clock.now().getTime();
    if (ms > this.#lastMs) {
      this.#lastMs = ms;
      this.#lastSeq = 0;
    } else {
      this.#lastSeq += 1;
    }
    return `${this.#lastMs}-${this.#lastSeq}`;
  }
}
