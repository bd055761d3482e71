import { StoreError } from '../shared/errors.js';
import { ExpiringMap } from '../store/expiring-map.js';
import { decodeJson, encodeJson } from '../store/json-codec.js';
import { startOfDutchDay } from './day-start.js';
import { HandoffError } from './handoff-error.js';
import { eventOf } from './handoff-events.js';
import {
  keepClosedMs,
  parseConversationId,
  parseEnqueueInput,
  parseOutcome,
  parseTicketId,
  parseVolunteerId,
  resolveQueueOptions,
  type EnqueueResult,
  type HandoffQueue,
  type HandoffQueueOptions,
  type QueueStats,
  type ResolvedQueueOptions,
} from './handoff-queue.js';
import { bandWidth, byClaimedAt, byClosedAtDesc, compareScored, urgencyRank, waitingScore } from './queue-order.js';
import { openSlot, openSlots, ticketSchema, type EnqueueInput, type Ticket, type TicketOutcome, type TicketState } from './ticket.js';
import { expectedWaitFrom, keepSamplesMs, maxSamples, medianWaitSince, type WaitSample } from './wait-samples.js';

interface StoredSample extends WaitSample {
  readonly id: string;
}

/**
 * Single-process queue with the same behaviour as RedisHandoffQueue (one contract suite). Each operation
 * runs without awaiting in between, so it is atomic in the one process that may use it. Tickets are kept as
 * JSON text (callers get copies) and expire `ticketTtlSeconds` after their last change, like the Redis hashes.
 */
export class MemoryHandoffQueue implements HandoffQueue {
  readonly kind = 'memory';
  readonly claimTimeoutSeconds: number;
  readonly #o: ResolvedQueueOptions;
  readonly #tickets: ExpiringMap<string>;
  /** id -> queue score (see queue-order.ts). */
  readonly #waiting = new Map<string, number>();
  /** id -> lease deadline (ms). */
  readonly #claimed = new Map<string, number>();
  /** id -> closing time (ms). */
  readonly #closed = new Map<string, number>();
  /** open slot (see openSlot) -> open ticket id. */
  readonly #open = new Map<string, string>();
  #samples: StoredSample[] = [];

  constructor(options: HandoffQueueOptions) {
    this.#o = resolveQueueOptions(options);
    this.claimTimeoutSeconds = this.#o.claimTimeoutMs / 1000;
    this.#tickets = new ExpiringMap(options.clock, this.#o.ticketTtlSeconds * 1000);
  }

