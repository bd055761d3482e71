import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod/v4';
import { OUTBOUND_TOKEN, startFakeTeamsCloud, type FakeTeamsCloud, type RecordedCall } from '../../helpers/fake-teams-cloud.js';
import { startApp, type StartedApp } from '../../helpers/start-app.js';
import { teamsClient, teamsEnv, teamsUser } from '../../helpers/teams-client.js';

let cloud: FakeTeamsCloud;
let app: StartedApp;
let teams: ReturnType<typeof teamsClient>;

beforeAll(async () => {
  cloud = await startFakeTeamsCloud();
  app = await startApp({ now: '2026-11-22T09:00:00.000Z', env: teamsEnv(cloud), teams: { teamsToken: async () => OUTBOUND_TOKEN } });
  teams = teamsClient(app.url, cloud);
});

afterAll(async () => {
  await app?.close();
  await cloud?.close();
});

const submitSchema = z.object({ type: z.literal('Action.Submit'), title: z.string(), data: z.object({ hh: z.literal('answer'), payload: z.string(), card: z.string() }) });
const cardSchema = z.object({ type: z.literal('AdaptiveCard'), body: z.array(z.object({ text: z.string() })), actions: z.array(submitSchema) });
const bodySchema = z.object({ text: z.string().optional(), attachments: z.array(z.object({ contentType: z.string(), content: z.unknown() })).optional() });

/** What the bot sent in one turn: texts (plain messages and card texts) and the buttons of the last card. */
function turnOf(calls: readonly RecordedCall[]) {
  const texts: string[] = [];
  let buttons: z.infer<typeof submitSchema>[] = [];
  for (const call of calls) {
    const body = bodySchema.parse(call.body);
    if (body.text !== undefined) texts.push(body.text);
    for (const attachment of body.attachments ?? []) {
      expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
      const card = cardSchema.parse(attachment.content);
      texts.push(...card.body.map((b) => b.text));
      buttons = card.actions;
    }
  }
  return { texts, buttons, press: (payload: string) => buttons.find((b) => b.data.payload === payload) };
}

async function send(activity: Record<string, unknown>) {
  const before = cloud.calls.length;
  expect((await teams.post(activity)).status).toBe(200);
  // The bot answers inside the request: its sends are recorded by the time the response arrives.
  return turnOf(cloud.calls.slice(before));
}

describe('a person chats in Teams', () => {
  test('from greeting to a phase explanation by pressing card buttons; an old card gets the current question', async () => {
    const person = teamsUser('Sam');
    const greeting = await send(teams.message(person, 'hoi'));
    expect(greeting.texts[0]).toContain('Hoi, ik ben huurhulp');
    expect(greeting.texts[1]).toBe('Voor wie zoek je hulp?');
    expect(greeting.buttons.map((b) => b.title)).toEqual(['Het gaat om mijn huur', 'Ik maak me zorgen om iemand', 'Iets anders']);

    const tenant = greeting.press('choice:tenant');
    if (tenant === undefined) throw new Error('no tenant button');
    // Ten choices are more than a Teams card shows (6): numbered text, answered with the digit.
    const what = await send(teams.submit(person, tenant.data));
    expect(what.texts[0]).toContain("Wat is er gebeurd? Kies wat het best past. Twijfel je, kies dan 'Ik weet het niet'.");
    expect(what.texts[0]).toContain('5 Vonnis');
    expect(what.buttons).toEqual([]);
    // The greeting card is old now: its press gets the numbered question again.
    const stale = await send(teams.submit(person, tenant.data));
    expect(stale.texts[0]).toBe('Die knop hoort bij een eerdere vraag. Hier is de vraag van nu.');
    expect(stale.texts[1]).toContain('5 Vonnis');
    const about = await send(teams.message(person, '5'));
    expect(about.texts[0]).toContain('Waar gaat de zaak bij de rechter over?');
    const rent = about.press('choice:rent');
    if (rent === undefined) throw new Error('no "rent" button');
    const date = await send(teams.submit(person, rent.data));
    expect(date.texts[0]).toContain('Staat er in zijn brief al een datum');

    const no = date.press('choice:no');
    if (no === undefined) throw new Error('no "no" button');
    const explanation = await send(teams.submit(person, no.data));
    expect(explanation.texts[0]).toContain('Een vonnis is de beslissing van de rechter.');
    expect(explanation.buttons.map((b) => b.data.payload)).toEqual(['choice:more', 'choice:do', 'choice:human']);

    // A press on the first card: the question of now again, nothing answered.
    const old = await send(teams.submit(person, tenant.data));
    expect(old.texts[0]).toBe('Die knop hoort bij een eerdere vraag. Hier is de vraag van nu.');
    expect(old.texts[1]).toContain('Een vonnis is de beslissing van de rechter.');
    expect(old.buttons.map((b) => b.data.payload)).toEqual(['choice:more', 'choice:do', 'choice:human']);
    // The re-sent card still answers the current question.
    const more = old.press('choice:more');
    if (more === undefined) throw new Error('no more button');
    const next = await send(teams.submit(person, more.data));
    expect(next.texts.join(' ')).not.toContain('Die knop hoort bij een eerdere vraag');
  });
});
