import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod/v4';
import { asVolunteer, login } from '../../handoff/console-client.js';
import { OUTBOUND_TOKEN, startFakeTeamsCloud, type FakeTeamsCloud, type RecordedCall } from '../../helpers/fake-teams-cloud.js';
import { manualClock, type ManualClock } from '../../helpers/manual-clock.js';
import { startApp, type StartedApp } from '../../helpers/start-app.js';
import { teamsClient, teamsEnv, teamsUser } from '../../helpers/teams-client.js';

const password = 'een lang wachtwoord voor de test';
const fastRetries = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, random: () => 0.5, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };

let cloud: FakeTeamsCloud;
let app: StartedApp;
let clock: ManualClock;
let teams: ReturnType<typeof teamsClient>;

beforeAll(async () => {
  cloud = await startFakeTeamsCloud();
  clock = manualClock('2026-12-07T10:00:00.000Z');
  app = await startApp({
    clock,
    env: { ...teamsEnv(cloud), CLAIM_TIMEOUT_S: '120' },
    volunteers: [
      { username: 'anna', password, role: 'volunteer' },
      { username: 'coco', password, role: 'coordinator' },
    ],
    teams: { teamsToken: async () => OUTBOUND_TOKEN, teamsRetryPolicy: fastRetries },
  });
  teams = teamsClient(app.url, cloud);
});

afterAll(async () => {
  await app?.close();
  await cloud?.close();
});

const textOf = (call: RecordedCall): string => (typeof call.body['text'] === 'string' ? call.body['text'] : '');
const cardText = (call: RecordedCall): string => JSON.stringify(call.body['attachments'] ?? '');
const answerSchema = z.object({ statusCode: z.literal(200), type: z.string(), value: z.unknown() });

async function urgentTicket(conversationId: string) {
  const { ticket } = await app.handoff.queue.enqueue({ kind: 'chat', conversationId, channel: 'web', locale: 'nl', urgency: 'urgent', reason: 'eviction_date_near', summary: {} }, clock.now());
  await app.teams?.alerts.idle();
  return ticket;
}