  async enqueue(input: EnqueueInput, now = this.#o.clock.now()): Promise<EnqueueResult> {
    const parsed = parseEnqueueInput(input);
    const nowIso = now.toISOString();
    const slot = openSlot(parsed);
    const currentId = this.#open.get(slot);
    const current = currentId === undefined ? null : this.#read(currentId);
    if (currentId !== undefined && current && current.state !== 'closed') {
      if (urgencyRank(parsed.urgency) >= urgencyRank(current.urgency)) {
        this.#write(current);
        return { ticket: current, status: 'existing' };
      }
      const score = this.#waiting.get(currentId);
      if (current.state === 'waiting' && score !== undefined) {
        this.#waiting.set(currentId, score + (urgencyRank(parsed.urgency) - urgencyRank(current.urgency)) * bandWidth);
      }
      const raised = this.#write({ ...current, urgency: parsed.urgency, updatedAt: nowIso });
      await this.#o.publish(eventOf('raised', raised, null, now));
      return { ticket: raised, status: 'raised' };
    }
    const id = parseTicketId(this.#newFreeId());
    const ticket = this.#write({
      v: 1,
      id,
      kind: parsed.kind,
      state: 'waiting',
      urgency: parsed.urgency,
      conversationId: parsed.conversationId,
      channel: parsed.channel,
      locale: parsed.locale,
      reason: parsed.reason,
      summary: parsed.summary,
      meldingRef: parsed.meldingRef ?? null,
      createdAt: nowIso,
      waitingSince: nowIso,
      updatedAt: nowIso,
      claimedBy: null,
      claimedAt: null,
      leaseUntil: null,
      claims: 0,
      returns: 0,
      lastReturn: null,
      closedAt: null,
      closeReason: null,
      closedBy: null,
      outcome: null,
    });
    this.#open.set(slot, id);
    this.#waiting.set(id, waitingScore(ticket.urgency, now.getTime(), false));
    await this.#o.publish(eventOf('created', ticket, null, now));
    return { ticket, status: 'created' };
  }

  async claim(ticketId: string, volunteerId: string, now = this.#o.clock.now()): Promise<Ticket> {
    const id = parseTicketId(ticketId);
    const volunteer = parseVolunteerId(volunteerId);
    const ticket = this.#existing(id);
    if (ticket.state === 'closed') throw new HandoffError('TICKET_CLOSED', id);
    const lease = now.getTime() + this.#o.claimTimeoutMs;
    if (ticket.state === 'claimed') {
      if (ticket.claimedBy !== volunteer) throw new HandoffError('TICKET_CLAIMED', id);
      this.#claimed.set(id, lease);
      return this.#write({ ...ticket, leaseUntil: iso(lease) });
    }
    this.#waiting.delete(id);
    const claims = ticket.claims + 1;
    if (claims === 1) this.#addSample(id, now.getTime(), Date.parse(ticket.waitingSince));
    this.#claimed.set(id, lease);
    const claimed = this.#write({
      ...ticket,
      state: 'claimed',
      claimedBy: volunteer,
      claimedAt: now.toISOString(),
      leaseUntil: iso(lease),
      updatedAt: now.toISOString(),
      claims,
    });
    await this.#o.publish(eventOf('claimed', claimed, volunteer, now));
    return claimed;
  }

  async heartbeat(volunteerId: string, now = this.#o.clock.now()): Promise<string[]> {
    const volunteer = parseVolunteerId(volunteerId);
    const lease = now.getTime() + this.#o.claimTimeoutMs;
    const extended: string[] = [];
    for (const id of this.#claimedIds()) {
      const ticket = this.#read(id);
      if (ticket?.state !== 'claimed' || ticket.claimedBy !== volunteer) continue;
      this.#claimed.set(id, lease);
      this.#write({ ...ticket, leaseUntil: iso(lease) });
      extended.push(id);
    }
    return extended;
  }

  async release(ticketId: string, volunteerId: string, now = this.#o.clock.now()): Promise<Ticket> {
    const id = parseTicketId(ticketId);
    const volunteer = parseVolunteerId(volunteerId);
    const ticket = this.#held(id, volunteer);
    this.#claimed.delete(id);
    this.#waiting.set(id, waitingScore(ticket.urgency, Date.parse(ticket.waitingSince), false));
    const released = this.#write(backToWaiting(ticket, 'released', now));
    await this.#o.publish(eventOf('released', released, volunteer, now));
    return released;
  }

  async forceRelease(ticketId: string, now = this.#o.clock.now()): Promise<Ticket> {
    const id = parseTicketId(ticketId);
    const ticket = this.#existing(id);
    if (ticket.state === 'closed') throw new HandoffError('TICKET_CLOSED', id);
    if (ticket.state !== 'claimed' || ticket.claimedBy === null) throw new HandoffError('TICKET_NOT_HELD', id);
    return this.release(id, ticket.claimedBy, now);
  }

  async takeOver(ticketId: string, volunteerId: string, now = this.#o.clock.now()): Promise<Ticket> {
    const id = parseTicketId(ticketId);
    const volunteer = parseVolunteerId(volunteerId);
    const ticket = this.#existing(id);
    if (ticket.state !== 'claimed' || ticket.claimedBy === volunteer) return this.claim(id, volunteer, now);
    const lease = now.getTime() + this.#o.claimTimeoutMs;
    this.#claimed.set(id, lease);
    const taken = this.#write({
      ...ticket,
      claimedBy: volunteer,
      claimedAt: now.toISOString(),
      leaseUntil: iso(lease),
      updatedAt: now.toISOString(),
      claims: ticket.claims + 1,
    });
    await this.#o.publish(eventOf('claimed', taken, volunteer, now));
    return taken;
  }

  async close(ticketId: string, volunteerId: string, outcome: TicketOutcome, now = this.#o.clock.now()): Promise<Ticket> {
    const id = parseTicketId(ticketId);
    const volunteer = parseVolunteerId(volunteerId);
    const result = parseOutcome(outcome);
    const ticket = this.#held(id, volunteer);
    const closed = this.#finish(ticket, now, { closeReason: 'handled', closedBy: volunteer, outcome: result });
    await this.#o.publish(eventOf('closed', closed, volunteer, now));
    return closed;
  }

  async cancel(ticketId: string, now = this.#o.clock.now()): Promise<Ticket> {
    const id = parseTicketId(ticketId);
    const ticket = this.#existing(id);
    if (ticket.state === 'closed') return ticket;
    const cancelled = this.#finish(ticket, now, { closeReason: 'cancelled', closedBy: null, outcome: null });
    await this.#o.publish(eventOf('cancelled', cancelled, ticket.claimedBy, now));
    return cancelled;
  }

  async erase(ticketId: string, now = this.#o.clock.now()): Promise<boolean> {
    const id = parseTicketId(ticketId);
    const ticket = this.#read(id);
    this.#tickets.delete(id);
    this.#waiting.delete(id);
    this.#claimed.delete(id);
    this.#closed.delete(id);
    if (ticket === null) return false;
    if (this.#open.get(openSlot(ticket)) === id) this.#open.delete(openSlot(ticket));
    await this.#o.publish(eventOf('cancelled', { ...ticket, state: 'closed' }, null, now));
    return true;
  }

  async expireStale(now = this.#o.clock.now()): Promise<Ticket[]> {
    const due = [...this.#claimed]
      .filter(([, lease]) => lease <= now.getTime())
      .map(([id, lease]) => ({ id, score: lease }))
      .sort(compareScored);
    const expired: { ticket: Ticket; holder: string | null }[] = [];
    for (const { id } of due) {
      this.#claimed.delete(id);
      const ticket = this.#read(id);
      if (ticket?.state !== 'claimed') continue;
      this.#waiting.set(id, waitingScore(ticket.urgency, Date.parse(ticket.waitingSince), true));
      expired.push({ ticket: this.#write(backToWaiting(ticket, 'expired', now)), holder: ticket.claimedBy });
    }
    for (const { ticket, holder } of expired) await this.#o.publish(eventOf('expired', ticket, holder, now));
    return expired.map((e) => e.ticket);
  }

  async get(ticketId: string): Promise<Ticket | null> {
    return this.#read(parseTicketId(ticketId));
  }

  async byConversation(conversationId: string): Promise<Ticket | null> {
    return (await this.openByConversation(conversationId))[0] ?? null;
  }

  async openByConversation(conversationId: string): Promise<Ticket[]> {
    return openSlots(parseConversationId(conversationId))
      .map((slot) => this.#open.get(slot))
      .map((id) => (id === undefined ? null : this.#read(id)))
      .filter((t): t is Ticket => t !== null && t.state !== 'closed');
  }

  async list(state: TicketState, now = this.#o.clock.now()): Promise<Ticket[]> {
    if (state === 'waiting') {
      return this.#waitingOrder()
        .map((id) => this.#read(id))
        .filter((t): t is Ticket => t?.state === 'waiting');
    }
    if (state === 'claimed') {
      return this.#claimedIds()
        .map((id) => this.#read(id))
        .filter((t): t is Ticket => t?.state === 'claimed')
        .sort(byClaimedAt);
    }
    const from = startOfDutchDay(now).getTime();
    return [...this.#closed]
      .filter(([, closedMs]) => closedMs >= from)
      .map(([id]) => this.#read(id))
      .filter((t): t is Ticket => t?.state === 'closed')
      .sort(byClosedAtDesc);
  }

  async position(ticketId: string): Promise<number | null> {
    const index = this.#waitingOrder().indexOf(parseTicketId(ticketId));
    return index < 0 ? null : index + 1;
  }

  async expectedWaitSeconds(now = this.#o.clock.now()): Promise<number | null> {
    return expectedWaitFrom(this.#samples, now.getTime(), this.#o.waitSamples);
  }

  async stats(now = this.#o.clock.now()): Promise<QueueStats> {
    const closed = await this.list('closed', now);
    return {
      waiting: this.#waitingOrder().length,
      claimed: this.#claimedIds().length,
      handledToday: closed.filter((t) => t.closeReason === 'handled').length,
      cancelledToday: closed.filter((t) => t.closeReason === 'cancelled').length,
      medianWaitTodaySeconds: medianWaitSince(this.#samples, startOfDutchDay(now).getTime()),
    };
  }

  /** Waiting ids in queue order; ids whose ticket expired are dropped (as list() does on Redis). */
  #waitingOrder(): string[] {
    for (const id of this.#waiting.keys()) if (this.#read(id) === null) this.#waiting.delete(id);
    return [...this.#waiting].map(([id, score]) => ({ id, score })).sort(compareScored).map((e) => e.id);
  }

  #claimedIds(): string[] {
    for (const id of this.#claimed.keys()) if (this.#read(id) === null) this.#claimed.delete(id);
    return [...this.#claimed.keys()];
  }

  #finish(ticket: Ticket, now: Date, end: Pick<Ticket, 'closeReason' | 'closedBy' | 'outcome'>): Ticket {
    this.#waiting.delete(ticket.id);
    this.#claimed.delete(ticket.id);
    this.#closed.set(ticket.id, now.getTime());
    for (const [id, closedMs] of this.#closed) if (closedMs < now.getTime() - keepClosedMs) this.#closed.delete(id);
    if (this.#open.get(openSlot(ticket)) === ticket.id) this.#open.delete(openSlot(ticket));
    return this.#write({
      ...ticket,
      ...end,
      state: 'closed',
      closedAt: now.toISOString(),
      updatedAt: now.toISOString(),
      claimedBy: null,
      leaseUntil: null,
    });
  }

  /** The ticket if `volunteer` holds it; else the HandoffError a Redis script would answer. */
  #held(id: string, volunteer: string): Ticket {
    const ticket = this.#existing(id);
    if (ticket.state === 'closed') throw new HandoffError('TICKET_CLOSED', id);
    if (ticket.state !== 'claimed' || ticket.claimedBy !== volunteer) throw new HandoffError('TICKET_NOT_HELD', id);
    return ticket;
  }

  #existing(id: string): Ticket {
    const ticket = this.#read(id);
    if (ticket) return ticket;
    this.#waiting.delete(id);
    this.#claimed.delete(id);
    throw new HandoffError('TICKET_NOT_FOUND', id);
  }

  #addSample(id: string, claimedMs: number, waitingSinceMs: number): void {
    const kept = [...this.#samples, { id, claimedMs, waitMs: Math.max(0, claimedMs - waitingSinceMs) }]
      .filter((s) => s.claimedMs >= claimedMs - keepSamplesMs)
      .sort((a, b) => compareScored({ id: a.id, score: a.claimedMs }, { id: b.id, score: b.claimedMs }));
    this.#samples = kept.slice(-maxSamples);
  }

  #newFreeId(): string {
    for (let attempt = 0; attempt < 10; attempt++) {
      const id = this.#o.newId();
      if (this.#read(id) === null) return id;
    }
    throw new StoreError('STORE_CONFLICT', 'Could not find a free ticket id.');
  }

  #read(id: string): Ticket | null {
    const json = this.#tickets.get(id);
    return json === undefined ? null : ticketSchema.parse(decodeJson(json));
  }

  /** Stores (a copy of) the ticket and restarts its TTL. */
  #write(ticket: Ticket): Ticket {
    const json = encodeJson(ticketSchema.parse(ticket), 'The ticket');
    this.#tickets.set(ticket.id, json);
    return ticketSchema.parse(decodeJson(json));
  }
}

function backToWaiting(ticket: Ticket, reason: 'released' | 'expired', now: Date): Ticket {
  return {
    ...ticket,
    state: 'waiting',
    lastReturn: reason,
    returns: ticket.returns + 1,
    claimedBy: null,
    claimedAt: null,
    leaseUntil: null,
    updatedAt: now.toISOString(),
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
