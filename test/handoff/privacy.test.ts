import { afterEach, describe, expect, it } from 'vitest';
import { openSse, type SseStream } from '../console/sse-client.js';
import { startApp, type StartedApp } from '../helpers/start-app.js';
import { sleep } from '../helpers/wait-for.js';
import { lastOf, newSession, postRaw, turn } from '../channels/web/web-client.js';
import { openSocket } from '../channels/web/socket-client.js';
import { asVolunteer, errorCodeSchema, login, ticketOf } from './console-client.js';
import { askForHuman } from './person-client.js';

// Issue #11 finding 10: privacy between volunteers, and a deleted conversation's token.
const password = 'een lang wachtwoord voor de test';
const volunteers = [
  { username: 'anna', password, role: 'volunteer' as const },
  { username: 'bram', password, role: 'volunteer' as const },
  { username: 'cora', password, role: 'coordinator' as const },
];

describe('privacy between volunteers (memory store, real HTTP)', () => {
  const apps: StartedApp[] = [];
  const streams: SseStream[] = [];
  afterEach(async () => {
    for (const s of streams.splice(0)) s.close();
    await Promise.all(apps.splice(0).map((a) => a.close()));
  });

  /** An app with a person waiting for a human, and the three volunteers signed in. */
  async function waitingPerson() {
    const app = await startApp({ volunteers });
    apps.push(app);
    const person = await newSession(app.url);
    await askForHuman(app.url, person.token);
    const [anna, bram, cora] = await Promise.all(['anna', 'bram', 'cora'].map((u) => login(app.url, u, password)));
    if (!anna || !bram || !cora) throw new Error('login failed');
    return { app, person, anna, bram, cora };
  }

  it('live chat lines reach only the volunteer who holds the chat and coordinators', async () => {
    const { app, person, anna, bram, cora } = await waitingPerson();
    const sse = Object.fromEntries(
      await Promise.all(
        [anna, bram, cora].map(async (v) => {
          const stream = await openSse(`${app.url}/api/console/events`, v.cookie);
          streams.push(stream);
          await stream.next('ready');
          return [v.username, stream] as const;
        }),
      ),
    );
    const annaApi = asVolunteer(app.url, anna);
    const ticket = ticketOf(await annaApi.waiting(), person.conversationId);
    await annaApi.claim(ticket.id);

    const secret = 'mijn huisbaas heet Jansen';
    await turn(app.url, person.token, { text: secret });
    await annaApi.send(ticket.id, 'Dank je, ik kijk mee.');
    const isLine = (text: string) => (data: unknown) => JSON.stringify(data).includes(text);
    await sse['anna']?.next('message', isLine(secret));
    await sse['cora']?.next('message', isLine(secret));
    await sse['cora']?.next('message', isLine('ik kijk mee'));
    // Give bram's stream the same time; it must carry neither line, nor typing of that chat.
    await sleep(300);
    expect(sse['bram']?.raw()).not.toContain('Jansen');
    expect(sse['bram']?.raw()).not.toContain('ik kijk mee');
    expect(sse['bram']?.events().filter((e) => e.event === 'message' || e.event === 'typing')).toEqual([]);
    // Queue events (ids and states only) still reach everyone.
    expect(sse['bram']?.events().some((e) => e.event === 'ticket')).toBe(true);
  });

  it('a coordinator takes over or releases an abandoned claim at once; a volunteer may not', async () => {
    const { app, person, anna, bram, cora } = await waitingPerson();
    const annaApi = asVolunteer(app.url, anna);
    const bramApi = asVolunteer(app.url, bram);
    const coraApi = asVolunteer(app.url, cora);
    const ticket = ticketOf(await annaApi.waiting(), person.conversationId);
    await annaApi.claim(ticket.id);

    // Anna walks away. Bram is not allowed to take or release her chat.
    const bramTakes = await bramApi.call('POST', `/tickets/${ticket.id}/takeover`);
    expect(bramTakes.status).toBe(403);
    expect(errorCodeSchema.parse(bramTakes.json).error.code).toBe('FORBIDDEN_ROLE');
    expect((await bramApi.call('POST', `/tickets/${ticket.id}/release`)).status).toBe(409);

    // The coordinator releases it at once: back in the queue, first in its band; the person is told.
    const released = await coraApi.call('POST', `/tickets/${ticket.id}/release`);
    expect(released.status).toBe(200);
    expect(released.json).toMatchObject({ ticket: { id: ticket.id, state: 'waiting' } });
    // Anna claims again; then the coordinator takes it over herself, without a timeout.
    await annaApi.claim(ticket.id);
    const taken = await coraApi.call('POST', `/tickets/${ticket.id}/takeover`);
    expect(taken.status).toBe(200);
    expect(taken.json).toMatchObject({ ticket: { id: ticket.id, state: 'claimed', claimedBy: 'cora' } });
    // Anna no longer holds it; the coordinator can write to the person.
    expect((await annaApi.call('POST', `/tickets/${ticket.id}/messages`, { text: 'hallo?' })).status).toBe(409);
    await coraApi.send(ticket.id, 'Ik neem het over.');
  });

  it('a chat token stops working after "verwijder mijn gegevens" (HTTP and websocket)', async () => {
    const app = await startApp({});
    apps.push(app);
    const person = await newSession(app.url);
    await turn(app.url, person.token, { payload: 'intent:start' });
    await turn(app.url, person.token, { text: 'verwijder mijn gegevens' });
    const done = await turn(app.url, person.token, { payload: 'choice:yes' });
    expect(lastOf(done).text).toContain('verwijderd');

    const again = await postRaw(app.url, JSON.stringify({ type: 'message', text: 'hallo' }), { token: person.token });
    expect(again.status).toBe(401);
    expect(errorCodeSchema.parse(again.json).error.code).toBe('TOKEN_INVALID');
    const history = await fetch(`${app.url}/api/messages`, { headers: { authorization: `Bearer ${person.token}` } });
    expect(history.status).toBe(401);
    const socket = await openSocket(app.url);
    socket.send({ type: 'hello', token: person.token });
    expect(await socket.closed).toBe(4401);
    // Nothing came back to life under the old id.
    expect(await app.stores.sessions.get(person.conversationId)).toBeNull();
    // A new conversation works as always.
    const fresh = await newSession(app.url);
    expect((await turn(app.url, fresh.token, { payload: 'intent:start' })).length).toBeGreaterThan(0);
  });
});
