import { randomUUID } from 'node:crypto';
import { z } from 'zod/v4';
import type { Clock } from '../shared/clock.js';
import { RequestError } from '../shared/errors.js';
import { assertStoreId } from '../store/store-keys.js';
import type { HandoffEvents } from './handoff-events.js';
import { enqueueInputSchema, ticketOutcomes, type EnqueueInput, type Ticket, type TicketOutcome, type TicketState } from './ticket.js';
import { resolveWaitSampleOptions, type WaitSampleOptions } from './wait-samples.js';

/** `created`: a new ticket; `existing`: the conversation already had an open ticket; `raised`: that ticket's urgency went up. */
export type EnqueueStatus = 'created' | 'existing' | 'raised';

export interface EnqueueResult {
  readonly ticket: Ticket;
  readonly status: EnqueueStatus;
}

export interface QueueStats {
  readonly waiting: number;
  readonly claimed: number;
  /** Closed by a volunteer since 00:00 (Dutch time) today. */
  readonly handledToday: number;
  /** Given up by the person since 00:00 today. */
  readonly cancelledToday: number;
  /** Median seconds from enqueue to first claim, over the tickets first claimed today; null when none. */
  readonly medianWaitTodaySeconds: number | null;
}

/**
 * The volunteer queue. Every state change is one atomic step, so two volunteers can never hold one
 * ticket. Every method that depends on time takes an optional `now` (default: the queue's clock).
 * State changes are also published as HandoffEvents when the queue was given `events`.
 */
export interface HandoffQueue {
  readonly kind: 'redis' | 'memory';
  /** Seconds of heartbeat silence after which a claim goes back to the queue. */
  readonly claimTimeoutSeconds: number;
  /**
   * Puts the conversation in the queue. One open live chat and one open follow-up (melding, callback, message)
   * per conversation (`openSlot`): when that slot already has a waiting or claimed ticket, that ticket is
   * returned (its urgency raised when the new one is higher).
   */
  enqueue(input: EnqueueInput, now?: Date): Promise<EnqueueResult>;
  /**
   * Gives a waiting ticket to the volunteer, with a lease of `claimTimeoutSeconds`. Claiming a ticket the
   * volunteer already holds just extends the lease. Throws HandoffError TICKET_CLAIMED (someone else holds
   * it), TICKET_CLOSED or TICKET_NOT_FOUND.
   */
  claim(ticketId: string, volunteerId: string, now?: Date): Promise<Ticket>;
  /** The volunteer's console is alive: extends the lease of every ticket they hold. Returns those ticket ids. */
  heartbeat(volunteerId: string, now?: Date): Promise<string[]>;
  /** The holder gives the ticket back; it keeps its place by waiting time. Throws TICKET_NOT_HELD, TICKET_CLOSED, TICKET_NOT_FOUND. */
  release(ticketId: string, volunteerId: string, now?: Date): Promise<Ticket>;
  /**
   * A coordinator gives back a claim someone else holds (an abandoned chat), at once, without waiting for the lease
   * to run out. The event names the volunteer who lost it. Throws TICKET_NOT_HELD (not claimed), TICKET_CLOSED, TICKET_NOT_FOUND.
   */
  forceRelease(ticketId: string, now?: Date): Promise<Ticket>;
  /**
   * A coordinator takes a ticket over: claims it when waiting, or moves a claim someone else holds to `volunteerId`,
   * in one atomic step. Throws TICKET_CLOSED, TICKET_NOT_FOUND.
   */
  takeOver(ticketId: string, volunteerId: string, now?: Date): Promise<Ticket>;
  /** The holder closes the ticket with an outcome. Throws TICKET_NOT_HELD, TICKET_CLOSED, TICKET_NOT_FOUND. */
  close(ticketId: string, volunteerId: string, outcome: TicketOutcome, now?: Date): Promise<Ticket>;
  /**
   * The person stops waiting (or leaves the chat): the ticket closes as `cancelled`, even when claimed.
   * A ticket that is already closed is returned unchanged. Throws TICKET_NOT_FOUND.
   */
  cancel(ticketId: string, now?: Date): Promise<Ticket>;
  /**
   * "verwijder mijn gegevens": removes the ticket and its summary entirely (waiting, claimed or closed), and publishes
   * `cancelled` so consoles drop it. Returns whether there was one.
   */
  erase(ticketId: string, now?: Date): Promise<boolean>;
  /**
   * Claims whose lease ran out (no heartbeat for `claimTimeoutSeconds`) go back to waiting, first in their
   * urgency band. Returns them, so the caller can tell each person a new volunteer is coming. Run it every
   * few seconds; it is the only thing that ends a lease, and it is safe to run from several processes.
   */
  expireStale(now?: Date): Promise<Ticket[]>;
  get(ticketId: string): Promise<Ticket | null>;
  /** The conversation's open (waiting or claimed) ticket, or null: its live chat first, else its open follow-up (melding, callback, message). */
  byConversation(conversationId: string): Promise<Ticket | null>;
  /** Every open ticket of the conversation: at most a live chat and a follow-up (see `openSlot`). */
  openByConversation(conversationId: string): Promise<Ticket[]>;
  /**
   * `waiting`: by urgency, then waiting time (the order volunteers should take them); `claimed`: by
   * claim time, oldest first; `closed`: closed today (Dutch time), most recent first.
   */
  list(state: TicketState, now?: Date): Promise<Ticket[]>;
  /** 1-based place among the waiting tickets, or null when the ticket is not waiting. */
  position(ticketId: string): Promise<number | null>;
  /** Median seconds from enqueue to first claim over recent claims; null when there are too few to say. */
  expectedWaitSeconds(now?: Date): Promise<number | null>;
  stats(now?: Date): Promise<QueueStats>;
}

