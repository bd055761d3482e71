import { z } from 'zod/v4';
import { StoreError } from '../shared/errors.js';
import type { RedisClient } from '../store/connect-redis.js';
import type { StoreKeys } from '../store/store-keys.js';
import { startOfDutchDay } from './day-start.js';
import { HandoffError } from './handoff-error.js';
import { eventOf } from './handoff-events.js';
import {
  keepClosedMs,
  parseEnqueueInput,
  parseOutcome,
  parseConversationId,
  parseTicketId,
  parseVolunteerId,
  resolveQueueOptions,
  type EnqueueResult,
  type HandoffQueue,
  type HandoffQueueOptions,
  type QueueStats,
  type ResolvedQueueOptions,
} from './handoff-queue.js';
import { byClaimedAt, byClosedAtDesc } from './queue-order.js';
import { cancelScript, claimScript, closeScript, enqueueScript, eraseScript, expireScript, heartbeatScript, releaseScript } from './handoff-scripts.js';
import { openSlot, openSlots, type EnqueueInput, type Ticket, type TicketOutcome, type TicketState } from './ticket.js';
import { encodeTicketDoc, recordFromFlat, ticketFromHash } from './ticket-hash.js';
import { expectedWaitFrom, keepSamplesMs, maxSamples, medianWaitSince, type WaitSample } from './wait-samples.js';

export interface RedisHandoffQueueOptions extends HandoffQueueOptions {
  readonly client: RedisClient;
  readonly keys: StoreKeys;
}

const stepReply = z.tuple([z.string()]).rest(z.unknown());
const hashReply = z.array(z.string());
const expiredReply = z.array(z.tuple([z.string(), hashReply]));
const maxEnqueueAttempts = 10;

interface Step {
  readonly status: string;
  readonly ticket: Ticket | null;
  /** A third string some scripts return (the former holder). */
  readonly extra: string;
}

/** The queue on Redis: every state change is one Lua script (see handoff-scripts.ts), so any number of processes can share it. */
export class RedisHandoffQueue implements HandoffQueue {
  readonly kind = 'redis';
  readonly claimTimeoutSeconds: number;
  readonly #client: RedisClient;
  readonly #keys: StoreKeys;
  readonly #o: ResolvedQueueOptions;
  readonly #ttl: string;

  constructor(options: RedisHandoffQueueOptions) {
    this.#client = options.client;
    this.#keys = options.keys;
    this.#o = resolveQueueOptions(options);
    this.claimTimeoutSeconds = this.#o.claimTimeoutMs / 1000;
    this.#ttl = String(this.#o.ticketTtlSeconds);
  }

