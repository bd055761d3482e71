import { z } from 'zod/v4';

/** A volunteer's private note on a ticket: for the volunteers only, never shown to the person. */
export interface ConsoleNote {
  readonly id: string;
  /** ISO time. */
  readonly at: string;
  /** The volunteer's username. */
  readonly by: string;
  readonly text: string;
}

export const maxNoteLength = 2000;
/** Kept per ticket; an older note is dropped when a newer one would exceed this (far more than one chat needs). */
export const maxNotesPerTicket = 200;

export const noteTextSchema = z.string().trim().min(1).max(maxNoteLength);

export const consoleNoteSchema = z.strictObject({
  id: z.string().min(1).max(64),
  at: z.iso.datetime(),
  by: z.string().min(1).max(128),
  text: z.string().max(maxNoteLength),
});

/**
 * Private notes per ticket, oldest first. Each ticket's notes expire the ticket TTL after the last note
 * (the queue's `ticketTtlSeconds`), so they never outlive the ticket by much.
 */
export interface NoteStore {
  readonly kind: 'redis' | 'memory';
  add(ticketId: string, note: { readonly by: string; readonly text: string }, now?: Date): Promise<ConsoleNote>;
  list(ticketId: string): Promise<ConsoleNote[]>;
  /** For "verwijder mijn gegevens": returns whether there were notes. */
  delete(ticketId: string): Promise<boolean>;
}
