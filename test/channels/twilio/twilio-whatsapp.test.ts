import { afterEach, describe, expect, it } from 'vitest';
import { asVolunteer, login, ticketOf } from '../../handoff/console-client.js';
import { manualClock } from '../../helpers/manual-clock.js';
import { startApp, type StartedApp } from '../../helpers/start-app.js';
import { waitFor } from '../../helpers/wait-for.js';
import { startFakeTwilioApi, type FakeTwilioApi } from './fake-twilio-api.js';
import { twilioEnv, twilioPerson } from './twilio-person.js';

const password = 'een lang wachtwoord voor de test';
const volunteers = [{ username: 'anna', password, role: 'volunteer' as const }];
const number = 'whatsapp:+31687654321';

/** 25 hours pass while the volunteer's console keeps the claim and the sign-in alive with its heartbeat. */
async function aDayLater(clock: { advance(ms: number): void }, anna: ReturnType<typeof asVolunteer>): Promise<void> {
  for (let hour = 0; hour < 25; hour++) {
    clock.advance(3_600_000 - 60_000);
    expect((await anna.call('POST', '/heartbeat')).status).toBe(200);
  }
}

describe('WhatsApp over Twilio with a volunteer, end to end (real server, console API, local fake Messages API)', () => {
  let fake: FakeTwilioApi | undefined;
  let app: StartedApp | undefined;
  afterEach(async () => {
    await app?.close();
    await fake?.close();
    app = undefined;
    fake = undefined;
  });

  async function start(extra: Record<string, string> = {}) {
    fake = await startFakeTwilioApi();
    const env = twilioEnv(fake.url, { CLAIM_TIMEOUT_S: '3600', ...extra });
    const clock = manualClock('2026-01-05T10:00:00.000Z');
    app = await startApp({ env, clock, volunteers });
    return { fake, app, env, clock, person: twilioPerson(app.url, env, number) };
  }

  const to = (f: FakeTwilioApi) => f.sent.filter((m) => m.To === number);
  async function nth(f: FakeTwilioApi, n: number): Promise<string> {
    await waitFor(() => to(f).length >= n, `WhatsApp message ${n}`, 10_000);
    return to(f)[n - 1]?.Body ?? to(f)[n - 1]?.ContentVariables ?? '';
  }

  /** The person asks for a human and consents by digit; a volunteer claims the chat. */
  async function handedOver() {
    const s = await start();
    await s.person.send('hallo');
    await nth(s.fake, 1);
    await s.person.send('mens');
    expect(await nth(s.fake, 2)).toMatch(/^Mag ik je gesprek doorgeven aan een vrijwilliger\?[^]*\n\n1 Ja\n2 Nee\n/);
    await s.person.send('1');
    expect(await nth(s.fake, 3)).toContain('Je bent nummer 1 in de rij');
    const anna = asVolunteer(s.app.url, await login(s.app.url, 'anna', password));
    const ticket = ticketOf(await anna.waiting(), (await anna.waiting())[0]?.conversationId ?? '');
    expect(ticket).toMatchObject({ kind: 'chat', reason: 'asked_for_human' });
    expect((await s.app.handoff.queue.get(ticket.id))?.channel).toBe('whatsapp');
    await anna.claim(ticket.id);
    expect(await nth(s.fake, 4)).toContain('Er is nu een vrijwilliger bij je gesprek');
    return { ...s, anna, ticket };
  }

  it('asks for a human, consents, a volunteer claims; lines go both ways and the volunteer\'s reaches the number', async () => {
    const { fake: f, person, anna, ticket } = await handedOver();
    expect(to(f).every((m) => m.From === 'whatsapp:+31850000001')).toBe(true);
    expect(ticket.conversationId).not.toContain('687654321');

    const hello = 'Hoi, ik ben Anna. Vertel maar wat er speelt.';
    expect((await anna.call('POST', `/tickets/${ticket.id}/messages`, { text: hello })).status).toBe(204);
    expect(await nth(f, 5)).toBe(hello);

    const question = 'Ik heb een brief van de deurwaarder gekregen';
    await person.send(question);
    await expect
      .poll(async () => (await anna.ticket(ticket.id)).transcript.map((l) => [l.from, l.text]), { timeout: 10_000 })
      .toEqual(expect.arrayContaining([['volunteer', hello], ['person', question]]));
    // The bot stays silent while the volunteer holds the chat.
    await new Promise((r) => setTimeout(r, 300));
    expect(to(f)).toHaveLength(5);
  });

  it('24 hours after the person\'s last message the volunteer\'s line is not sent; the console says the person must write first', async () => {
    const { fake: f, person, anna, ticket, clock } = await handedOver();
    await aDayLater(clock, anna);
    const answer = await anna.call('POST', `/tickets/${ticket.id}/messages`, { text: 'Ben je er nog?' });
    expect(answer).toEqual({ status: 200, json: { delivered: false, reason: 'window_closed' } });
    await new Promise((r) => setTimeout(r, 300));
    expect(to(f)).toHaveLength(4);
    // Not lost: the line is in the transcript; once the person writes again, the window is open.
    expect((await anna.ticket(ticket.id)).transcript.map((l) => l.text)).toContain('Ben je er nog?');
    await person.send('Ik ben er weer');
    await expect.poll(async () => (await anna.call('POST', `/tickets/${ticket.id}/messages`, { text: 'Fijn!' })).status, { timeout: 10_000 }).toBe(204);
    expect(await nth(f, 5)).toBe('Fijn!');
  });
});

describe('WhatsApp outside the 24-hour window with an approved template', () => {
  it('sends the volunteer\'s line as the template (ContentSid) instead of free text', async () => {
    const fake = await startFakeTwilioApi();
    const template = `HX${'a'.repeat(32)}`;
    const env = twilioEnv(fake.url, { TWILIO_WHATSAPP_TEMPLATE_SID: template, CLAIM_TIMEOUT_S: '3600' });
    const clock = manualClock('2026-01-05T10:00:00.000Z');
    const app = await startApp({ env, clock, volunteers });
    try {
      const person = twilioPerson(app.url, env, number);
      await person.send('mens');
      await waitFor(() => fake.sent.length >= 1, 'the consent question', 10_000);
      await person.send('1');
      await waitFor(() => fake.sent.length >= 2, 'the waiting room', 10_000);
      const anna = asVolunteer(app.url, await login(app.url, 'anna', password));
      const [ticket] = await anna.waiting();
      if (ticket === undefined) throw new Error('no ticket');
      await anna.claim(ticket.id);
      await waitFor(() => fake.sent.length >= 3, 'the volunteer joined', 10_000);
      await aDayLater(clock, anna);
      expect((await anna.call('POST', `/tickets/${ticket.id}/messages`, { text: 'Ben je er nog?\nBel gerust.' })).status).toBe(204);
      await waitFor(() => fake.sent.length >= 4, 'the template', 10_000);
      expect(fake.sent[3]).toMatchObject({ To: number, ContentSid: template, ContentVariables: JSON.stringify({ '1': 'Ben je er nog? Bel gerust.' }) });
      expect(fake.sent[3]?.Body).toBeUndefined();
    } finally {
      await app.close();
      await fake.close();
    }
  });
});
