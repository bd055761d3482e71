import { randomUUID } from 'node:crypto';
import type { Clock } from '../shared/clock.js';
import { ExpiringMap } from '../store/expiring-map.js';
import { assertStoreId } from '../store/store-keys.js';
import { assertTtlSeconds } from '../store/store-options.js';
import { maxNotesPerTicket, type ConsoleNote, type NoteStore } from './note-store.js';

export interface MemoryNoteStoreOptions {
  readonly clock: Clock;
  /** The ticket TTL: notes expire this long after the last one was added. */
  readonly ttlSeconds: number;
}

/** Single-process notes; same contract as the Redis store, lost on restart. */
export class MemoryNoteStore implements NoteStore {
  readonly kind = 'memory';
  readonly #notes: ExpiringMap<readonly ConsoleNote[]>;
  readonly #clock: Clock;

  constructor(options: MemoryNoteStoreOptions) {
    this.#clock = options.clock;
    this.#notes = new ExpiringMap(options.clock, assertTtlSeconds(options.ttlSeconds) * 1000);
  }

  async add(ticketId: string, note: { readonly by: string; readonly text: string }, now: Date = this.#clock.now()): Promise<ConsoleNote> {
    const id = assertStoreId(ticketId, 'ticket id');
    const added: ConsoleNote = { id: randomUUID(), at: now.toISOString(), by: note.by, text: note.text };
    this.#notes.set(id, [...(this.#notes.get(id) ?? []), added].slice(-maxNotesPerTicket));
    return added;
  }

  async list(ticketId: string): Promise<ConsoleNote[]> {
    return [...(this.#notes.get(assertStoreId(ticketId, 'ticket id')) ?? [])];
  }

  async delete(ticketId: string): Promise<boolean> {
    return this.#notes.delete(assertStoreId(ticketId, 'ticket id'));
  }
}
