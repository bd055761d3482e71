import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { migrateState } from '../../../src/engine/session-state.js';
import { startApp, type StartedApp } from '../../helpers/start-app.js';
import { errorBodySchema, history, newSession, postRaw, thread, turn } from './web-client.js';
import { redisAppsFixture } from './redis-apps-fixture.js';
import { helloSocket } from './socket-client.js';

const NOW = '2026-11-22T10:00:00+01:00';

/** Issue #11 findings 4, 5 and 7 on real Redis with two processes: idempotent turns, parallel turns, shared rate limits. */
describe('turns on two processes sharing one Redis', () => {
  const fixture = redisAppsFixture();
  const { apps, sockets } = fixture;
  const secret = randomBytes(32).toString('base64url');

  const pair = async (env: Record<string, string> = {}): Promise<[StartedApp, StartedApp]> => {
    const prefix = fixture.redis().freshPrefix();
    const a = await startApp({ store: 'redis', prefix, secret, now: NOW, env });
    const b = await startApp({ store: 'redis', prefix, secret, now: NOW, env });
    apps.push(a, b);
    return [a, b];
  };

  it('a turn retried with the same turnId (on the other process, over HTTP or the socket) is answered from the log and applied once', async () => {
    const [a, b] = await pair();
    const session = await newSession(a.url);
    await turn(a.url, session.token, { text: 'hoi' });
    const body = JSON.stringify({ type: 'message', payload: 'choice:tenant', turnId: 'turn-0001-abcdef' });
    const first = await postRaw(a.url, body, { token: session.token });
    // The answer was lost on the way (a timeout, a crash): the client sends the same turn again, elsewhere.
    const again = await postRaw(b.url, body, { token: session.token });
    expect(first.status).toBe(200);
    expect(again).toEqual(first);
    const socket = await helloSocket(b.url, session.token);
    sockets.push(socket);
    socket.send(JSON.parse(body));
    const [ack] = await socket.frameOfType('ack');
    expect(ack).toEqual({ type: 'ack', turnId: 'turn-0001-abcdef' });
    // The same replies again, with the same ids (the widget drops what it already shows).
    expect(await socket.frameOfType('message')).toEqual(first.json);

    // Applied once: two turns in the state, and the thread holds each line once, the person's own lines included.
    const stored = await a.stores.sessions.get(session.conversationId);
    expect(stored?.rev).toBe(2);
    expect(migrateState(stored?.doc)?.answers).toEqual({ role: 'tenant', is_relative: false });
    const whole = await thread(a.url, session.token);
    expect(whole.filter((m) => m.type === 'person').map((m) => m.text)).toEqual(['hoi', 'Het gaat om mijn huur']);
    expect(whole.filter((m) => m.type === 'message')).toEqual(await history(b.url, session.token));
    const transcript = await a.stores.transcripts.list(session.conversationId);
    expect(transcript.filter((l) => JSON.stringify(l.body).includes('"from":"person"'))).toHaveLength(2);

    // A bad turnId is refused, never stored.
    const bad = await postRaw(a.url, JSON.stringify({ type: 'message', text: 'x', turnId: 'short' }), { token: session.token });
    expect(bad.status).toBe(400);
    expect(errorBodySchema.parse(bad.json).error.fields?.map((f) => f.path)).toEqual(['turnId']);
  });

  it('40 parallel turns on one conversation across both processes: all answered, none lost, none twice', async () => {
    const [a, b] = await pair({ TURN_RATE_LIMIT: '1000' });
    const session = await newSession(a.url);
    await turn(a.url, session.token, { text: 'hoi' });
    const texts = Array.from({ length: 40 }, (_, i) => `bericht ${i + 1}`);
    const answers = await Promise.all(texts.map((text, i) => postRaw(i % 2 === 0 ? a.url : b.url, JSON.stringify({ type: 'message', text }), { token: session.token })));
    expect(answers.map((r) => r.status)).toEqual(texts.map(() => 200));
    // No turn ended in the error message (the help lines 113 / 0800-0113 are only in that one).
    for (const r of answers) expect(JSON.stringify(r.json)).not.toContain('0800-0113');
    const said = (await thread(a.url, session.token)).filter((m) => m.type === 'person').map((m) => m.text);
    expect([...said].sort()).toEqual(['hoi', ...texts].sort());
    expect((await a.stores.sessions.get(session.conversationId))?.rev).toBe(41);
  });

  it('40 turns sent at once on one socket are answered in the order they were sent', async () => {
    const [a] = await pair({ TURN_RATE_LIMIT: '1000' });
    const session = await newSession(a.url);
    const socket = await helloSocket(a.url, session.token);
    sockets.push(socket);
    const texts = Array.from({ length: 40 }, (_, i) => `regel ${i + 1}`);
    texts.forEach((text, i) => socket.send({ type: 'message', text, turnId: `order-${String(i).padStart(4, '0')}-x` }));
    const acks = await socket.frameOfType('ack', 40, 20_000);
    expect(acks.map((f) => f['turnId'])).toEqual(texts.map((_, i) => `order-${String(i).padStart(4, '0')}-x`));
    const said = (await thread(a.url, session.token)).filter((m) => m.type === 'person').map((m) => m.text);
    expect(said).toEqual(texts);
  });

  it('TURN_RATE_LIMIT counts a conversation\'s turns over HTTP and sockets on every process together; SESSION_RATE_LIMIT counts new sessions per address on every process', async () => {
    const [a, b] = await pair({ TURN_RATE_LIMIT: '3', SESSION_RATE_LIMIT: '3' });
    const session = await newSession(a.url);
    const other = await newSession(b.url);
    const socket = await helloSocket(b.url, session.token);
    sockets.push(socket);
    await turn(a.url, session.token, { text: 'hoi' });
    socket.send({ type: 'message', payload: 'choice:tenant', turnId: 'rate-limit-0001' });
    await socket.frameOfType('ack');
    await turn(b.url, session.token, { payload: 'choice:dagvaarding' });
    // The fourth turn of this conversation within the minute, wherever it comes in.
    const fourth = await postRaw(a.url, JSON.stringify({ type: 'message', text: '25-11' }), { token: session.token });
    expect(fourth.status).toBe(429);
    expect(errorBodySchema.parse(fourth.json).error.code).toBe('RATE_LIMITED');
    socket.send({ type: 'message', text: '25-11' });
    const [error] = await socket.frameOfType('error');
    expect(error?.['error']).toMatchObject({ code: 'RATE_LIMITED' });
    // Another conversation (the same address) is not affected.
    expect((await postRaw(a.url, JSON.stringify({ type: 'message', text: 'hoi' }), { token: other.token })).status).toBe(200);
    // Two sessions were made above (one on each process); the third is allowed, the fourth is not, on either process.
    await newSession(a.url);
    const res = await fetch(`${b.url}/api/web/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(429);
    expect(errorBodySchema.parse(await res.json()).error.code).toBe('RATE_LIMITED');
  });
});
