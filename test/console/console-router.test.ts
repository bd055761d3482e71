import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startClaimSweeper } from '../../src/console/claim-sweeper.js';
import { RELAY_CHANNEL, type RelayEvent } from '../../src/handoff/relay-event.js';
import { createLogger } from '../../src/shared/logger.js';
import { manualClock } from '../helpers/manual-clock.js';
import { waitFor } from '../helpers/wait-for.js';
import { startConsole, type ConsoleFixture, type SignedIn } from './console-fixture.js';
import { openSse } from './sse-client.js';

const api = '/api/console';

/** Polls an async check every few milliseconds until it holds (or fails after 2 s). */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
let fx: ConsoleFixture;
let anna: SignedIn;
let bram: SignedIn;
let coco: SignedIn;

beforeEach(async () => {
  fx = await startConsole({ kind: 'memory' }, manualClock('2026-01-05T09:00:00.000Z'), { heartbeatMs: 25, pingMs: 40, retryMs: 1500 });
  await fx.addAccount('anna', 'volunteer');
  await fx.addAccount('bram', 'volunteer');
  await fx.addAccount('coco', 'coordinator');
  [anna, bram, coco] = await Promise.all([fx.login('anna'), fx.login('bram'), fx.login('coco')]);
});

afterEach(async () => {
  await fx.close();
});

/** A request as the console page sends it: session cookie and CSRF header. */
function as(who: SignedIn, method: 'get' | 'post' | 'put', path: string, body?: object) {
  const req = request(fx.url)[method](`${api}${path}`).set('Cookie', who.cookie).set('x-csrf-token', who.csrf);
  return body === undefined ? req : req.send(body);
}

const everyRoute: readonly (readonly ['get' | 'post' | 'put', string, object?])[] = [
  ['get', '/tickets'],
  ['get', '/tickets/TID'],
  ['post', '/tickets/TID/claim'],
  ['post', '/tickets/TID/messages', { text: 'Hallo' }],
  ['post', '/tickets/TID/typing'],
  ['post', '/tickets/TID/notes', { text: 'Belt morgen terug' }],
  ['post', '/tickets/TID/release'],
  ['post', '/tickets/TID/close', { outcome: 'helped' }],
  ['post', '/heartbeat'],
  ['get', '/events'],
  ['get', '/canned'],
  ['put', '/canned', { locale: 'nl', replies: [] }],
  ['get', '/stats'],
];

