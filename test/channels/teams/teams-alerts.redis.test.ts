import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod/v4';
import { history, lastOf, newSession, turn } from '../web/web-client.js';
import { asVolunteer, login } from '../../handoff/console-client.js';
import { OUTBOUND_TOKEN, startFakeTeamsCloud, type FakeTeamsCloud, type RecordedCall } from '../../helpers/fake-teams-cloud.js';
import { redisForTest, type RedisForTest } from '../../helpers/redis-test-client.js';
import { startApp, type StartedApp } from '../../helpers/start-app.js';
import { teamsClient, teamsEnv, teamsUser } from '../../helpers/teams-client.js';

const password = 'een lang wachtwoord voor de test';
const now = '2026-11-22T09:00:00.000Z';
const secret = 'k'.repeat(43);
const fastRetries = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, random: () => 0.5, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };

let redis: RedisForTest;
let cloud: FakeTeamsCloud;
const apps: StartedApp[] = [];

beforeAll(async () => {
  redis = await redisForTest();
  cloud = await startFakeTeamsCloud();
});

afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  await cloud?.close();
  await redis?.cleanup();
});

const cardBody = z.object({ attachments: z.array(z.object({ content: z.unknown() })).length(1) });
const cardOf = (call: RecordedCall): string => JSON.stringify(cardBody.parse(call.body).attachments[0]?.content);
const invokeAnswer = z.object({ statusCode: z.literal(200), type: z.literal('application/vnd.microsoft.card.adaptive'), value: z.unknown() });
const textOf = (call: RecordedCall): string => (typeof call.body['text'] === 'string' ? call.body['text'] : '');

