import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { migrateState } from '../../../src/engine/session-state.js';
import { startApp, type StartedApp } from '../../helpers/start-app.js';
import { botMessageSchema, history, lastOf, newSession, payloads, turn } from './web-client.js';
import { redisAppsFixture } from './redis-apps-fixture.js';
import { helloSocket, openSocket } from './socket-client.js';

const NOW = '2026-11-22T10:00:00+01:00';

describe('two app instances on one Redis', () => {
  const fixture = redisAppsFixture();
  const { apps, sockets } = fixture;
  const secret = randomBytes(32).toString('base64url');

  const start = async (prefix: string): Promise<StartedApp> => {
    const app = await startApp({ store: 'redis', prefix, secret, now: NOW });
    apps.push(app);
    return app;
  };
  const stop = async (app: StartedApp): Promise<void> => {
    apps.splice(apps.indexOf(app), 1);
    await app.close();
  };

  it('replies reach the socket on A when B handles the turn; a new B continues the conversation where it was', async () => {
    const prefix = fixture.redis().freshPrefix();
    const a = await start(prefix);
    let b = await start(prefix);
    expect((await (await fetch(`${a.url}/healthz`)).json())).toEqual({ ok: true, store: 'redis' });

    // The session is made on A; the person's socket is on A.
    const session = await newSession(a.url);
    const socket = await helloSocket(a.url, session.token);
    sockets.push(socket);

    // Turns posted to B: the replies arrive on A's socket through Redis pub/sub.
    const first = await turn(b.url, session.token, { text: 'hoi' });
    const second = await turn(b.url, session.token, { payload: 'choice:tenant' });
    const live = (await socket.frameOfType('message', 3)).map((f) => botMessageSchema.parse(f));
    expect(live).toEqual([...first, ...second]);

    // B goes away (a restart, a crash, a scale-down); a new process takes its place.
    await stop(b);
    b = await start(prefix);

    // The next answer is taken in context: the dagvaarding button of the question on screen, no new greeting.
    const third = await turn(b.url, session.token, { payload: 'choice:dagvaarding' });
    expect(third).toHaveLength(1);
    // First what the case is about (rent or overlast lead different ways), then the date.
    expect(payloads(lastOf(third))).toContain('choice:rent');
    const about = await turn(b.url, session.token, { payload: 'choice:rent' });
    expect(lastOf(about).input).toBe('date');
    const fourth = await turn(b.url, session.token, { text: '25-11' });
    expect(lastOf(fourth).text).toMatch(/\b3\b/);
    expect(payloads(lastOf(fourth))).toEqual(['choice:human', 'choice:continue']);
    const stored = await b.stores.sessions.get(session.conversationId);
    expect(stored?.rev).toBe(5);
    expect(migrateState(stored?.doc)?.answers).toEqual({ role: 'tenant', is_relative: false, received: 'dagvaarding', case_reason: 'rent', phase: 3, court_date: '2026-11-25', days_left: 3 });

    // A's socket got those too, and the history is whole on either instance.
    await socket.frameOfType('message', 5);
    const all = [...first, ...second, ...third, ...about, ...fourth];
    expect(await history(b.url, session.token)).toEqual(all);
    expect(await history(a.url, session.token)).toEqual(all);
    expect(await history(b.url, session.token, lastOf(second).id)).toEqual([...third, ...about, ...fourth]);

    // Every key under the prefix expires (sessions and logs: 30 days; the rate-limit counters within a minute).
    const ttls = await fixture.redis().ttls(prefix);
    const cid = session.conversationId;
    const rates = [...ttls.keys()].filter((k) => k.startsWith(`${prefix}:session-rate:`));
    expect(rates).toHaveLength(1);
    expect([...ttls.keys()].sort()).toEqual([`${prefix}:msgs:{${cid}}`, ...rates, `${prefix}:session:{${cid}}`, `${prefix}:transcript:{${cid}}`, `${prefix}:turn-rate:{${cid}}`].sort());
    for (const [key, ttl] of ttls) {
      const rate = key.includes('-rate:');
      expect(ttl, key).toBeGreaterThan(rate ? 0 : 29 * 86_400);
      expect(ttl, key).toBeLessThanOrEqual(rate ? 60 : 30 * 86_400);
    }
  });

  it('a socket that reconnects to the other instance gets what it missed', async () => {
    const prefix = fixture.redis().freshPrefix();
    const a = await start(prefix);
    const b = await start(prefix);
    const session = await newSession(a.url);
    const first = await helloSocket(a.url, session.token);
    sockets.push(first);
    first.send({ type: 'message', text: 'hoi' });
    const seen = (await first.frameOfType('message', 2)).map((f) => botMessageSchema.parse(f));
    await first.close();

    const missed = await turn(a.url, session.token, { payload: 'choice:tenant' });
    const again = await helloSocket(b.url, session.token, lastOf(seen).id);
    sockets.push(again);
    expect(again.frames.filter((f) => botMessageSchema.safeParse(f).success)).toEqual(missed);
  });

  it('a message sent right behind the hello is answered on the socket (the subscription is in place first)', async () => {
    const prefix = fixture.redis().freshPrefix();
    // A fresh instance: its pub/sub connection is only opened by this first hello.
    const a = await start(prefix);
    const session = await newSession(a.url);
    const socket = await openSocket(a.url);
    sockets.push(socket);
    socket.send({ type: 'hello', token: session.token });
    socket.send({ type: 'message', text: 'hoi' });
    const replies = await socket.frameOfType('message', 2);
    expect(replies.map((f) => botMessageSchema.parse(f))).toEqual(await history(a.url, session.token));
  });

  it('with SESSION_SECRET unset, the instances share the first secret kept in Redis, under a key that expires', async () => {
    const prefix = fixture.redis().freshPrefix();
    const a = await start(prefix);
    const shared = await a.stores.sharedSecret(randomBytes(32).toString('base64url'));
    expect(await a.stores.sharedSecret(randomBytes(32).toString('base64url'))).toBe(shared);
    const ttl = await fixture.redis().client.ttl(`${prefix}:secret`);
    expect(ttl).toBeGreaterThan(29 * 86_400);
  });
});
