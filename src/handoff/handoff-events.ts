import { z } from 'zod/v4';
import { decodeJson, encodeJson } from '../store/json-codec.js';
import { idSchema, ticketKinds, ticketStates, urgencySchema, type Ticket } from './ticket.js';

/**
 * What happened to a ticket. `expired`: the volunteer's console went silent and the ticket is back in the
 * queue, so the person should hear that a new volunteer is coming. `raised`: a new handoff of the same
 * conversation raised the urgency of its open ticket.
 */
export const handoffEventTypes = ['created', 'raised', 'claimed', 'released', 'expired', 'closed', 'cancelled'] as const;
export type HandoffEventType = (typeof handoffEventTypes)[number];

/** Ids and states only, never the summary: subscribers fetch the ticket when they need more. */
export const handoffEventSchema = z.strictObject({
  type: z.enum(handoffEventTypes),
  ticketId: idSchema,
  conversationId: idSchema,
  kind: z.enum(ticketKinds),
  urgency: urgencySchema,
  /** The ticket's state after the event. */
  state: z.enum(ticketStates),
  /** The volunteer concerned: who claimed, released or closed it, or who lost it (expired, cancelled). */
  volunteerId: idSchema.nullable(),
  at: z.iso.datetime(),
});
export type HandoffEvent = z.infer<typeof handoffEventSchema>;

/** Live queue updates for every process: the console's event stream, the person's waiting room. */
export interface HandoffEvents {
  publish(event: HandoffEvent): Promise<void>;
  /** Calls `onEvent` for every event published after the returned promise resolves; returns an unsubscribe function. */
  subscribe(onEvent: (event: HandoffEvent) => void): Promise<() => Promise<void>>;
  /** Ends every subscription (and a Redis subscriber connection); publishing afterwards reaches no one. */
  close(): Promise<void>;
}

export function eventOf(type: HandoffEventType, ticket: Ticket, volunteerId: string | null, at: Date): HandoffEvent {
  return {
    type,
    ticketId: ticket.id,
    conversationId: ticket.conversationId,
    kind: ticket.kind,
    urgency: ticket.urgency,
    state: ticket.state,
    volunteerId,
    at: at.toISOString(),
  };
}

export function encodeEvent(event: HandoffEvent): string {
  return encodeJson(handoffEventSchema.parse(event), 'The handoff event');
}

/** The event, or null for text that is not one (a channel is not a trusted input). */
export function decodeEvent(text: string): HandoffEvent | null {
  let value: unknown;
  try {
    value = decodeJson(text);
  } catch {
    return null;
  }
  const parsed = handoffEventSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