describe('Teams alerts end to end (two processes on one Redis, real servers, fake Bot Connector)', () => {
  test('one card per urgent ticket; two volunteers press Oppakken at once; the winner chats from Teams; a console close updates the card', async () => {
    const prefix = redis.freshPrefix();
    const volunteers = [
      { username: 'anna', password, role: 'volunteer' as const },
      { username: 'bram', password, role: 'volunteer' as const },
    ];
    const options = { store: 'redis' as const, prefix, secret, now, env: { ...teamsEnv(cloud), PUBLIC_URL: 'https://huurhulp.example' }, teams: { teamsToken: async () => OUTBOUND_TOKEN, teamsRetryPolicy: fastRetries } };
    const a = await startApp({ ...options, volunteers });
    apps.push(a);
    const b = await startApp(options);
    apps.push(b);
    const teamsA = teamsClient(a.url, cloud);
    const teamsB = teamsClient(b.url, cloud);

    // A coordinator makes a team channel the alert channel.
    const coco = teamsUser('Coco');
    expect((await teamsA.post(teamsA.channelMessage(coco, 'meldingen hier'))).status).toBe(200);
    await cloud.waitForCalls((calls) => calls.some((c) => c.body['text'] === 'Goed. Meldingen van dringende gesprekken komen vanaf nu in dit kanaal.'));
    expect((await a.teamsStore.alertChannel())?.address.conversationId).toBe('19:alerts@thread.tacv2');

    // Two linked volunteers in Teams.
    const annaTeams = teamsUser('Anna (Teams)');
    const bramTeams = teamsUser('Bram (Teams)');
    await a.teamsStore.link(annaTeams.aadObjectId, 'anna');
    await a.teamsStore.link(bramTeams.aadObjectId, 'bram');

    // A person on the web: an eviction in 3 days, asks for a human.
    const web = await newSession(a.url);
    await turn(a.url, web.token, { text: 'hoi' });
    await turn(a.url, web.token, { payload: 'choice:tenant' });
    await turn(a.url, web.token, { payload: 'choice:eviction_date' });
    const soon = await turn(a.url, web.token, { text: '25 november' });
    expect(lastOf(soon).text).toContain('over 3 dagen');
    await turn(a.url, web.token, { payload: 'choice:human' });
    await turn(a.url, web.token, { payload: 'choice:yes' });
    const ticket = await a.handoff.queue.byConversation(web.conversationId);
    expect(ticket).toMatchObject({ state: 'waiting', urgency: 'urgent' });
    if (ticket === null) throw new Error('no ticket');

    // Exactly one alert card reaches the alert channel, though both processes heard the event.
    const posted = await cloud.waitForCalls((calls) => calls.some((c) => c.conversationId === '19:alerts@thread.tacv2' && c.method === 'POST' && 'attachments' in c.body));
    await Promise.all([a.teams?.alerts.idle(), b.teams?.alerts.idle()]);
    const alertPosts = posted.filter((c) => c.conversationId === '19:alerts@thread.tacv2' && c.method === 'POST' && 'attachments' in c.body);
    expect(alertPosts).toHaveLength(1);
    const alert = alertPosts[0];
    if (alert === undefined) throw new Error('no alert');
    expect(cardOf(alert)).toContain('Oppakken');
    expect(cardOf(alert)).toContain(`https://huurhulp.example/console#ticket=${ticket.id}`);
    expect((await a.teamsStore.alertCard(ticket.id))?.activityId).toBe(alert.resultId);

    // Anna (through process A) and Bram (through process B) press "Oppakken" at the same moment.
    const [annaPress, bramPress] = await Promise.all([
      teamsA.post(teamsA.execute(annaTeams, 'claim', { hh: 'claim', ticketId: ticket.id }, alert.resultId)),
      teamsB.post(teamsB.execute(bramTeams, 'claim', { hh: 'claim', ticketId: ticket.id }, alert.resultId)),
    ]);
    expect(annaPress.status).toBe(200);
    expect(bramPress.status).toBe(200);
    const claimed = await a.handoff.queue.get(ticket.id);
    const winner = claimed?.claimedBy;
    expect(['anna', 'bram']).toContain(winner);
    if (winner === undefined || winner === null) throw new Error('nobody won');
    expect(claimed?.claims).toBe(1);
    // Both presses answer with the card as it is now: claimed by the winner, no Oppakken left.
    for (const press of [annaPress, bramPress]) {
      const card = JSON.stringify(invokeAnswer.parse(press.body).value);
      expect(card).toContain(`Opgepakt door ${winner}`);
      expect(card).not.toContain('Action.Execute');
    }
    // The channel's copy is updated to the winner.
    await cloud.waitForCalls((calls) => calls.some((c) => c.method === 'PUT' && c.activityId === alert.resultId && cardOf(c).includes(`Opgepakt door ${winner}`)));

    // The winner's 1:1 chat was opened and told how the relay works.
    const winnerTeams = winner === 'anna' ? annaTeams : bramTeams;
    const opened = await cloud.waitForCalls((calls) => calls.some((c) => c.path === '/v3/conversations'));
    const chatId = opened.find((c) => c.path === '/v3/conversations')?.conversationId;
    if (chatId === undefined) throw new Error('no 1:1 chat');
    expect(opened.find((c) => c.path === '/v3/conversations')?.body).toMatchObject({ members: [{ id: winnerTeams.id }] });
    await cloud.waitForCalls((calls) => calls.some((c) => c.conversationId === chatId && textOf(c).startsWith('Je hebt dit gesprek opgepakt')));

    // The winner writes from Teams: the line reaches the person on the web.
    const fromTeams = { ...teamsA.message(winnerTeams, 'Hoi, ik ben er. Wat staat er in de brief?'), conversation: { id: chatId, conversationType: 'personal', tenantId: 'tenant-1' } };
    expect((await teamsB.post(fromTeams)).status).toBe(200);
    let personSees: string[] = [];
    const deadline = Date.now() + 5000;
    while (!personSees.includes('Hoi, ik ben er. Wat staat er in de brief?') && Date.now() < deadline) {
      personSees = (await history(a.url, web.token)).map((m) => m.text);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(personSees).toContain('Hoi, ik ben er. Wat staat er in de brief?');

    // The person's line reaches the winner's Teams chat, once (two processes hear the relay).
    await turn(a.url, web.token, { text: 'Dat ik op 25 november weg moet.' });
    await cloud.waitForCalls((calls) => calls.some((c) => c.conversationId === chatId && textOf(c) === 'Persoon: Dat ik op 25 november weg moet.'));
    await Promise.all([a.teams?.alerts.idle(), b.teams?.alerts.idle()]);
    expect(cloud.calls.filter((c) => c.conversationId === chatId && textOf(c) === 'Persoon: Dat ik op 25 november weg moet.')).toHaveLength(1);

    // Closing in the console updates the card.
    const holder = asVolunteer(a.url, await login(a.url, winner, password));
    await holder.close(ticket.id, 'helped');
    await cloud.waitForCalls((calls) => calls.some((c) => c.method === 'PUT' && c.activityId === alert.resultId && cardOf(c).includes(`Afgerond door ${winner}`)));

    // No card the bot sent to the channel holds the person's words.
    for (const call of cloud.calls.filter((c) => c.conversationId.startsWith('19:alerts'))) {
      expect(JSON.stringify(call.body)).not.toContain('25 november');
      expect(JSON.stringify(call.body)).not.toContain(web.conversationId);
    }
  });
});
