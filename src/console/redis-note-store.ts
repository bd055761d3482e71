import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../shared/clock.js';
import type { RedisClient } from '../store/connect-redis.js';
import { decodeJson, encodeJson } from '../store/json-codec.js';
import type { StoreKeys } from '../store/store-keys.js';
import { assertTtlSeconds } from '../store/store-options.js';
import { consoleNoteSchema, maxNotesPerTicket, type ConsoleNote, type NoteStore } from './note-store.js';

export interface RedisNoteStoreOptions {
  readonly client: RedisClient;
  readonly keys: StoreKeys;
  /** The ticket TTL: the list expires this long after the last note. */
  readonly ttlSeconds: number;
  readonly clock?: Clock;
}

/** Layout: `console-notes:<ticket id>` list of JSON notes, oldest first, capped, with the ticket TTL. */
export class RedisNoteStore implements NoteStore {
  readonly kind = 'redis';
  readonly #client: RedisClient;
  readonly #keys: StoreKeys;
  readonly #ttlSeconds: number;
  readonly #clock: Clock;

  constructor(options: RedisNoteStoreOptions) {
    this.#client = options.client;
    this.#keys = options.keys;
    this.#ttlSeconds = assertTtlSeconds(options.ttlSeconds);
    this.#clock = options.clock ?? systemClock;
  }

  async add(ticketId: string, note: { readonly by: string; readonly text: string }, now: Date = this.#clock.now()): Promise<ConsoleNote> {
    const key = this.#keys.consoleNotes(ticketId);
    const added: ConsoleNote = { id: randomUUID(), at: now.toISOString(), by: note.by, text: note.text };
    // One MULTI: the list never exists without its TTL.
    await this.#client
      .multi()
      .rPush(key, encodeJson(added, 'The note'))
      .lTrim(key, -maxNotesPerTicket, -1)
      .expire(key, this.#ttlSeconds)
      .exec();
    return added;
  }

  async list(ticketId: string): Promise<ConsoleNote[]> {
    const items = await this.#client.lRange(this.#keys.consoleNotes(ticketId), 0, -1);
    const notes: ConsoleNote[] = [];
    for (const item of items) {
      // A damaged entry is skipped rather than hiding every other note.
      const parsed = consoleNoteSchema.safeParse(safeDecode(item));
      if (parsed.success) notes.push(parsed.data);
    }
    return notes;
  }

  async delete(ticketId: string): Promise<boolean> {
    return (await this.#client.del(this.#keys.consoleNotes(ticketId))) === 1;
  }
}

function safeDecode(text: string): unknown {
  try {
    return decodeJson(text);
  } catch {
    return null;
  }
}