export interface HandoffQueueOptions {
  /** Where `now` comes from when a method is called without it. */
  readonly clock: Clock;
  /** Default 120 (CLAIM_TIMEOUT_S). May be fractional, for tests. */
  readonly claimTimeoutSeconds?: number;
  /** How long a ticket and the queue's keys live after their last change. Default 30 days (the session default). */
  readonly ticketTtlSeconds?: number;
  readonly waitSamples?: Partial<WaitSampleOptions>;
  /** When set, every state change is published here. */
  readonly events?: HandoffEvents;
  /** A failed publish does not undo the change; it is reported here (default: ignored). */
  readonly onEventError?: (error: unknown) => void;
  /** Ticket ids; default `randomUUID()`. */
  readonly newId?: () => string;
}

export const defaultClaimTimeoutSeconds = 120;
export const defaultTicketTtlSeconds = 30 * 86_400;
/** Closed tickets stay listed this long (enough for "closed today"). */
export const keepClosedMs = 2 * 86_400_000;

export interface ResolvedQueueOptions {
  readonly clock: Clock;
  readonly claimTimeoutMs: number;
  readonly ticketTtlSeconds: number;
  readonly waitSamples: WaitSampleOptions;
  readonly newId: () => string;
  readonly publish: (event: Parameters<HandoffEvents['publish']>[0]) => Promise<void>;
}

export function resolveQueueOptions(options: HandoffQueueOptions): ResolvedQueueOptions {
  const claimTimeoutSeconds = options.claimTimeoutSeconds ?? defaultClaimTimeoutSeconds;
  if (!Number.isFinite(claimTimeoutSeconds) || claimTimeoutSeconds <= 0) {
    throw new RangeError(`claimTimeoutSeconds must be > 0, got ${claimTimeoutSeconds}.`);
  }
  const ticketTtlSeconds = options.ticketTtlSeconds ?? defaultTicketTtlSeconds;
  if (!Number.isInteger(ticketTtlSeconds) || ticketTtlSeconds < 1) {
    throw new RangeError(`ticketTtlSeconds must be a whole number of seconds >= 1, got ${ticketTtlSeconds}.`);
  }
  const { events, onEventError } = options;
  return {
    clock: options.clock,
    claimTimeoutMs: Math.round(claimTimeoutSeconds * 1000),
    ticketTtlSeconds,
    waitSamples: resolveWaitSampleOptions(options.waitSamples),
    newId: options.newId ?? randomUUID,
    publish: async (event) => {
      if (!events) return;
      try {
        await events.publish(event);
      } catch (error) {
        onEventError?.(error);
      }
    },
  };
}

/** Parses what a caller hands in; throws VALIDATION_FAILED naming the fields. */
export function parseEnqueueInput(input: EnqueueInput): z.output<typeof enqueueInputSchema> {
  return parseOrThrow(enqueueInputSchema, input, 'Invalid handoff input.');
}

/** Ids are key parts: BAD_REQUEST unless 1..128 characters without whitespace (as for every store id). */
export function parseVolunteerId(volunteerId: string): string {
  return assertStoreId(volunteerId, 'volunteer id');
}

export function parseConversationId(conversationId: string): string {
  return assertStoreId(conversationId, 'conversation id');
}

export function parseTicketId(ticketId: string): string {
  return assertStoreId(ticketId, 'ticket id');
}

export function parseOutcome(outcome: TicketOutcome): TicketOutcome {
  return parseOrThrow(z.enum(ticketOutcomes), outcome, 'Invalid outcome.');
}

function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, message: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => (issue.path.length > 0 ? issue.path.join('.') : '(value)'));
  throw new RequestError('VALIDATION_FAILED', message, [...new Set(fields)]);
}
