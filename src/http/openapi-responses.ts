import { z } from 'zod/v4';
import { localeSchema } from '../engine/session-state.js';
import { ticketSchema } from '../handoff/ticket.js';
import { transcriptLineSchema } from '../handoff/relay-event.js';
import { cannedRepliesSchema } from '../console/canned-reply-store.js';
import { consoleNoteSchema } from '../console/note-store.js';
import { volunteerRoleSchema } from '../console/auth/volunteer-store.js';
import { errorCodes, type ErrorCode } from '../shared/errors.js';

/**
 * The answers of the JSON routes, for the OpenAPI document (GET /api/openapi.json). Built from the stores' own
 * schemas where they exist (ticket, transcript line, note, canned replies), so the document follows them.
 */

const errorCodeNames = Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]];

/** Every error answer: `{ error: { code, message, fields? } }` (src/http/error-handler.ts). */
export const errorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(errorCodeNames),
    message: z.string(),
    /** Invalid fields by path; values are never echoed. */
    fields: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
  }),
});

export const healthSchema = z.strictObject({ ok: z.boolean(), store: z.enum(['redis', 'memory']) });
export const readySchema = healthSchema.extend({ draining: z.boolean() });

export const sessionCreatedSchema = z.strictObject({ token: z.string(), conversationId: z.string() });

const quickReplySchema = z.strictObject({ title: z.string(), payload: z.string() });
/** One bot message of a turn's answer. */
export const webMessageSchema = z.strictObject({
  id: z.string(),
  type: z.string(),
  text: z.string(),
  quick_replies: z.array(quickReplySchema).optional(),
  /** The kind of typed answer the question expects (e.g. `amount`, `date`). */
  input: z.string().optional(),
});
export const turnAnswerSchema = z.array(webMessageSchema);
/** Kept messages after `after`, oldest first: the bot's messages and the person's own lines, each with its log id. */
export const messageListSchema = z.strictObject({ messages: z.array(z.looseObject({ id: z.string() })) });

export const consoleIdentitySchema = z.strictObject({ csrfToken: z.string(), username: z.string(), role: volunteerRoleSchema });

/** A ticket as the console gets it (src/console/ticket-view.ts): the ticket minus internal bookkeeping. */
export const ticketViewSchema = ticketSchema
  .pick({ id: true, kind: true, urgency: true, state: true, conversationId: true, channel: true, locale: true, reason: true, waitingSince: true, summary: true, returns: true, lastReturn: true })
  .extend({
    meldingRef: z.string().optional(),
    claimedBy: z.string().optional(),
    claimedAt: z.string().optional(),
    leaseUntil: z.string().optional(),
    closedAt: z.string().optional(),
    closedBy: ticketSchema.shape.closedBy.optional(),
    closeReason: ticketSchema.shape.closeReason.optional(),
    outcome: ticketSchema.shape.outcome.optional(),
  });
export const ticketAnswerSchema = z.strictObject({ ticket: ticketViewSchema });
export const ticketListSchema = z.strictObject({ tickets: z.array(ticketViewSchema) });
export const ticketDetailSchema = z.strictObject({
  ticket: ticketViewSchema,
  transcript: z.array(transcriptLineSchema.extend({ id: z.string() })),
  notes: z.array(consoleNoteSchema),
});
export const undeliveredSchema = z.strictObject({ delivered: z.literal(false), reason: z.string() });
export const noteAnswerSchema = z.strictObject({ note: consoleNoteSchema });
export const heartbeatAnswerSchema = z.strictObject({ tickets: z.array(z.string()) });
export const cannedListSchema = z.strictObject({
  locale: localeSchema,
  replies: cannedRepliesSchema,
  source: z.enum(['stored', 'default']),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export const statsSchema = z.strictObject({
  waiting: z.number().int(),
  claimed: z.number().int(),
  handledToday: z.number().int(),
  cancelledToday: z.number().int(),
  medianWaitTodaySeconds: z.number().nullable(),
  signedIn: z.array(z.strictObject({ username: z.string(), role: volunteerRoleSchema, lastSeenAt: z.string() })),
  loginFailures: z.array(z.strictObject({ username: z.string(), failures: z.number().int(), lastFailureAt: z.string() })),
});
export const teamsStatusSchema = z.strictObject({
  enabled: z.boolean(),
  alertChannel: z.strictObject({ label: z.string(), setBy: z.string(), setAt: z.string(), stale: z.boolean() }).nullable(),
});
export const linkCodeSchema = z.strictObject({ code: z.string(), expiresInSeconds: z.number().int() });

/** The huurtoeslag check's answer; `figures` is the sum step by step (see src/domain/huurtoeslag/check-huurtoeslag.ts). */
export const huurtoeslagAnswerSchema = z.strictObject({
  eligible: z.boolean(),
  monthlyAmount: z.number(),
  monthlyAmountWholeEuros: z.number().int(),
  reasons: z.array(z.strictObject({ code: z.string(), text: z.string() })),
  figures: z.looseObject({ year: z.number().int(), householdType: z.enum(['single', 'multi']), householdSize: z.number().int(), formulaAmount: z.number() }),
});
