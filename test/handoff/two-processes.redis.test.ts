import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSse, type SseStream } from '../console/sse-client.js';
import { redisForTest, type RedisForTest } from '../helpers/redis-test-client.js';
import { startApp, type StartedApp } from '../helpers/start-app.js';
import { runMain, type MainProcess } from '../run-main.js';
import { botMessageSchema, history, lastOf, newSession, turn, type BotMessage } from '../channels/web/web-client.js';
import { framesOfType, helloSocket, type TestSocket } from '../channels/web/socket-client.js';
import { asVolunteer, login, ticketOf } from './console-client.js';
import { askForHuman, frameWithText } from './person-client.js';

const password = 'een lang wachtwoord voor de test';

/** The logged bot/volunteer messages a socket received (frames with a log id). */
function loggedMessages(socket: TestSocket): BotMessage[] {
  return framesOfType(socket.frames, 'message').flatMap((f) => {
    const parsed = botMessageSchema.safeParse(f);
    return parsed.success ? [parsed.data] : [];
  });
}

describe('handoff across two processes on one Redis', () => {
  let redis: RedisForTest;
  const processes: MainProcess[] = [];
  const apps: StartedApp[] = [];
  const sockets: TestSocket[] = [];
  const streams: SseStream[] = [];

  beforeAll(async () => {
    redis = await redisForTest();
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await Promise.all(sockets.map((s) => s.close()));
    await Promise.all(processes.map((p) => p.stop()));
    await Promise.all(apps.map((a) => a.close()));
    await redis.cleanup();
  });

  it('person on process A, volunteer on B: the chat works both ways; A killed mid-chat and started again loses no message', async () => {
    const prefix = redis.freshPrefix();
    const secret = randomBytes(32).toString('base64url');
    // A is the real entry (npm start) in its own process, so it can be killed hard; B runs in this process.
    const envA = { PORT: '0', HOST: '127.0.0.1', STORE: 'redis', REDIS_URL: redis.url, REDIS_PREFIX: prefix, SESSION_SECRET: secret, LOG_LEVEL: 'info', OPENING_HOURS: 'always' };
    const startA = async (): Promise<string> => {
      const a = runMain(envA);
      processes.push(a);
      return a.running();
    };
    const urlA = await startA();
    const b = await startApp({ store: 'redis', prefix, secret, volunteers: [{ username: 'anna', password, role: 'volunteer' }] });
    apps.push(b);

    // Anna signs in on B; A sees her as online through the shared console sessions.
    const anna = await login(b.url, 'anna', password);
    let desk = asVolunteer(b.url, anna);
    const sse = await openSse(`${b.url}/api/console/events`, anna.cookie);
    streams.push(sse);
    await sse.next('ready');

    const { token, conversationId } = await newSession(urlA);
    const first = await helloSocket(urlA, token);
    sockets.push(first);
    const room = lastOf(await askForHuman(urlA, token));
    expect(room.text).toContain('Je bent nummer 1 in de rij');
    await sse.next('ticket', (d) => JSON.stringify(d).includes(conversationId));

    // B claims; the person on A hears it, and the volunteer's line reaches A's socket.
    const ticket = ticketOf(await desk.waiting(), conversationId);
    await desk.claim(ticket.id);
    await frameWithText(first, 'message', 'Er is nu een vrijwilliger bij je gesprek');
    await desk.send(ticket.id, 'Hoi, ik ben Anna. Wat is er aan de hand?');
    await frameWithText(first, 'message', 'Hoi, ik ben Anna');

    // The person's text on A reaches B's live stream and the transcript; the bot stays silent.
    expect(await turn(urlA, token, { text: 'Ik heb een dagvaarding gekregen' })).toEqual([]);
    await sse.next('message', (d) => JSON.stringify(d).includes('Ik heb een dagvaarding gekregen'));

    // Mid-chat: Anna writes, and A dies at once (SIGKILL: no shutdown at all). She writes again while A is down.
    await desk.send(ticket.id, 'Wanneer is de zitting?');
    const a = processes[0];
    if (a === undefined) throw new Error('process A missing');
    a.child.kill('SIGKILL');
    expect(await a.exited).toBe('SIGKILL');
    await first.closed;
    await desk.send(ticket.id, 'Ben je er nog? Ik wacht op je.');

    // A new A' on the same Redis: the message history has every message, none lost.
    const urlA2 = await startA();
    const all = await history(urlA2, token);
    const texts = all.map((m) => m.text);
    for (const text of ['Ik heb je gesprek doorgegeven', 'Er is nu een vrijwilliger', 'Hoi, ik ben Anna', 'Wanneer is de zitting?', 'Ben je er nog? Ik wacht op je.']) {
      expect(texts.filter((t) => t.includes(text)), text).toHaveLength(1);
    }
    const seen = loggedMessages(first);
    expect(all.slice(0, seen.length)).toEqual(seen);

    // A new socket on A' catches up from its last id and gets the volunteer's next message live.
    const second = await helloSocket(urlA2, token, lastOf(seen).id);
    sockets.push(second);
    expect(loggedMessages(second)).toEqual(all.slice(seen.length));
    await desk.send(ticket.id, 'Fijn dat je er weer bent.');
    const live = botMessageSchema.parse(await frameWithText(second, 'message', 'Fijn dat je er weer bent.'));
    expect(lastOf(await history(urlA2, token))).toEqual(live);

    // The person's reply on A' reaches B.
    second.send({ type: 'message', text: 'De zitting is volgende week dinsdag' });
    await sse.next('message', (d) => JSON.stringify(d).includes('De zitting is volgende week dinsdag'));
    const transcript = (await desk.ticket(ticket.id)).transcript.filter((l) => l.from !== 'bot').map((l) => `${l.from}: ${l.text}`);
    expect(transcript.slice(-6)).toEqual([
      'volunteer: Hoi, ik ben Anna. Wat is er aan de hand?',
      'person: Ik heb een dagvaarding gekregen',
      'volunteer: Wanneer is de zitting?',
      'volunteer: Ben je er nog? Ik wacht op je.',
      'volunteer: Fijn dat je er weer bent.',
      'person: De zitting is volgende week dinsdag',
    ]);

    // B goes away too; what the person writes meanwhile is in the transcript a new B' shows, with the same sign-in.
    await b.close();
    apps.splice(apps.indexOf(b), 1);
    expect(await turn(urlA2, token, { text: 'Hallo? Ben je weg?' })).toEqual([]);
    const b2 = await startApp({ store: 'redis', prefix, secret });
    apps.push(b2);
    desk = asVolunteer(b2.url, anna);
    expect((await desk.ticket(ticket.id)).transcript.map((l) => l.text)).toContain('Hallo? Ben je weg?');
    await desk.send(ticket.id, 'Sorry, ik ben er weer.');
    await frameWithText(second, 'message', 'Sorry, ik ben er weer.');

    // Every key under the prefix expires.
    const ttls = await redis.ttls(prefix);
    expect([...ttls.keys()]).toEqual(
      expect.arrayContaining([
        `${prefix}:msgs:{${conversationId}}`,
        `${prefix}:session:{${conversationId}}`,
        `${prefix}:transcript:{${conversationId}}`,
        `${prefix}:{handoff}:ticket:${ticket.id}`,
        `${prefix}:{handoff}:claimed`,
        `${prefix}:{volunteer}:account:anna`,
      ]),
    );
    for (const [key, ttl] of ttls) expect(ttl, key).toBeGreaterThan(0);
  }, 60_000);
});
