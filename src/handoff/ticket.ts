import { z } from 'zod/v4';
import { priorities, type Priority } from '../engine/dialog-schema.js';
import { localeSchema, sessionStateV1Schema, type Answers } from '../engine/session-state.js';

/** A live chat handed over by the bot, or a relative's melding that needs a volunteer. */
export const ticketKinds = ['chat', 'melding'] as const;
export type TicketKind = (typeof ticketKinds)[number];

/** `waiting -> claimed -> closed`; a release or an expired claim puts a claimed ticket back to `waiting`. */
export const ticketStates = ['waiting', 'claimed', 'closed'] as const;
export type TicketState = (typeof ticketStates)[number];

/** How a volunteer closed the ticket, for the coordinator's figures. */
export const ticketOutcomes = ['helped', 'referred', 'callback_planned', 'no_contact', 'other'] as const;
export type TicketOutcome = (typeof ticketOutcomes)[number];

/** `handled`: a volunteer closed it with an outcome; `cancelled`: the person stopped waiting (or left the chat). */
export const closeReasons = ['handled', 'cancelled'] as const;
export type CloseReason = (typeof closeReasons)[number];

/** Why a claimed ticket last went back to the queue. */
export const returnReasons = ['released', 'expired'] as const;
export type ReturnReason = (typeof returnReasons)[number];

/** The engine's priority scale, most urgent first (crisis > urgent > soon > normal). */
export type Urgency = Priority;
export const urgencySchema = z.enum(priorities);

/** Volunteer ids, ticket ids and conversation ids are key parts: 1..128 characters, no whitespace. */
export const idSchema = z.string().min(1).max(128).regex(/^[^\s\p{Cc}]+$/u, 'must not contain whitespace');
const isoTime = z.iso.datetime();
const maxSummaryAnswers = 100;

/** What the bot knows (the engine's answers), so the volunteer never asks again. Same value rules as the session. */
export const summarySchema = sessionStateV1Schema.shape.answers.refine(
  (answers) => Object.keys(answers).length <= maxSummaryAnswers,
  `at most ${maxSummaryAnswers} answers`,
);

export const channelSchema = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'must be a channel name like "web"');
export const reasonSchema = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a snake_case reason like "asked_for_human"');

/** Version 1 of a ticket as the queue returns it. Times are ISO strings; volunteer notes are not part of it. */
export const ticketSchema = z.strictObject({
  v: z.literal(1),
  id: idSchema,
  kind: z.enum(ticketKinds),
  state: z.enum(ticketStates),
  urgency: urgencySchema,
  conversationId: idSchema,
  channel: channelSchema,
  locale: localeSchema,
  reason: reasonSchema,
  summary: summarySchema,
  /** The melding's reference code, for `kind: 'melding'`. */
  meldingRef: idSchema.nullable(),
  createdAt: isoTime,
  /** When the person started waiting. Kept when a claim is released or expires, so they keep their place. */
  waitingSince: isoTime,
  updatedAt: isoTime,
  /** The volunteer holding the claim (state `claimed` only). */
  claimedBy: idSchema.nullable(),
  /** Start of the current claim, or of the claim that ended in `closed`. */
  claimedAt: isoTime.nullable(),
  /** The claim returns to the queue when no heartbeat extends it before this moment (state `claimed` only). */
  leaseUntil: isoTime.nullable(),
  /** How often it was claimed, and how often it went back to the queue (released or expired). */
  claims: z.number().int().nonnegative(),
  returns: z.number().int().nonnegative(),
  lastReturn: z.enum(returnReasons).nullable(),
  closedAt: isoTime.nullable(),
  closeReason: z.enum(closeReasons).nullable(),
  /** The volunteer who closed it (null when the person cancelled). */
  closedBy: idSchema.nullable(),
  outcome: z.enum(ticketOutcomes).nullable(),
});
export type Ticket = z.infer<typeof ticketSchema>;

/** What the runtime (or the melding flow) hands over to put someone in the queue. */
export const enqueueInputSchema = z.strictObject({
  kind: z.enum(ticketKinds),
  conversationId: idSchema,
  channel: channelSchema,
  locale: localeSchema,
  urgency: urgencySchema,
  reason: reasonSchema,
  summary: summarySchema,
  meldingRef: idSchema.nullable().optional(),
});
export type EnqueueInput = z.input<typeof enqueueInputSchema>;

/** Handoffs made while nobody was online (handoff_offline dialog): a volunteer follows up later. */
export const OFFLINE_REASONS: ReadonlySet<string> = new Set(['callback', 'message']);

/** A live chat: the person waits in the waiting room for a volunteer now (not a melding, callback or left message). */
export function isLiveChat(ticket: Pick<Ticket, 'kind' | 'reason'>): boolean {
  return ticket.kind === 'chat' && !OFFLINE_REASONS.has(ticket.reason);
}

/**
 * The field of the conversation's open ticket in the queue's index. A conversation has at most one open live chat
 * and one open follow-up (melding, callback or message), so a person who made a zorgmelding can still ask for a
 * human now (issue #11 finding 9). The live slot is the conversation id itself.
 */
export function openSlot(ticket: Pick<Ticket, 'conversationId' | 'kind' | 'reason'>): string {
  const [live, later] = openSlots(ticket.conversationId);
  return isLiveChat(ticket) ? live : later;
}

/** The conversation's two slots in the open index: [live chat, follow-up]. */
export function openSlots(conversationId: string): readonly [string, string] {
  return [conversationId, `${conversationId}#later`];
}

// Compile-time checks: the summary is exactly the engine's answers.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const summaryIsAnswers: Same<Ticket['summary'], Answers> = true;
void summaryIsAnswers;