describe('access', () => {
  test('401 CONSOLE_UNAUTHENTICATED on every route without a session (or with a made-up one)', async () => {
    const id = await fx.enqueue('conv-access');
    for (const [method, path, body] of everyRoute) {
      for (const cookie of [undefined, `hh_console=${'x'.repeat(43)}`]) {
        let req = request(fx.url)[method](`${api}${path.replace('TID', id)}`);
        if (cookie) req = req.set('Cookie', cookie);
        const res = await (body ? req.send(body) : req);
        expect([method, path, res.status, res.body.error?.code]).toEqual([method, path, 401, 'CONSOLE_UNAUTHENTICATED']);
      }
    }
    expect(fx.person.calls).toEqual([]);
  });

  test('403 CSRF_FAILED on every POST and PUT without the token or with a wrong one; nothing changes', async () => {
    const id = await fx.enqueue('conv-csrf');
    // A claimed ticket too, so release/close/messages would have an effect if let through.
    await as(anna, 'post', `/tickets/${id}/claim`).expect(200);
    fx.person.calls.length = 0;
    for (const [method, path, body] of everyRoute.filter(([m]) => m !== 'get')) {
      for (const token of [undefined, 'wrong-token', bram.csrf]) {
        let req = request(fx.url)[method](`${api}${path.replace('TID', id)}`).set('Cookie', coco.cookie);
        if (token !== undefined) req = req.set('x-csrf-token', token);
        const res = await (body ? req.send(body) : req);
        expect([method, path, res.status, res.body.error?.code]).toEqual([method, path, 403, 'CSRF_FAILED']);
      }
    }
    expect(fx.person.calls).toEqual([]);
    expect((await fx.handoff.queue.get(id))?.claimedBy).toBe('anna');
    expect(await fx.console.notes.list(id)).toEqual([]);
    expect((await fx.console.canned.get('nl')).source).toBe('default');
  });

  test('answers are never cached', async () => {
    const res = await as(anna, 'get', '/tickets').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('tickets', () => {
  test('list: waiting by urgency, with summary; meldingRef only on meldingen; claimedBy on claimed; 400 for an unknown state', async () => {
    const chat = await fx.enqueue('conv-chat');
    fx.clock.advance(1000);
    const melding = await fx.enqueue('conv-melding', { kind: 'melding', urgency: 'urgent', meldingRef: 'HH-7K3P', summary: { who: 'relative' } });
    const res = await as(anna, 'get', '/tickets?state=waiting').expect(200);
    expect(res.body.tickets.map((t: { id: string }) => t.id)).toEqual([melding, chat]);
    expect(res.body.tickets[0]).toMatchObject({ id: melding, kind: 'melding', urgency: 'urgent', state: 'waiting', conversationId: 'conv-melding', meldingRef: 'HH-7K3P', summary: { who: 'relative' } });
    expect(res.body.tickets[1]).toMatchObject({ kind: 'chat', summary: { phase: 2 }, waitingSince: '2026-01-05T09:00:00.000Z', locale: 'nl' });
    expect(res.body.tickets[1]).not.toHaveProperty('meldingRef');
    expect(res.body.tickets[1]).not.toHaveProperty('claimedBy');

    // Default state is waiting.
    expect((await as(anna, 'get', '/tickets').expect(200)).body.tickets).toHaveLength(2);
    await as(anna, 'post', `/tickets/${chat}/claim`).expect(200);
    const claimed = await as(bram, 'get', '/tickets?state=claimed').expect(200);
    expect(claimed.body.tickets).toEqual([expect.objectContaining({ id: chat, state: 'claimed', claimedBy: 'anna' })]);

    const bad = await as(anna, 'get', '/tickets?state=lost').expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['state']);
  });

  test('claim: 200 and the person hears a volunteer joined; again by the holder: no second notice; by another: 409 TICKET_CLAIMED', async () => {
    const id = await fx.enqueue('conv-claim');
    const res = await as(anna, 'post', `/tickets/${id}/claim`).expect(200);
    expect(res.body.ticket).toMatchObject({ id, state: 'claimed', claimedBy: 'anna', leaseUntil: '2026-01-05T09:02:00.000Z' });
    await as(anna, 'post', `/tickets/${id}/claim`).expect(200);
    expect(fx.person.changes(id)).toEqual(['claimed']);

    const taken = await as(bram, 'post', `/tickets/${id}/claim`).expect(409);
    expect(taken.headers['content-type']).toMatch(/application\/json/);
    expect(taken.body.error.code).toBe('TICKET_CLAIMED');
    expect((await fx.handoff.queue.get(id))?.claimedBy).toBe('anna');
    expect(fx.person.changes(id)).toEqual(['claimed']);
  });

  test('an unknown ticket is 404 TICKET_NOT_FOUND; a body on a no-input route is 400', async () => {
    expect((await as(anna, 'get', '/tickets/nope').expect(404)).body.error.code).toBe('TICKET_NOT_FOUND');
    expect((await as(anna, 'post', '/tickets/nope/claim').expect(404)).body.error.code).toBe('TICKET_NOT_FOUND');
    const id = await fx.enqueue('conv-body');
    const res = await as(anna, 'post', `/tickets/${id}/claim`, { force: true }).expect(400);
    expect(res.body.error.fields).toEqual([{ path: 'force', message: 'Unknown field.' }]);
  });

  // Found by the fuzz test (issue #11 §4): Express's router throws a URIError for an id it cannot decode, which
  // was answered 500 INTERNAL.
  test.each(['a%ZZ', '%E0%A4%A', '%'])('an id that is not valid percent-encoding (%s) is 400 BAD_REQUEST, not 500', async (id) => {
    for (const [method, path] of [['get', `/tickets/${id}`], ['post', `/tickets/${id}/notes`], ['post', `/tickets/${id}/claim`]] as const) {
      const res = await as(anna, method, path, method === 'post' ? {} : undefined);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.body).toEqual({ error: { code: 'BAD_REQUEST', message: 'The request is malformed.' } });
    }
  });

  test('messages and typing: only the holder; text 1..2000 characters', async () => {
    const id = await fx.enqueue('conv-msg');
    expect((await as(anna, 'post', `/tickets/${id}/messages`, { text: 'Hallo' }).expect(409)).body.error.code).toBe('TICKET_NOT_HELD');
    await as(anna, 'post', `/tickets/${id}/claim`).expect(200);
    expect((await as(bram, 'post', `/tickets/${id}/messages`, { text: 'Ik ook' }).expect(409)).body.error.code).toBe('TICKET_NOT_HELD');
    expect((await as(bram, 'post', `/tickets/${id}/typing`).expect(409)).body.error.code).toBe('TICKET_NOT_HELD');

    await as(anna, 'post', `/tickets/${id}/typing`).expect(204);
    await as(anna, 'post', `/tickets/${id}/messages`, { text: '  Hoi, ik ben Anna. <b>Hoe gaat het?</b>  ' }).expect(204);
    await as(anna, 'post', `/tickets/${id}/messages`, { text: 'x'.repeat(2000) }).expect(204);
    for (const [body, path] of [
      [{ text: '   ' }, 'text'],
      [{ text: 'x'.repeat(2001) }, 'text'],
      [{}, 'text'],
      [{ text: 'hoi', html: true }, 'html'],
    ] as const) {
      const res = await as(anna, 'post', `/tickets/${id}/messages`, body).expect(400);
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual([path]);
    }
    expect(fx.person.calls.filter((c) => c.kind !== 'change')).toEqual([
      { kind: 'typing', conversationId: 'conv-msg' },
      // Trimmed, otherwise passed as typed: the widget shows it as text.
      { kind: 'message', conversationId: 'conv-msg', text: 'Hoi, ik ben Anna. <b>Hoe gaat het?</b>', volunteer: 'anna' },
      { kind: 'message', conversationId: 'conv-msg', text: 'x'.repeat(2000), volunteer: 'anna' },
    ]);
  });

  test('notes are private: stored per ticket, in the ticket view with the transcript, never sent to the person', async () => {
    const id = await fx.enqueue('conv-notes');
    await fx.stores.transcripts.append('conv-notes', { at: '2026-01-05T08:59:00.000Z', from: 'person', text: 'Ik heb een brief van de deurwaarder.' });
    await fx.stores.transcripts.append('conv-notes', { at: '2026-01-05T08:59:01.000Z', from: 'bot', text: 'Dat is schrikken.' });
    await fx.stores.transcripts.append('conv-notes', { not: 'a transcript line' });

    const created = await as(bram, 'post', `/tickets/${id}/notes`, { text: 'Heeft twee kinderen, belt liever' }).expect(201);
    expect(created.body.note).toMatchObject({ by: 'bram', text: 'Heeft twee kinderen, belt liever', at: '2026-01-05T09:00:00.000Z' });
    expect((await as(bram, 'post', `/tickets/${id}/notes`, { text: '' }).expect(400)).body.error.fields[0].path).toBe('text');

    const view = await as(anna, 'get', `/tickets/${id}`).expect(200);
    expect(view.body.ticket).toMatchObject({ id, conversationId: 'conv-notes', summary: { phase: 2 } });
    expect(view.body.transcript).toEqual([
      { id: expect.any(String), at: '2026-01-05T08:59:00.000Z', from: 'person', text: 'Ik heb een brief van de deurwaarder.' },
      { id: expect.any(String), at: '2026-01-05T08:59:01.000Z', from: 'bot', text: 'Dat is schrikken.' },
    ]);
    expect(view.body.notes).toEqual([created.body.note]);
    expect(fx.person.calls).toEqual([]);
  });

  test('release: back to waiting, the person hears a new volunteer is coming; only the holder may release', async () => {
    const id = await fx.enqueue('conv-release');
    await as(anna, 'post', `/tickets/${id}/claim`).expect(200);
    expect((await as(bram, 'post', `/tickets/${id}/release`).expect(409)).body.error.code).toBe('TICKET_NOT_HELD');
    const res = await as(anna, 'post', `/tickets/${id}/release`).expect(200);
    expect(res.body.ticket).toMatchObject({ id, state: 'waiting', lastReturn: 'released', returns: 1 });
    expect(res.body.ticket).not.toHaveProperty('claimedBy');
    expect(fx.person.calls.filter((c) => c.kind === 'change')).toEqual([
      { kind: 'change', ticketId: id, state: 'claimed', change: 'claimed' },
      { kind: 'change', ticketId: id, state: 'waiting', change: 'released' },
    ]);
    // Now someone else can take it.
    await as(bram, 'post', `/tickets/${id}/claim`).expect(200);
  });

  test('close with an outcome; an invalid outcome is 400 naming the field; closed tickets refuse messages', async () => {
    const id = await fx.enqueue('conv-close');
    await as(anna, 'post', `/tickets/${id}/claim`).expect(200);
    for (const body of [{ outcome: 'solved' }, {}, { outcome: 'helped', extra: 1 }]) {
      const res = await as(anna, 'post', `/tickets/${id}/close`, body).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['extra' in body ? 'extra' : 'outcome']);
    }
    expect((await as(bram, 'post', `/tickets/${id}/close`, { outcome: 'helped' }).expect(409)).body.error.code).toBe('TICKET_NOT_HELD');

    const res = await as(anna, 'post', `/tickets/${id}/close`, { outcome: 'callback_planned' }).expect(200);
    expect(res.body.ticket).toMatchObject({ id, state: 'closed', outcome: 'callback_planned', closedBy: 'anna', closeReason: 'handled' });
    expect(fx.person.changes(id)).toEqual(['claimed', 'closed']);
    const closed = await as(anna, 'get', '/tickets?state=closed').expect(200);
    expect(closed.body.tickets).toEqual([expect.objectContaining({ id, outcome: 'callback_planned' })]);
    expect((await as(anna, 'post', `/tickets/${id}/messages`, { text: 'Nog iets' }).expect(409)).body.error.code).toBe('TICKET_CLOSED');
  });
});

describe('canned replies and stats', () => {
  test('a volunteer reads the shipped set per language but cannot write (403); a coordinator can', async () => {
    const nl = await as(anna, 'get', '/canned').expect(200);
    expect(nl.body).toMatchObject({ locale: 'nl', source: 'default', updatedBy: null });
    expect(nl.body.replies).toHaveLength(5);
    expect(nl.body.replies[0]).toEqual({ id: 'welcome', title: 'Welkom', text: expect.stringContaining('vrijwilliger') });
    const en = await as(anna, 'get', '/canned?locale=en').expect(200);
    expect(en.body.replies.map((r: { id: string }) => r.id)).toEqual(nl.body.replies.map((r: { id: string }) => r.id));
    expect(en.body.replies[0].title).toBe('Welcome');

    const replies = [{ id: 'hello', title: 'Hallo', text: 'Hoi! Fijn dat je er bent.' }];
    expect((await as(anna, 'put', '/canned', { locale: 'nl', replies }).expect(403)).body.error.code).toBe('FORBIDDEN_ROLE');
    const saved = await as(coco, 'put', '/canned', { locale: 'nl', replies }).expect(200);
    expect(saved.body).toEqual({ locale: 'nl', replies, source: 'stored', updatedBy: 'coco', updatedAt: '2026-01-05T09:00:00.000Z' });
    expect((await as(anna, 'get', '/canned?locale=nl').expect(200)).body.replies).toEqual(replies);
    // The other language keeps its own list.
    expect((await as(anna, 'get', '/canned?locale=en').expect(200)).body.source).toBe('default');

    const dup = await as(coco, 'put', '/canned', { locale: 'nl', replies: [...replies, ...replies] }).expect(400);
    expect(dup.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['replies']);
    const badLocale = await as(coco, 'put', '/canned', { locale: 'de', replies }).expect(400);
    expect(badLocale.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['locale']);
  });

  test('stats: coordinator only; queue figures and who is signed in', async () => {
    expect((await as(anna, 'get', '/stats').expect(403)).body.error.code).toBe('FORBIDDEN_ROLE');
    const a = await fx.enqueue('conv-s1');
    await fx.enqueue('conv-s2');
    fx.clock.advance(60_000);
    await as(anna, 'post', `/tickets/${a}/claim`).expect(200);
    await as(anna, 'post', `/tickets/${a}/close`, { outcome: 'helped' }).expect(200);
    const res = await as(coco, 'get', '/stats').expect(200);
    expect(res.body).toMatchObject({ waiting: 1, claimed: 0, handledToday: 1, cancelledToday: 0, medianWaitTodaySeconds: 60 });
    expect(res.body.signedIn.map((v: { username: string }) => v.username)).toEqual(['anna', 'bram', 'coco']);
    expect(res.body.signedIn.find((v: { username: string }) => v.username === 'coco')).toMatchObject({ role: 'coordinator' });
  });
});

describe('live events', () => {
  test('the stream: headers, a retry hint, a ticket event on enqueue, message and typing relay events; malformed relay events are dropped', async () => {
    const stream = await openSse(`${fx.url}${api}/events`, anna.cookie);
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(stream.headers['cache-control']).toBe('no-store');
    await stream.next('ready');
    expect(stream.raw()).toMatch(/^retry: 1500\n\n/);

    const id = await fx.enqueue('conv-live');
    const created = await stream.next('ticket');
    expect(created.data).toEqual({
      type: 'created',
      ticketId: id,
      conversationId: 'conv-live',
      kind: 'chat',
      urgency: 'normal',
      state: 'waiting',
      volunteerId: null,
      at: '2026-01-05T09:00:00.000Z',
    });
    expect(JSON.stringify(created.data)).not.toContain('summary');

    // Live lines reach the volunteer who holds the chat (privacy.test.ts: nobody else but coordinators).
    await as(anna, 'post', `/tickets/${id}/claim`).expect(200);
    await stream.next('ticket', (d) => typeof d === 'object' && d !== null && 'type' in d && d.type === 'claimed');
    await fx.stores.bus.publish(RELAY_CHANNEL, { id: 'r0', body: { type: 'message', conversationId: 'conv-live' } });
    const message: RelayEvent = {
      type: 'message',
      conversationId: 'conv-live',
      ticketId: id,
      id: '1767603600000-0',
      line: { at: '2026-01-05T09:00:00.000Z', from: 'person', text: 'Is er iemand?\n<script>' },
    };
    await fx.stores.bus.publish(RELAY_CHANNEL, { id: 'r1', body: message });
    await fx.stores.bus.publish(RELAY_CHANNEL, { id: 'r2', body: { type: 'typing', conversationId: 'conv-live', from: 'person' } });
    await fx.stores.bus.publish(RELAY_CHANNEL, { id: 'r3', body: { type: 'crisis_alert', conversationId: 'conv-live', ticketId: id } });
    expect((await stream.next('message')).data).toEqual(message);
    expect((await stream.next('typing')).data).toEqual({ type: 'typing', conversationId: 'conv-live', from: 'person' });
    expect((await stream.next('crisis_alert')).data).toEqual({ type: 'crisis_alert', conversationId: 'conv-live', ticketId: id });
    expect(stream.events().filter((e) => e.event === 'message')).toHaveLength(1);

    // A claim by another volunteer reaches this console as a ticket event too.
    const other = await fx.enqueue('conv-other');
    await as(bram, 'post', `/tickets/${other}/claim`).expect(200);
    expect((await stream.next('ticket', (d) => typeof d === 'object' && d !== null && 'volunteerId' in d && d.volunteerId === 'bram')).data).toMatchObject({ type: 'claimed', ticketId: other, state: 'claimed' });

    await waitFor(() => stream.raw().includes('\n: ping\n'), 'a comment heartbeat');
    expect(fx.subscriptions()).toBe(1);
    stream.close();
    await waitFor(() => fx.subscriptions() === 0, 'the stream to unsubscribe');
  });

  test('the stream ends when the console session ends (logout elsewhere)', async () => {
    const stream = await openSse(`${fx.url}${api}/events`, anna.cookie);
    await stream.next('ready');
    await as(anna, 'post', '/logout').expect(204);
    await waitFor(() => fx.subscriptions() === 0, 'the stream to end after logout');
  });
});

describe('claim heartbeat and the sweeper', () => {
  const logger = createLogger('silent');

  test('POST /heartbeat keeps a claim past the timeout; a silent claim goes back first in its band and the person is told', async () => {
    const earlier = await fx.enqueue('conv-earlier');
    fx.clock.advance(1000);
    const kept = await fx.enqueue('conv-kept');
    const idle = await fx.enqueue('conv-idle');
    await as(anna, 'post', `/tickets/${kept}/claim`).expect(200);
    await as(bram, 'post', `/tickets/${idle}/claim`).expect(200);

    fx.clock.advance(100_000);
    expect((await as(anna, 'post', '/heartbeat').expect(200)).body).toEqual({ tickets: [kept] });
    fx.clock.advance(30_000); // 130 s after the claims: bram's lease (120 s) ran out, anna's was renewed at 100 s

    const sweeper = startClaimSweeper({ queue: fx.handoff.queue, person: fx.person, intervalMs: 10, logger });
    try {
      await waitFor(() => fx.person.changes(idle).includes('expired'), 'the idle claim to expire');
      expect((await fx.handoff.queue.get(kept))?.state).toBe('claimed');
      expect(fx.person.changes(kept)).toEqual(['claimed']);
      // Back to the queue ahead of a ticket of the same urgency that waited longer.
      const waiting = await as(anna, 'get', '/tickets?state=waiting').expect(200);
      expect(waiting.body.tickets.map((t: { id: string }) => t.id)).toEqual([idle, earlier]);
      expect(waiting.body.tickets[0]).toMatchObject({ lastReturn: 'expired' });
      expect((await as(bram, 'post', `/tickets/${idle}/messages`, { text: 'Ben je er nog?' }).expect(409)).body.error.code).toBe('TICKET_NOT_HELD');
    } finally {
      await sweeper.stop();
    }
  });

  test('an open event stream is the heartbeat: the claim survives while it is open and expires after it closes', async () => {
    const id = await fx.enqueue('conv-stream');
    await as(anna, 'post', `/tickets/${id}/claim`).expect(200);
    const stream = await openSse(`${fx.url}${api}/events`, anna.cookie);
    await stream.next('ready');
    const sweeper = startClaimSweeper({ queue: fx.handoff.queue, person: fx.person, intervalMs: 10, logger });
    try {
      const leaseIs = async (ms: number): Promise<boolean> => (await fx.handoff.queue.get(id))?.leaseUntil === new Date(ms).toISOString();
      for (let i = 0; i < 3; i++) {
        fx.clock.advance(100_000);
        const renewed = fx.clock.now().getTime() + 120_000;
        // The stream beats every 25 ms of real time; wait for a beat at the new time.
        await eventually(() => leaseIs(renewed), 'the stream heartbeat to renew the lease');
      }
      expect(await sweeper.sweep()).toEqual([]);
      expect((await fx.handoff.queue.get(id))?.claimedBy).toBe('anna');

      stream.close();
      await waitFor(() => fx.subscriptions() === 0, 'the stream to close');
      fx.clock.advance(121_000);
      await waitFor(() => fx.person.changes(id).includes('expired'), 'the claim to expire once the stream is gone');
      expect((await fx.handoff.queue.get(id))?.state).toBe('waiting');
    } finally {
      stream.close();
      await sweeper.stop();
    }
  });
});