describe('Teams volunteers: linking, the coordinator view, unlinked presses, the heartbeat rule, a removed app', () => {
  test('a volunteer gets a one-time code in the console and links by sending it to the bot', async () => {
    const anna = asVolunteer(app.url, await login(app.url, 'anna', password));
    const answer = await anna.call('POST', '/teams/link-code');
    expect(answer.status).toBe(201);
    const { code } = z.object({ code: z.string().regex(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/), expiresInSeconds: z.literal(900) }).parse(answer.json);
    const annaTeams = teamsUser('Anna');
    expect((await teams.post(teams.message(annaTeams, ` ${code.toLowerCase()} `))).status).toBe(200);
    expect(await app.teamsStore.volunteerOf(annaTeams.aadObjectId)).toBe('anna');
    expect(textOf(cloud.calls.at(-1) ?? (() => { throw new Error('no reply'); })())).toBe('Gelukt. Je Teams-account is gekoppeld aan anna.');
    // The code worked once.
    const other = teamsUser('Iemand anders');
    await teams.post(teams.message(other, code));
    expect(await app.teamsStore.volunteerOf(other.aadObjectId)).toBeNull();
    expect(textOf(cloud.calls.at(-1) ?? (() => { throw new Error('no reply'); })())).toContain('Die koppelcode ken ik niet');
  });

  test('the coordinator view shows the alert channel; volunteers may not read it', async () => {
    const coco = asVolunteer(app.url, await login(app.url, 'coco', password));
    expect((await coco.call('GET', '/teams')).json).toEqual({ enabled: true, alertChannel: null });
    await teams.post(teams.channelMessage(teamsUser('Coco'), 'meldingen hier'));
    expect((await coco.call('GET', '/teams')).json).toEqual({ enabled: true, alertChannel: { label: 'Meldpunt / Spoed', setBy: 'Coco', setAt: clock.now().toISOString(), stale: false } });
    const anna = asVolunteer(app.url, await login(app.url, 'anna', password));
    expect((await anna.call('GET', '/teams')).status).toBe(403);
  });

  test('an unlinked Teams user who presses Oppakken is told how to link and claims nothing', async () => {
    const ticket = await urgentTicket('conv-unlinked');
    const alert = cloud.calls.find((c) => c.conversationId === '19:alerts@thread.tacv2' && cardText(c).includes(ticket.id));
    if (alert === undefined) throw new Error('no alert card');
    const stranger = teamsUser('Onbekend');
    const press = await teams.post(teams.execute(stranger, 'claim', { hh: 'claim', ticketId: ticket.id }, alert.resultId));
    expect(answerSchema.parse(press.body)).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('nog niet gekoppeld') });
    expect((await app.handoff.queue.get(ticket.id))?.state).toBe('waiting');
    // The Action.Submit fallback says the same in the thread.
    await teams.post(teams.submit(stranger, { hh: 'claim', ticketId: ticket.id }, { id: `19:alerts@thread.tacv2;messageid=${alert.resultId}`, conversationType: 'channel' }));
    expect(textOf(cloud.calls.at(-1) ?? (() => { throw new Error('no reply'); })())).toContain('nog niet gekoppeld');
    expect((await app.handoff.queue.get(ticket.id))?.state).toBe('waiting');
  });

  test('heartbeat rule: each Teams line extends the claim; silence past CLAIM_TIMEOUT_S returns the ticket and reopens the card', async () => {
    const annaTeams = teamsUser('Anna 2');
    await app.teamsStore.link(annaTeams.aadObjectId, 'anna');
    const ticket = await urgentTicket('conv-heartbeat');
    const alert = cloud.calls.find((c) => c.conversationId === '19:alerts@thread.tacv2' && cardText(c).includes(ticket.id));
    if (alert === undefined) throw new Error('no alert card');
    await teams.post(teams.execute(annaTeams, 'claim', { hh: 'claim', ticketId: ticket.id }, alert.resultId));
    expect((await app.handoff.queue.get(ticket.id))?.claimedBy).toBe('anna');
    const chat = await app.teamsStore.personalChat('anna');
    if (chat === null) throw new Error('no 1:1 chat');
    const line = () => ({ ...teams.message(annaTeams, 'Ik kijk even mee.'), conversation: { id: chat.conversationId, conversationType: 'personal', tenantId: 'tenant-1' } });

    clock.advance(100_000);
    expect((await teams.post(line())).status).toBe(200);
    clock.advance(100_000);
    expect(await app.handoff.queue.expireStale(clock.now())).toEqual([]);
    expect((await app.handoff.queue.get(ticket.id))?.state).toBe('claimed');

    clock.advance(21_000);
    const expired = await app.handoff.queue.expireStale(clock.now());
    expect(expired.map((t) => t.id)).toEqual([ticket.id]);
    await app.teams?.alerts.idle();
    await cloud.waitForCalls((calls) => calls.some((c) => c.method === 'PUT' && c.activityId === alert.resultId && cardText(c).includes('Oppakken')));
    await cloud.waitForCalls((calls) => calls.some((c) => c.conversationId === chat.conversationId && textOf(c) === 'Je was een tijd stil. Het gesprek is terug in de rij.'));
    // Its lines no longer reach anyone.
    await teams.post(line());
    expect(textOf(cloud.calls.at(-1) ?? (() => { throw new Error('no reply'); })())).toContain('Je helpt nu niemand via Teams');
  });

  test('a 403 on the alert channel (app removed) marks it stale for the coordinators; sends retry 502 first', async () => {
    cloud.failNext(502, 1);
    const retried = await urgentTicket('conv-retried');
    expect(cloud.refused.at(-1)).toEqual({ status: 502, method: 'POST', conversationId: '19:alerts@thread.tacv2' });
    expect(cloud.calls.some((c) => c.conversationId === '19:alerts@thread.tacv2' && cardText(c).includes(retried.id))).toBe(true);

    cloud.failNext(403, 1, { error: { code: 'BotNotInConversationRoster' } });
    const refused = await urgentTicket('conv-refused');
    expect(cloud.refused.at(-1)).toEqual({ status: 403, method: 'POST', conversationId: '19:alerts@thread.tacv2' });
    expect(cloud.calls.some((c) => cardText(c).includes(refused.id))).toBe(false);
    const coco = asVolunteer(app.url, await login(app.url, 'coco', password));
    expect((await coco.call('GET', '/teams')).json).toMatchObject({ alertChannel: { stale: true } });
    // A new "meldingen hier" (the app is back) clears it.
    await teams.post(teams.channelMessage(teamsUser('Coco'), 'meldingen hier'));
    expect((await coco.call('GET', '/teams')).json).toMatchObject({ alertChannel: { stale: false } });
  });
});
