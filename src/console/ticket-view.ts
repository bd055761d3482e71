import type { Ticket } from '../handoff/ticket.js';

/** A ticket as the console page gets it: what a volunteer needs to choose and help, nothing internal. */
export interface TicketView {
  readonly id: string;
  readonly kind: Ticket['kind'];
  readonly urgency: Ticket['urgency'];
  readonly state: Ticket['state'];
  readonly conversationId: string;
  readonly channel: string;
  readonly locale: Ticket['locale'];
  readonly reason: string;
  readonly waitingSince: string;
  /** The bot's answers, so the volunteer never asks again. */
  readonly summary: Ticket['summary'];
  /** How often it went back to the queue, and why the last time (a returning person may need extra care). */
  readonly returns: number;
  readonly lastReturn: Ticket['lastReturn'];
  /** `melding` tickets only. */
  readonly meldingRef?: string;
  /** Claimed tickets only. */
  readonly claimedBy?: string;
  readonly claimedAt?: string;
  readonly leaseUntil?: string;
  /** Closed tickets only. */
  readonly closedAt?: string;
  readonly closedBy?: string | null;
  readonly closeReason?: Ticket['closeReason'];
  readonly outcome?: Ticket['outcome'];
}

export function ticketView(t: Ticket): TicketView {
  return {
    id: t.id,
    kind: t.kind,
    urgency: t.urgency,
    state: t.state,
    conversationId: t.conversationId,
    channel: t.channel,
    locale: t.locale,
    reason: t.reason,
    waitingSince: t.waitingSince,
    summary: t.summary,
    returns: t.returns,
    lastReturn: t.lastReturn,
    ...(t.kind === 'melding' && t.meldingRef !== null ? { meldingRef: t.meldingRef } : {}),
    ...(t.state === 'claimed' && t.claimedBy !== null
      ? { claimedBy: t.claimedBy, ...(t.claimedAt !== null ? { claimedAt: t.claimedAt } : {}), ...(t.leaseUntil !== null ? { leaseUntil: t.leaseUntil } : {}) }
      : {}),
    ...(t.state === 'closed' && t.closedAt !== null ? { closedAt: t.closedAt, closedBy: t.closedBy, closeReason: t.closeReason, outcome: t.outcome } : {}),
  };
}
