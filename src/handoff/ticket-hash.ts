import { z } from 'zod/v4';
import { HuurhulpError } from '../shared/errors.js';
import { decodeJson, encodeJson } from '../store/json-codec.js';
import { ticketSchema, type Ticket } from './ticket.js';

/**
 * A ticket in Redis is one hash. What never changes (kind, channel, locale, reason, summary, ...) is one JSON
 * field `doc`, written once; what the Lua scripts change is kept in plain fields (times in ms), so the scripts
 * never decode or re-encode what the person told the bot. A missing optional field means null.
 */
const docSchema = ticketSchema.pick({
  kind: true,
  channel: true,
  locale: true,
  reason: true,
  summary: true,
  meldingRef: true,
  createdAt: true,
});
export type TicketDoc = z.infer<typeof docSchema>;

const ms = z.string().regex(/^\d{1,15}$/).transform(Number);
const count = z.string().regex(/^\d{1,9}$/).transform(Number);

const hashSchema = z.object({
  v: z.literal('1'),
  id: z.string(),
  conversationId: z.string(),
  doc: z.string(),
  state: z.string(),
  urgency: z.string(),
  waitingSince: ms,
  updatedAt: ms,
  claims: count,
  returns: count,
  lastReturn: z.string().optional(),
  claimedBy: z.string().optional(),
  claimedAt: ms.optional(),
  leaseUntil: ms.optional(),
  closedAt: ms.optional(),
  closedBy: z.string().optional(),
  closeReason: z.string().optional(),
  outcome: z.string().optional(),
});

export function encodeTicketDoc(doc: TicketDoc): string {
  return encodeJson(docSchema.parse(doc), 'The ticket');
}

/** HGETALL as a flat [field, value, ...] array (what a Lua script returns) to a record. */
export function recordFromFlat(flat: readonly string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const field = flat[i];
    const value = flat[i + 1];
    if (field !== undefined && value !== undefined) record[field] = value;
  }
  return record;
}

/** The ticket, or null for an empty hash (no such ticket). Throws INTERNAL for a hash that is not a ticket. */
export function ticketFromHash(fields: Readonly<Record<string, string>>): Ticket | null {
  if (Object.keys(fields).length === 0) return null;
  const hash = hashSchema.safeParse(fields);
  if (!hash.success) throw unreadable();
  const h = hash.data;
  const doc = docSchema.safeParse(decodeDoc(h.doc));
  if (!doc.success) throw unreadable();
  const iso = (value: number | undefined): string | null => (value === undefined ? null : new Date(value).toISOString());
  const ticket = ticketSchema.safeParse({
    v: 1,
    id: h.id,
    ...doc.data,
    conversationId: h.conversationId,
    state: h.state,
    urgency: h.urgency,
    waitingSince: iso(h.waitingSince),
    updatedAt: iso(h.updatedAt),
    claimedBy: h.claimedBy ?? null,
    claimedAt: iso(h.claimedAt),
    leaseUntil: iso(h.leaseUntil),
    claims: h.claims,
    returns: h.returns,
    lastReturn: h.lastReturn ?? null,
    closedAt: iso(h.closedAt),
    closeReason: h.closeReason ?? null,
    closedBy: h.closedBy ?? null,
    outcome: h.outcome ?? null,
  });
  if (!ticket.success) throw unreadable();
  return ticket.data;
}

function decodeDoc(text: string): unknown {
  try {
    return decodeJson(text);
  } catch {
    return null;
  }
}

function unreadable(): HuurhulpError {
  // No field values in the message: they may hold what the person said.
  return new HuurhulpError('INTERNAL', 'A stored handoff ticket is unreadable.');
}
