import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type StartedApp } from '../helpers/start-app.js';
import { sleep } from '../helpers/wait-for.js';
import { lastOf, newSession, payloads, turn } from '../channels/web/web-client.js';
import { framesOfType, helloSocket, type TestSocket } from '../channels/web/socket-client.js';
import { login } from './console-client.js';
import { askForHuman } from './person-client.js';

// Monday 5 January 2026: open 09:00-10:00 Dutch time (UTC+1 in winter), the real opening-hours check decides.
const env = { OPENING_HOURS: 'ma 09:00-10:00' };
const outsideHours = '2026-01-05T12:00:00+01:00';
const insideHours = '2026-01-05T09:30:00+01:00';
const password = 'een lang wachtwoord voor de test';
const offlineChoices = ['choice:callback', 'choice:message', 'choice:helplines', 'choice:menu'];

describe('nobody online: callback request or message (real opening hours and presence)', () => {
  const apps: StartedApp[] = [];
  const sockets: TestSocket[] = [];
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((s) => s.close()));
    await Promise.all(apps.splice(0).map((a) => a.close()));
  });
  const start = async (now: string): Promise<StartedApp> => {
    const app = await startApp({ now, env, online: 'real', volunteers: [{ username: 'anna', password, role: 'volunteer' }] });
    apps.push(app);
    return app;
  };

  it('outside opening hours: a callback with a wrong, then a good phone number and a time window is queued; the person is not kept waiting', async () => {
    const app = await start(outsideHours);
    const { token, conversationId } = await newSession(app.url);
    const choice = lastOf(await askForHuman(app.url, token));
    expect(choice.text).toContain('Er is nu geen vrijwilliger online');
    expect(payloads(choice)).toEqual(offlineChoices);

    expect(lastOf(await turn(app.url, token, { payload: 'choice:callback' })).input).toBe('phone');
    const wrong = await turn(app.url, token, { text: '123' });
    expect(wrong.map((m) => m.text).join(' ')).toContain('Dat nummer herken ik niet');
    expect(await app.handoff.queue.list('waiting')).toEqual([]);
    const window = await turn(app.url, token, { text: '06 12345678' });
    expect(payloads(lastOf(window))).toEqual(['choice:morning', 'choice:afternoon', 'choice:evening', 'choice:any']);
    const saved = await turn(app.url, token, { payload: 'choice:evening' });
    expect(saved[0]?.text).toContain('Een vrijwilliger belt je zo snel mogelijk terug');
    expect(payloads(lastOf(saved))).toContain('choice:human');

    const waiting = await app.handoff.queue.list('waiting');
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ kind: 'chat', reason: 'callback', conversationId, state: 'waiting' });
    expect(waiting[0]?.summary).toMatchObject({ callback_phone: '+31612345678', callback_window: 'evening' });

    // Not a live waiting room: the bot answers the next message (no "you are still in line").
    const next = await turn(app.url, token, { payload: 'choice:info' });
    expect(next.length).toBeGreaterThan(0);
    expect(next.map((m) => m.text).join(' ')).not.toContain('in de rij');
    expect(await app.handoff.queue.position(waiting[0]?.id ?? '')).toBe(1);
  });

  it('inside opening hours with nobody signed in: the same offline choice', async () => {
    const app = await start(insideHours);
    const { token } = await newSession(app.url);
    const choice = lastOf(await askForHuman(app.url, token));
    expect(choice.text).toContain('Er is nu geen vrijwilliger online');
    expect(payloads(choice)).toEqual(offlineChoices);
    expect(await app.handoff.queue.list('waiting')).toEqual([]);
  });

  it('inside opening hours with a volunteer signed in: the live waiting room', async () => {
    const app = await start(insideHours);
    await login(app.url, 'anna', password);
    const { token, conversationId } = await newSession(app.url);
    const room = lastOf(await askForHuman(app.url, token));
    expect(room.text).toContain('Je bent nummer 1 in de rij');
    expect(payloads(room)).toEqual(['intent:stop_waiting']);
    expect(await app.handoff.queue.list('waiting')).toEqual([expect.objectContaining({ conversationId, reason: 'asked_for_human' })]);
  });

  it('outside opening hours even with a volunteer signed in: offline', async () => {
    const app = await start(outsideHours);
    await login(app.url, 'anna', password);
    const { token } = await newSession(app.url);
    expect(lastOf(await askForHuman(app.url, token)).text).toContain('Er is nu geen vrijwilliger online');
  });

  it('a callback request is not a waiting room: its person gets no place-in-line updates, a live chat person does', async () => {
    const app = await start(insideHours);
    // Nobody signed in yet: the first person leaves a callback request, with the chat open on a socket.
    const caller = await newSession(app.url);
    const callerSocket = await helloSocket(app.url, caller.token);
    sockets.push(callerSocket);
    await askForHuman(app.url, caller.token);
    await turn(app.url, caller.token, { payload: 'choice:callback' });
    await turn(app.url, caller.token, { text: '0612345678' });
    expect((await turn(app.url, caller.token, { payload: 'choice:any' }))[0]?.text).toContain('belt je zo snel mogelijk terug');

    // A volunteer signs in; the next person waits live and hears their place.
    await login(app.url, 'anna', password);
    const waiter = await newSession(app.url);
    const waiterSocket = await helloSocket(app.url, waiter.token);
    sockets.push(waiterSocket);
    expect(lastOf(await askForHuman(app.url, waiter.token)).text).toContain('in de rij');
    await waiterSocket.frameOfType('status');
    await sleep(50);
    expect(framesOfType(callerSocket.frames, 'status')).toEqual([]);
  });
});