  async enqueue(input: EnqueueInput, now = this.#o.clock.now()): Promise<EnqueueResult> {
    const parsed = parseEnqueueInput(input);
    const doc = encodeTicketDoc({
      kind: parsed.kind,
      channel: parsed.channel,
      locale: parsed.locale,
      reason: parsed.reason,
      summary: parsed.summary,
      meldingRef: parsed.meldingRef ?? null,
      createdAt: now.toISOString(),
    });
    const k = this.#keys;
    const slot = openSlot(parsed);
    for (let attempt = 0; attempt < maxEnqueueAttempts; attempt++) {
      const current = (await this.#client.hGet(k.handoffOpen, slot)) ?? '';
      const id = this.#o.newId();
      const step = await this.#run(enqueueScript, [k.handoffOpen, k.handoffTicket(current || id), k.handoffWaiting], [
        current,
        parsed.conversationId,
        id,
        doc,
        parsed.urgency,
        ms(now),
        this.#ttl,
        slot,
      ]);
      if (step.status === 'retry') continue;
      const ticket = expectTicket(step, id);
      if (step.status === 'created' || step.status === 'raised') {
        await this.#o.publish(eventOf(step.status, ticket, null, now));
        return { ticket, status: step.status };
      }
      return { ticket, status: 'existing' };
    }
    throw new StoreError('STORE_CONFLICT', 'The handoff queue kept changing; please try again.');
  }

  async claim(ticketId: string, volunteerId: string, now = this.#o.clock.now()): Promise<Ticket> {
    const id = parseTicketId(ticketId);
    const volunteer = parseVolunteerId(volunteerId);
    const step = await this.#claimStep(id, volunteer, now, false);
    throwForStatus(step.status, id);
    const ticket = expectTicket(step, id);
    if (step.status === 'ok') await this.#o.publish(eventOf('claimed', ticket, volunteer, now));
    return ticket;
  }

  #claimStep(id: string, volunteer: string, now: Date, takeOver: boolean): Promise<Step> {
    const k = this.#keys;
    return this.#run(claimScript, [k.handoffTicket(id), k.handoffWaiting, k.handoffClaimed, k.handoffWaits], [
      id,
      volunteer,
      ms(now),
      String(now.getTime() + this.#o.claimTimeoutMs),
      this.#ttl,
      String(now.getTime() - keepSamplesMs),
      String(maxSamples),
      takeOver ? '1' : '0',
    ]);
  }

  async heartbeat(volunteerId: string, now = this.#o.clock.now()): Promise<string[]> {
    const volunteer = parseVolunteerId(volunteerId);
    // Candidates are read first, so the script gets every key it touches; it re-checks each one.
    const ids = await this.#client.zRange(this.#keys.handoffClaimed, 0, -1);
    if (ids.length === 0) return [];
    const reply = await this.#client.eval(heartbeatScript, {
      keys: [this.#keys.handoffClaimed, ...ids.map((id) => this.#keys.handoffTicket(id))],
      arguments: [volunteer, String(now.getTime() + this.#o.claimTimeoutMs), this.#ttl, ...ids],
    });
    return parseReply(hashReply, reply);
  }

  async release(ticketId: string, volunteerId: string, now = this.#o.clock.now()): Promise<Ticket> {
    const id = parseTicketId(ticketId);
    const volunteer = parseVolunteerId(volunteerId);
    const k = this.#keys;
    const step = await this.#run(releaseScript, [k.handoffTicket(id), k.handoffWaiting, k.handoffClaimed], [id, volunteer, ms(now), this.#ttl]);
    throwForStatus(step.status, id);
    const ticket = expectTicket(step, id);
    await this.#o.publish(eventOf('released', ticket, volunteer, now));
    return ticket;
  }

  async forceRelease(ticketId: string, now = this.#o.clock.now()): Promise<Ticket> {
    const id = parseTicketId(ticketId);
    const k = this.#keys;
    const step = await this.#run(releaseScript, [k.handoffTicket(id), k.handoffWaiting, k.handoffClaimed], [id, '-', ms(now), this.#ttl, '1']);
    throwForStatus(step.status, id);
    const ticket = expectTicket(step, id);
    await this.#o.publish(eventOf('released', ticket, step.extra || null, now));
    return ticket;
  }

  async takeOver(ticketId: string, volunteerId: string, now = this.#o.clock.now()): Promise<Ticket> {
    const id = parseTicketId(ticketId);
    const volunteer = parseVolunteerId(volunteerId);
    const step = await this.#claimStep(id, volunteer, now, true);
    throwForStatus(step.status, id);
    const ticket = expectTicket(step, id);
    if (step.status === 'ok' || step.status === 'taken') await this.#o.publish(eventOf('claimed', ticket, volunteer, now));
    return ticket;
  }

  async close(ticketId: string, volunteerId: string, outcome: TicketOutcome, now = this.#o.clock.now()): Promise<Ticket> {
    const id = parseTicketId(ticketId);
    const volunteer = parseVolunteerId(volunteerId);
    const k = this.#keys;
    const step = await this.#run(closeScript, [k.handoffTicket(id), k.handoffClaimed, k.handoffClosed, k.handoffOpen], [
      id,
      volunteer,
      parseOutcome(outcome),
      ms(now),
      this.#ttl,
      String(now.getTime() - keepClosedMs),
    ]);
    throwForStatus(step.status, id);
    const ticket = expectTicket(step, id);
    await this.#o.publish(eventOf('closed', ticket, volunteer, now));
    return ticket;
  }

  async cancel(ticketId: string, now = this.#o.clock.now()): Promise<Ticket> {
    const id = parseTicketId(ticketId);
    const k = this.#keys;
    const step = await this.#run(
      cancelScript,
      [k.handoffTicket(id), k.handoffWaiting, k.handoffClaimed, k.handoffClosed, k.handoffOpen],
      [id, ms(now), this.#ttl, String(now.getTime() - keepClosedMs)],
    );
    if (step.status === 'not_found') throw new HandoffError('TICKET_NOT_FOUND', id);
    const ticket = expectTicket(step, id);
    if (step.status === 'ok') await this.#o.publish(eventOf('cancelled', ticket, step.extra || null, now));
    return ticket;
  }

  async erase(ticketId: string, now = this.#o.clock.now()): Promise<boolean> {
    const id = parseTicketId(ticketId);
    const k = this.#keys;
    const step = await this.#run(eraseScript, [k.handoffTicket(id), k.handoffWaiting, k.handoffClaimed, k.handoffClosed, k.handoffOpen], [id]);
    if (step.status !== 'ok') return false;
    const ticket = expectTicket(step, id);
    await this.#o.publish(eventOf('cancelled', { ...ticket, state: 'closed' }, null, now));
    return true;
  }

  async expireStale(now = this.#o.clock.now()): Promise<Ticket[]> {
    const k = this.#keys;
    const ids = await this.#client.zRange(k.handoffClaimed, '-inf', now.getTime(), { BY: 'SCORE' });
    if (ids.length === 0) return [];
    const reply = await this.#client.eval(expireScript, {
      keys: [k.handoffWaiting, k.handoffClaimed, ...ids.map((id) => k.handoffTicket(id))],
      arguments: [ms(now), this.#ttl, ...ids],
    });
    const expired: Ticket[] = [];
    for (const [holder, flat] of parseReply(expiredReply, reply)) {
      const ticket = ticketFromHash(recordFromFlat(flat));
      if (!ticket) continue;
      expired.push(ticket);
      await this.#o.publish(eventOf('expired', ticket, holder || null, now));
    }
    return expired;
  }

  async get(ticketId: string): Promise<Ticket | null> {
    return ticketFromHash(await this.#client.hGetAll(this.#keys.handoffTicket(parseTicketId(ticketId))));
  }

  async byConversation(conversationId: string): Promise<Ticket | null> {
    return (await this.openByConversation(conversationId))[0] ?? null;
  }

  async openByConversation(conversationId: string): Promise<Ticket[]> {
    const ids = await this.#client.hmGet(this.#keys.handoffOpen, [...openSlots(parseConversationId(conversationId))]);
    const tickets = await this.#fetch(ids.filter((id): id is string => typeof id === 'string' && id !== ''));
    return tickets.filter((t): t is Ticket => t !== null && t.state !== 'closed' && t.conversationId === conversationId);
  }

  async list(state: TicketState, now = this.#o.clock.now()): Promise<Ticket[]> {
    const k = this.#keys;
    if (state === 'waiting') {
      const ids = await this.#client.zRange(k.handoffWaiting, 0, -1);
      const tickets = await this.#fetch(ids);
      // A ticket whose hash expired while it waited leaves its id behind; drop it now.
      const gone = ids.filter((_, i) => tickets[i] === null);
      if (gone.length > 0) await this.#client.zRem(k.handoffWaiting, gone);
      return tickets.filter((t): t is Ticket => t?.state === 'waiting');
    }
    if (state === 'claimed') {
      const tickets = await this.#fetch(await this.#client.zRange(k.handoffClaimed, 0, -1));
      return tickets.filter((t): t is Ticket => t?.state === 'claimed').sort(byClaimedAt);
    }
    const ids = await this.#client.zRange(k.handoffClosed, startOfDutchDay(now).getTime(), '+inf', { BY: 'SCORE' });
    const tickets = await this.#fetch(ids);
    return tickets.filter((t): t is Ticket => t?.state === 'closed').sort(byClosedAtDesc);
  }

  async position(ticketId: string): Promise<number | null> {
    const rank = await this.#client.zRank(this.#keys.handoffWaiting, parseTicketId(ticketId));
    return rank === null ? null : rank + 1;
  }

  async expectedWaitSeconds(now = this.#o.clock.now()): Promise<number | null> {
    const from = now.getTime() - this.#o.waitSamples.windowSeconds * 1000;
    return expectedWaitFrom(await this.#samples(from), now.getTime(), this.#o.waitSamples);
  }

  async stats(now = this.#o.clock.now()): Promise<QueueStats> {
    const k = this.#keys;
    const dayStart = startOfDutchDay(now).getTime();
    const [waiting, claimed, closed, samples] = await Promise.all([
      this.#client.zCard(k.handoffWaiting),
      this.#client.zCard(k.handoffClaimed),
      this.list('closed', now),
      this.#samples(dayStart),
    ]);
    return {
      waiting,
      claimed,
      handledToday: closed.filter((t) => t.closeReason === 'handled').length,
      cancelledToday: closed.filter((t) => t.closeReason === 'cancelled').length,
      medianWaitTodaySeconds: medianWaitSince(samples, dayStart),
    };
  }

  async #samples(fromMs: number): Promise<WaitSample[]> {
    const entries = await this.#client.zRangeWithScores(this.#keys.handoffWaits, fromMs, '+inf', { BY: 'SCORE' });
    return entries.flatMap((entry) => {
      const waitMs = Number(entry.value.slice(entry.value.lastIndexOf(':') + 1));
      return Number.isFinite(waitMs) ? [{ claimedMs: entry.score, waitMs }] : [];
    });
  }

  async #fetch(ids: readonly string[]): Promise<(Ticket | null)[]> {
    // Issued in one tick, so node-redis sends them as one pipeline.
    return Promise.all(ids.map(async (id) => ticketFromHash(await this.#client.hGetAll(this.#keys.handoffTicket(id)))));
  }

  async #run(script: string, keys: string[], args: string[]): Promise<Step> {
    const [status, hash, extra] = parseReply(stepReply, await this.#client.eval(script, { keys, arguments: args }));
    const flat = hash === undefined ? null : parseReply(hashReply, hash);
    return {
      status,
      ticket: flat ? ticketFromHash(recordFromFlat(flat)) : null,
      extra: typeof extra === 'string' ? extra : '',
    };
  }
}

function ms(date: Date): string {
  return String(date.getTime());
}

function throwForStatus(status: string, id: string): void {
  if (status === 'not_found') throw new HandoffError('TICKET_NOT_FOUND', id);
  if (status === 'closed') throw new HandoffError('TICKET_CLOSED', id);
  if (status === 'claimed') throw new HandoffError('TICKET_CLAIMED', id);
  if (status === 'not_held') throw new HandoffError('TICKET_NOT_HELD', id);
}

function expectTicket(step: Step, id: string): Ticket {
  if (!step.ticket) throw new StoreError('STORE_UNAVAILABLE', `Unexpected reply from a handoff script for ticket ${id}.`);
  return step.ticket;
}

function parseReply<T extends z.ZodType>(schema: T, reply: unknown): z.output<T> {
  const parsed = schema.safeParse(reply);
  if (!parsed.success) throw new StoreError('STORE_UNAVAILABLE', 'Unexpected reply from a handoff script.');
  return parsed.data;
}
