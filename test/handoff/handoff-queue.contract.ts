import { describe, expect, test } from 'vitest';
import { HandoffError } from '../../src/handoff/handoff-error.js';
import type { HandoffEvent, HandoffEvents } from '../../src/handoff/handoff-events.js';
import type { HandoffQueue, HandoffQueueOptions } from '../../src/handoff/handoff-queue.js';
import type { EnqueueInput, Ticket } from '../../src/handoff/ticket.js';
import { HuurhulpError } from '../../src/shared/errors.js';
import type { ManualClock } from '../helpers/manual-clock.js';
import { waitFor } from '../helpers/wait-for.js';

export interface HandoffQueueFixture {
  readonly queue: HandoffQueue;
  /** A second handle on the same queue (another connection for Redis), to play a second process. */
  readonly peer: HandoffQueue;
  /** The clock both handles read when a method gets no `now`. */
  readonly clock: ManualClock;
  /** Subscribes to what the queue publishes (for Redis: on another connection). */
  readonly listener: HandoffEvents;
}

export type OpenHandoffQueue = (
  options: Pick<HandoffQueueOptions, 'claimTimeoutSeconds' | 'ticketTtlSeconds' | 'waitSamples'>,
) => Promise<HandoffQueueFixture>;

const second = 1000;
const minute = 60 * second;

export function chatInput(conversationId: string, overrides: Partial<EnqueueInput> = {}): EnqueueInput {
  return {
    kind: 'chat',
    conversationId,
    channel: 'web',
    locale: 'nl',
    urgency: 'normal',
    reason: 'asked_for_human',
    summary: { who: 'tenant', phase: 3, arrears_amount: 1250.5, eviction_date: '2026-01-12', children: true, note: 'één "quote" € / \\' },
    ...overrides,
  };
}

/** The HandoffError code of a rejected promise (fails the test when it resolves or throws something else). */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof HuurhulpError)) throw new Error(`expected a HuurhulpError, got ${String(error)}`);
  return error.code;
}

function ids(tickets: readonly Ticket[]): string[] {
  return tickets.map((t) => t.id);
}

/** One suite, run against every HandoffQueue implementation. */
export function handoffQueueContract(name: string, open: OpenHandoffQueue): void {
  describe(`HandoffQueue contract (${name})`, () => {
    test('enqueue creates a waiting ticket with everything the volunteer needs', async () => {
      const { queue, clock } = await open({});
      const input = chatInput('conv-1', { urgency: 'urgent', reason: 'eviction_near', channel: 'web', locale: 'en' });
      const { ticket, status } = await queue.enqueue(input);
      expect(status).toBe('created');
      const now = clock.now().toISOString();
      expect(ticket).toEqual({
        v: 1,
        id: ticket.id,
        kind: 'chat',
        state: 'waiting',
        urgency: 'urgent',
        conversationId: 'conv-1',
        channel: 'web',
        locale: 'en',
        reason: 'eviction_near',
        summary: input.summary,
        meldingRef: null,
        createdAt: now,
        waitingSince: now,
        updatedAt: now,
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
      expect(await queue.get(ticket.id)).toEqual(ticket);
      expect(await queue.byConversation('conv-1')).toEqual(ticket);
      expect(await queue.position(ticket.id)).toBe(1);
      expect(await queue.get('no-such-ticket')).toBeNull();
      expect(await queue.byConversation('conv-without-ticket')).toBeNull();
    });

    test('a melding ticket keeps its reference code', async () => {
      const { queue } = await open({});
      const { ticket } = await queue.enqueue(chatInput('rel-1', { kind: 'melding', meldingRef: 'HH-7K2P-9QXM', reason: 'melding' }));
      expect(ticket).toMatchObject({ kind: 'melding', meldingRef: 'HH-7K2P-9QXM' });
      expect((await queue.get(ticket.id))?.meldingRef).toBe('HH-7K2P-9QXM');
    });

    test('waiting order: crisis before urgent before soon before normal, then oldest first', async () => {
      const { queue, clock } = await open({});
      const made: Record<string, string> = {};
      for (const [conversation, urgency] of [
        ['n1', 'normal'],
        ['s1', 'soon'],
        ['u1', 'urgent'],
        ['c1', 'crisis'],
        ['n2', 'normal'],
        ['u2', 'urgent'],
        ['c2', 'crisis'],
        ['s2', 'soon'],
      ] as const) {
        made[conversation] = (await queue.enqueue(chatInput(conversation, { urgency }))).ticket.id;
        clock.advance(second);
      }
      const expected = ['c1', 'c2', 'u1', 'u2', 's1', 's2', 'n1', 'n2'];
      const waiting = await queue.list('waiting');
      expect(waiting.map((t) => t.conversationId)).toEqual(expected);
      for (const [index, conversation] of expected.entries()) {
        expect(await queue.position(made[conversation] ?? '')).toBe(index + 1);
      }
    });

    test('one open ticket per conversation: enqueue again returns it, raising the urgency only upwards', async () => {
      const { queue, peer, clock } = await open({});
      const first = (await queue.enqueue(chatInput('same', { urgency: 'normal' }))).ticket;
      clock.advance(second);
      const other = (await queue.enqueue(chatInput('other', { urgency: 'urgent' }))).ticket;
      clock.advance(second);

      const again = await peer.enqueue(chatInput('same', { urgency: 'normal', reason: 'crisis' }));
      expect(again.status).toBe('existing');
      expect(again.ticket).toEqual(first);
      expect(await queue.list('waiting')).toHaveLength(2);

      // Raised to the other ticket's band: it waited longer, so it goes first there.
      clock.advance(second);
      const raised = await queue.enqueue(chatInput('same', { urgency: 'urgent' }));
      expect(raised.status).toBe('raised');
      expect(raised.ticket).toMatchObject({ id: first.id, urgency: 'urgent', waitingSince: first.waitingSince, reason: first.reason });
      expect(raised.ticket.updatedAt).toBe(clock.now().toISOString());
      expect(ids(await queue.list('waiting'))).toEqual([first.id, other.id]);

      // A lower urgency never lowers it.
      const lower = await queue.enqueue(chatInput('same', { urgency: 'soon' }));
      expect(lower.status).toBe('existing');
      expect(lower.ticket.urgency).toBe('urgent');
      expect(await queue.position(first.id)).toBe(1);
    });

    test('a claimed ticket is also returned (and raised) instead of a duplicate', async () => {
      const { queue } = await open({});
      const { ticket } = await queue.enqueue(chatInput('busy'));
      await queue.claim(ticket.id, 'vol-a');
      const again = await queue.enqueue(chatInput('busy', { urgency: 'crisis' }));
      expect(again.status).toBe('raised');
      expect(again.ticket).toMatchObject({ id: ticket.id, state: 'claimed', urgency: 'crisis', claimedBy: 'vol-a' });
      expect(await queue.list('waiting')).toEqual([]);
    });

    test('a live chat and a follow-up (melding) of one conversation are two open tickets (#11 finding 9)', async () => {
      const { queue } = await open({});
      const melding = (await queue.enqueue(chatInput('both', { kind: 'melding', meldingRef: 'HH-7K2P-9QXM', reason: 'melding' }))).ticket;
      const chat = await queue.enqueue(chatInput('both'));
      expect(chat.status).toBe('created');
      expect(chat.ticket.id).not.toBe(melding.id);
      expect((await queue.byConversation('both'))?.id).toBe(chat.ticket.id);
      expect(ids(await queue.openByConversation('both'))).toEqual([chat.ticket.id, melding.id]);
      // A callback request is a follow-up too: the open melding is returned, not a third ticket.
      expect((await queue.enqueue(chatInput('both', { reason: 'callback' }))).ticket.id).toBe(melding.id);
      await queue.cancel(chat.ticket.id);
      expect((await queue.byConversation('both'))?.id).toBe(melding.id);
      expect(await queue.erase(melding.id)).toBe(true);
      expect(await queue.openByConversation('both')).toEqual([]);
    });

    test('forceRelease and takeOver move an abandoned claim at once, in one step each (#11 finding 10)', async () => {
      const { queue } = await open({ claimTimeoutSeconds: 120 });
      const { ticket } = await queue.enqueue(chatInput('abandoned'));
      expect(await codeOf(queue.forceRelease(ticket.id))).toBe('TICKET_NOT_HELD');
      await queue.claim(ticket.id, 'vol-a');
      const back = await queue.forceRelease(ticket.id);
      expect(back).toMatchObject({ state: 'waiting', claimedBy: null, lastReturn: 'released' });
      expect(await queue.position(ticket.id)).toBe(1);
      await queue.claim(ticket.id, 'vol-a');
      const taken = await queue.takeOver(ticket.id, 'coord');
      expect(taken).toMatchObject({ state: 'claimed', claimedBy: 'coord', claims: 3 });
      expect(await codeOf(queue.release(ticket.id, 'vol-a'))).toBe('TICKET_NOT_HELD');
      expect(await queue.heartbeat('coord')).toEqual([ticket.id]);
      expect(await queue.heartbeat('vol-a')).toEqual([]);
      // Taking over a waiting ticket is a plain claim.
      const other = (await queue.enqueue(chatInput('waiting-one'))).ticket;
      expect(await queue.takeOver(other.id, 'coord')).toMatchObject({ state: 'claimed', claimedBy: 'coord' });
      await queue.close(ticket.id, 'coord', 'helped');
      expect(await codeOf(queue.takeOver(ticket.id, 'coord'))).toBe('TICKET_CLOSED');
    });

    test('after the ticket is closed, a new handoff of the conversation makes a new ticket', async () => {
      const { queue } = await open({});
      const first = (await queue.enqueue(chatInput('twice'))).ticket;
      await queue.claim(first.id, 'vol-a');
      await queue.close(first.id, 'vol-a', 'helped');
      const second = await queue.enqueue(chatInput('twice'));
      expect(second.status).toBe('created');
      expect(second.ticket.id).not.toBe(first.id);
      expect((await queue.byConversation('twice'))?.id).toBe(second.ticket.id);
    });

    test('claim: the ticket leaves the waiting list, holds a lease, and a second volunteer gets 409', async () => {
      const { queue, peer, clock } = await open({ claimTimeoutSeconds: 120 });
      const { ticket } = await queue.enqueue(chatInput('claim-me'));
      const other = (await queue.enqueue(chatInput('still-waiting'))).ticket;
      clock.advance(30 * second);
      const claimed = await queue.claim(ticket.id, 'vol-a');
      const now = clock.now().getTime();
      expect(claimed).toMatchObject({
        state: 'claimed',
        claimedBy: 'vol-a',
        claimedAt: new Date(now).toISOString(),
        leaseUntil: new Date(now + 120 * second).toISOString(),
        claims: 1,
        updatedAt: new Date(now).toISOString(),
      });
      expect(await queue.get(ticket.id)).toEqual(claimed);
      expect(ids(await queue.list('waiting'))).toEqual([other.id]);
      expect(ids(await queue.list('claimed'))).toEqual([ticket.id]);
      expect(await queue.position(ticket.id)).toBeNull();
      expect(await queue.position(other.id)).toBe(1);

      const conflict: unknown = await peer.claim(ticket.id, 'vol-b').catch((e: unknown) => e);
      expect(conflict).toBeInstanceOf(HandoffError);
      expect(conflict).toMatchObject({ code: 'TICKET_CLAIMED', status: 409, ticketId: ticket.id });
      expect((await queue.get(ticket.id))?.claimedBy).toBe('vol-a');
    });

    test('claiming a ticket you already hold only extends the lease', async () => {
      const { queue, clock } = await open({ claimTimeoutSeconds: 60 });
      const { ticket } = await queue.enqueue(chatInput('mine'));
      const claimed = await queue.claim(ticket.id, 'vol-a');
      clock.advance(40 * second);
      const again = await queue.claim(ticket.id, 'vol-a');
      expect(again).toEqual({ ...claimed, leaseUntil: new Date(clock.now().getTime() + 60 * second).toISOString() });
    });

    test('claim of an unknown or closed ticket', async () => {
      const { queue } = await open({});
      const missing: unknown = await queue.claim('nope', 'vol-a').catch((e: unknown) => e);
      expect(missing).toMatchObject({ code: 'TICKET_NOT_FOUND', status: 404 });
      const { ticket } = await queue.enqueue(chatInput('gone'));
      await queue.cancel(ticket.id);
      expect(await codeOf(queue.claim(ticket.id, 'vol-a'))).toBe('TICKET_CLOSED');
    });

    test('release: only the holder; the ticket goes back to its place by waiting time', async () => {
      const { queue, peer, clock } = await open({});
      const early = (await queue.enqueue(chatInput('early'))).ticket;
      clock.advance(second);
      const middle = (await queue.enqueue(chatInput('middle'))).ticket;
      clock.advance(second);
      const late = (await queue.enqueue(chatInput('late'))).ticket;
      await queue.claim(middle.id, 'vol-a');
      clock.advance(minute);

      expect(await codeOf(peer.release(middle.id, 'vol-b'))).toBe('TICKET_NOT_HELD');
      expect(await codeOf(queue.release(early.id, 'vol-a'))).toBe('TICKET_NOT_HELD');
      expect(await codeOf(queue.release('nope', 'vol-a'))).toBe('TICKET_NOT_FOUND');

      const released = await peer.release(middle.id, 'vol-a');
      expect(released).toMatchObject({
        state: 'waiting',
        claimedBy: null,
        claimedAt: null,
        leaseUntil: null,
        lastReturn: 'released',
        returns: 1,
        claims: 1,
        waitingSince: middle.waitingSince,
        updatedAt: clock.now().toISOString(),
      });
      expect(ids(await queue.list('waiting'))).toEqual([early.id, middle.id, late.id]);
      expect(await queue.list('claimed')).toEqual([]);
      // Someone else may take it now.
      expect((await queue.claim(middle.id, 'vol-b')).claims).toBe(2);
    });

    test('close: the holder closes with an outcome; it leaves the queue and shows under closed today', async () => {
      const { queue, peer, clock } = await open({});
      const { ticket } = await queue.enqueue(chatInput('done'));
      expect(await codeOf(queue.close(ticket.id, 'vol-a', 'helped'))).toBe('TICKET_NOT_HELD');
      await queue.claim(ticket.id, 'vol-a');
      clock.advance(5 * minute);
      expect(await codeOf(peer.close(ticket.id, 'vol-b', 'helped'))).toBe('TICKET_NOT_HELD');
      expect(await codeOf(queue.close(ticket.id, 'vol-a', 'nonsense' as never))).toBe('VALIDATION_FAILED');

      const closed = await peer.close(ticket.id, 'vol-a', 'callback_planned');
      expect(closed).toMatchObject({
        state: 'closed',
        outcome: 'callback_planned',
        closeReason: 'handled',
        closedBy: 'vol-a',
        closedAt: clock.now().toISOString(),
        claimedBy: null,
        leaseUntil: null,
      });
      expect(closed.claimedAt).not.toBeNull();
      expect(await queue.get(ticket.id)).toEqual(closed);
      expect(await queue.byConversation('done')).toBeNull();
      expect(await queue.list('claimed')).toEqual([]);
      expect(await queue.list('closed')).toEqual([closed]);
      expect(await codeOf(queue.close(ticket.id, 'vol-a', 'helped'))).toBe('TICKET_CLOSED');
      expect(await codeOf(queue.release(ticket.id, 'vol-a'))).toBe('TICKET_CLOSED');
      expect(await codeOf(queue.close('nope', 'vol-a', 'helped'))).toBe('TICKET_NOT_FOUND');
    });

    test('the closed list holds today only (Dutch calendar day), most recent first', async () => {
      const { queue, clock } = await open({});
      const closeOne = async (conversation: string): Promise<Ticket> => {
        const { ticket } = await queue.enqueue(chatInput(conversation));
        await queue.claim(ticket.id, 'vol-a');
        return queue.close(ticket.id, 'vol-a', 'helped');
      };
      // The manual clock starts on 2026-01-05 at 10:00 in Amsterdam (09:00 UTC).
      const morning = await closeOne('day1-morning');
      clock.advance(14 * 60 * minute - second); // 23:59:59 in Amsterdam
      const evening = await closeOne('day1-evening');
      expect(ids(await queue.list('closed'))).toEqual([evening.id, morning.id]);
      clock.advance(2 * second); // 00:00:01 the next day, though still 23:00 UTC
      expect(await queue.list('closed')).toEqual([]);
      const nextDay = await closeOne('day2');
      expect(ids(await queue.list('closed'))).toEqual([nextDay.id]);
    });

    test('cancel: the person stops waiting, also while a volunteer holds the ticket', async () => {
      const { queue, peer, clock } = await open({});
      const waiting = (await queue.enqueue(chatInput('leaves'))).ticket;
      const next = (await queue.enqueue(chatInput('stays'))).ticket;
      clock.advance(minute);
      const cancelled = await peer.cancel(waiting.id);
      expect(cancelled).toMatchObject({
        state: 'closed',
        closeReason: 'cancelled',
        closedBy: null,
        outcome: null,
        closedAt: clock.now().toISOString(),
      });
      expect(await queue.position(waiting.id)).toBeNull();
      expect(await queue.position(next.id)).toBe(1);
      expect(await queue.byConversation('leaves')).toBeNull();
      // Cancelling twice is harmless.
      expect(await queue.cancel(waiting.id)).toEqual(cancelled);

      await queue.claim(next.id, 'vol-a');
      const cancelledClaim = await queue.cancel(next.id);
      expect(cancelledClaim).toMatchObject({ state: 'closed', closeReason: 'cancelled', claimedBy: null, leaseUntil: null });
      expect(await queue.list('claimed')).toEqual([]);
      expect(await queue.heartbeat('vol-a')).toEqual([]);
      expect(await codeOf(queue.close(next.id, 'vol-a', 'helped'))).toBe('TICKET_CLOSED');
      expect(await codeOf(queue.cancel('nope'))).toBe('TICKET_NOT_FOUND');
    });

    test('erase ("verwijder mijn gegevens"): the ticket and its summary are gone from every list, in any state', async () => {
      const { queue, peer } = await open({});
      const waiting = (await queue.enqueue(chatInput('erase-waiting'))).ticket;
      const claimed = (await queue.enqueue(chatInput('erase-claimed'))).ticket;
      const closed = (await queue.enqueue(chatInput('erase-closed'))).ticket;
      const stays = (await queue.enqueue(chatInput('stays'))).ticket;
      await queue.claim(claimed.id, 'vol-a');
      await queue.claim(closed.id, 'vol-b');
      await queue.close(closed.id, 'vol-b', 'helped');
      for (const t of [waiting, claimed, closed]) expect(await peer.erase(t.id)).toBe(true);
      for (const t of [waiting, claimed, closed]) expect(await queue.get(t.id)).toBeNull();
      expect(await queue.byConversation('erase-waiting')).toBeNull();
      expect(await queue.byConversation('erase-claimed')).toBeNull();
      expect((await queue.list('waiting')).map((t) => t.id)).toEqual([stays.id]);
      expect(await queue.list('claimed')).toEqual([]);
      expect(await queue.list('closed')).toEqual([]);
      expect(await queue.position(stays.id)).toBe(1);
      expect(await queue.erase(waiting.id)).toBe(false);
    });

    test('a claim without heartbeats returns to the queue after the timeout, first in its urgency band', async () => {
      const { queue, peer, clock } = await open({ claimTimeoutSeconds: 120 });
      const old = (await queue.enqueue(chatInput('old', { urgency: 'soon' }))).ticket;
      clock.advance(second);
      const taken = (await queue.enqueue(chatInput('taken', { urgency: 'soon' }))).ticket;
      clock.advance(second);
      const urgent = (await queue.enqueue(chatInput('urgent', { urgency: 'urgent' }))).ticket;
      clock.advance(second);
      const normal = (await queue.enqueue(chatInput('normal', { urgency: 'normal' }))).ticket;
      await queue.claim(taken.id, 'vol-a');

      clock.advance(119 * second);
      expect(await queue.expireStale()).toEqual([]);
      expect((await queue.get(taken.id))?.state).toBe('claimed');
      clock.advance(second);
      const expired = await peer.expireStale();
      expect(expired).toHaveLength(1);
      expect(expired[0]).toMatchObject({
        id: taken.id,
        state: 'waiting',
        lastReturn: 'expired',
        returns: 1,
        claimedBy: null,
        leaseUntil: null,
        waitingSince: taken.waitingSince,
      });
      expect(await queue.get(taken.id)).toEqual(expired[0]);
      // Ahead of `old` (same band, waited longer) but behind the more urgent ticket.
      expect(ids(await queue.list('waiting'))).toEqual([urgent.id, taken.id, old.id, normal.id]);
      expect(await queue.position(taken.id)).toBe(2);
      expect(await queue.expireStale()).toEqual([]);

      // A later ticket of the same urgency still queues behind it.
      const newer = (await queue.enqueue(chatInput('newer', { urgency: 'soon' }))).ticket;
      expect(ids(await queue.list('waiting'))).toEqual([urgent.id, taken.id, old.id, newer.id, normal.id]);
      const reclaimed = await peer.claim(taken.id, 'vol-b');
      expect(reclaimed).toMatchObject({ claimedBy: 'vol-b', claims: 2 });
    });

    test('heartbeats keep a claim; they extend only the volunteer\'s own tickets', async () => {
      const { queue, peer, clock } = await open({ claimTimeoutSeconds: 120 });
      const a1 = (await queue.enqueue(chatInput('a1'))).ticket;
      const a2 = (await queue.enqueue(chatInput('a2'))).ticket;
      const b1 = (await queue.enqueue(chatInput('b1'))).ticket;
      await queue.claim(a1.id, 'vol-a');
      await queue.claim(a2.id, 'vol-a');
      await queue.claim(b1.id, 'vol-b');
      for (let i = 0; i < 5; i++) {
        clock.advance(100 * second);
        expect((await peer.heartbeat('vol-a')).sort()).toEqual([a1.id, a2.id].sort());
        if (i === 0) expect(ids(await queue.expireStale())).toEqual([]);
        if (i === 1) expect(ids(await queue.expireStale())).toEqual([b1.id]);
      }
      expect(await queue.heartbeat('vol-nobody')).toEqual([]);
      expect(await queue.expireStale()).toEqual([]);
      expect((await queue.get(a1.id))?.leaseUntil).toBe(new Date(clock.now().getTime() + 120 * second).toISOString());
      expect(ids(await queue.list('claimed'))).toEqual([a1.id, a2.id].sort());
    });

    test('expected wait: median of recent first claims, unknown with too few samples', async () => {
      const { queue, clock } = await open({ waitSamples: { recent: 5, minimum: 3, windowSeconds: 3600 } });
      expect(await queue.expectedWaitSeconds()).toBeNull();
      const waitThenClaim = async (conversation: string, waitSeconds: number): Promise<Ticket> => {
        const { ticket } = await queue.enqueue(chatInput(conversation));
        clock.advance(waitSeconds * second);
        return queue.claim(ticket.id, 'vol-a');
      };
      const first = await waitThenClaim('w1', 60);
      await waitThenClaim('w2', 300);
      expect(await queue.expectedWaitSeconds()).toBeNull();
      // A second claim after a release is no new sample.
      await queue.release(first.id, 'vol-a');
      clock.advance(10 * minute);
      await queue.claim(first.id, 'vol-b');
      expect(await queue.expectedWaitSeconds()).toBeNull();

      await waitThenClaim('w3', 120);
      expect(await queue.expectedWaitSeconds()).toBe(120);
      await waitThenClaim('w4', 30);
      expect(await queue.expectedWaitSeconds()).toBe(90); // (60 + 120) / 2
      for (const [i, wait] of [10, 10, 10].entries()) await waitThenClaim(`x${i}`, wait);
      // Only the 5 most recent count: 120, 30, 10, 10, 10 (not 60 and 300).
      expect(await queue.expectedWaitSeconds()).toBe(10);
      // An hour later the samples are too old to say anything.
      clock.advance(61 * minute);
      expect(await queue.expectedWaitSeconds()).toBeNull();
    });

    test('stats: waiting, claimed, handled and cancelled today, median wait today', async () => {
      const { queue, clock } = await open({});
      expect(await queue.stats()).toEqual({ waiting: 0, claimed: 0, handledToday: 0, cancelledToday: 0, medianWaitTodaySeconds: null });
      const a = (await queue.enqueue(chatInput('a'))).ticket;
      const b = (await queue.enqueue(chatInput('b'))).ticket;
      const c = (await queue.enqueue(chatInput('c'))).ticket;
      const d = (await queue.enqueue(chatInput('d'))).ticket;
      await queue.enqueue(chatInput('e'));
      clock.advance(2 * minute);
      await queue.claim(a.id, 'vol-a');
      clock.advance(2 * minute);
      await queue.claim(b.id, 'vol-b');
      await queue.close(a.id, 'vol-a', 'referred');
      await queue.cancel(c.id);
      await queue.claim(d.id, 'vol-a');
      expect(await queue.stats()).toEqual({ waiting: 1, claimed: 2, handledToday: 1, cancelledToday: 1, medianWaitTodaySeconds: 240 });
      // Waits of 2, 4 and 4 minutes: the median is 4 minutes. The next day starts from zero.
      clock.advance(24 * 60 * minute);
      expect(await queue.stats()).toEqual({ waiting: 1, claimed: 2, handledToday: 0, cancelledToday: 0, medianWaitTodaySeconds: null });
    });

    test('refuses malformed input before touching the queue', async () => {
      const { queue } = await open({});
      expect(await codeOf(queue.enqueue(chatInput('x', { urgency: 'panic' as never })))).toBe('VALIDATION_FAILED');
      expect(await codeOf(queue.enqueue(chatInput('x', { channel: 'Web Chat' })))).toBe('VALIDATION_FAILED');
      expect(await codeOf(queue.enqueue(chatInput('x', { summary: { nested: { a: 1 } } as never })))).toBe('VALIDATION_FAILED');
      const tooMany = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`a${i}`, i]));
      expect(await codeOf(queue.enqueue(chatInput('x', { summary: tooMany })))).toBe('VALIDATION_FAILED');
      expect(await codeOf(queue.enqueue(chatInput('has space')))).toBe('VALIDATION_FAILED');
      expect(await codeOf(queue.claim('a b', 'vol-a'))).toBe('BAD_REQUEST');
      expect(await codeOf(queue.claim('t1', ''))).toBe('BAD_REQUEST');
      expect(await codeOf(queue.byConversation('x'.repeat(129)))).toBe('BAD_REQUEST');
      expect(await queue.list('waiting')).toEqual([]);
      const error: unknown = await queue.enqueue(chatInput('x', { urgency: 'panic' as never })).catch((e: unknown) => e);
      expect(error instanceof HuurhulpError && error.details).toEqual(['urgency']);
    });

    test('returns copies: changing a returned ticket changes nothing stored', async () => {
      const { queue } = await open({});
      const { ticket } = await queue.enqueue(chatInput('copy'));
      ticket.summary['who'] = 'changed';
      expect((await queue.get(ticket.id))?.summary['who']).toBe('tenant');
    });

    test('publishes every change as an event another process can receive', async () => {
      const { queue, peer, clock, listener } = await open({ claimTimeoutSeconds: 10 });
      const received: HandoffEvent[] = [];
      const unsubscribe = await listener.subscribe((event) => received.push(event));
      const a = (await queue.enqueue(chatInput('ev-a'))).ticket;
      await queue.enqueue(chatInput('ev-a'));
      await queue.enqueue(chatInput('ev-a', { urgency: 'crisis' }));
      await peer.claim(a.id, 'vol-a');
      await queue.release(a.id, 'vol-a');
      await queue.claim(a.id, 'vol-b');
      clock.advance(10 * second);
      await queue.expireStale();
      await queue.claim(a.id, 'vol-c');
      await queue.close(a.id, 'vol-c', 'helped');
      const b = (await queue.enqueue(chatInput('ev-b'))).ticket;
      await queue.claim(b.id, 'vol-d');
      await queue.cancel(b.id);
      await queue.cancel(b.id);
      await waitFor(() => received.length >= 11, 'eleven events');
      expect(received.map((e) => [e.type, e.ticketId, e.state, e.volunteerId])).toEqual([
        ['created', a.id, 'waiting', null],
        ['raised', a.id, 'waiting', null],
        ['claimed', a.id, 'claimed', 'vol-a'],
        ['released', a.id, 'waiting', 'vol-a'],
        ['claimed', a.id, 'claimed', 'vol-b'],
        ['expired', a.id, 'waiting', 'vol-b'],
        ['claimed', a.id, 'claimed', 'vol-c'],
        ['closed', a.id, 'closed', 'vol-c'],
        ['created', b.id, 'waiting', null],
        ['claimed', b.id, 'claimed', 'vol-d'],
        ['cancelled', b.id, 'closed', 'vol-d'],
      ]);
      expect(received[1]).toEqual({
        type: 'raised',
        ticketId: a.id,
        conversationId: 'ev-a',
        kind: 'chat',
        urgency: 'crisis',
        state: 'waiting',
        volunteerId: null,
        at: a.createdAt,
      });
      // No summary (what the person said) goes over the channel.
      expect(JSON.stringify(received)).not.toContain('tenant');
      await unsubscribe();
      const later: HandoffEvent[] = [];
      await listener.subscribe((event) => later.push(event));
      await queue.enqueue(chatInput('ev-c'));
      await waitFor(() => later.length === 1, 'the event after unsubscribing');
      expect(received).toHaveLength(11);
    });
  });
}
