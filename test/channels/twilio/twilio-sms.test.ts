import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { smsSegments } from '../../../src/channels/twilio/gsm7.js';
import { createLogger } from '../../../src/shared/logger.js';
import { startApp, type StartedApp } from '../../helpers/start-app.js';
import { waitFor } from '../../helpers/wait-for.js';
import { startFakeTwilioApi, type FakeTwilioApi } from './fake-twilio-api.js';
import { newMessageSid, twilioEnv, twilioPerson, WEBHOOK } from './twilio-person.js';

/** Collects the log lines of a whole test app. */
function captureLog(): { write(line: string): void; text(): string } {
  const chunks: string[] = [];
  return { write: (line) => void chunks.push(line), text: () => chunks.join('') };
}

describe('SMS over Twilio, end to end (real server, local fake Messages API)', () => {
  let fake: FakeTwilioApi;
  let app: StartedApp;
  let env: Record<string, string>;
  const log = captureLog();
  const phone = '+31612345678';

  beforeAll(async () => {
    fake = await startFakeTwilioApi();
    env = twilioEnv(fake.url);
    app = await startApp({ env, now: '2026-11-22T10:00:00+01:00', logger: createLogger('debug', log) });
  });
  afterEach(() => {
    fake.sent.splice(0);
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  /** Waits for the n-th reply to `to` and returns its body. */
  async function reply(to: string, n: number): Promise<string> {
    await waitFor(() => fake.sent.filter((m) => m.To === to).length >= n, `reply ${n}`, 10_000);
    return fake.sent.filter((m) => m.To === to)[n - 1]?.Body ?? '';
  }

  it('from "hallo" through the phase guide by digits to a phase explanation, one SMS per turn, answered with empty TwiML', async () => {
    const person = twilioPerson(app.url, env, phone);
    const first = await person.send('hallo');
    expect(first.status).toBe(200);
    expect(first.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    const welcome = await reply(phone, 1);
    expect(welcome).toContain('Voor wie zoek je hulp?\n\n1 Het gaat om mijn huur\n2 Ik maak me zorgen om iemand\n3 Iets anders\nStuur het nummer.');
    expect(fake.sent[0]).toMatchObject({ From: env['TWILIO_SMS_FROM'], To: phone, accountSid: env['TWILIO_ACCOUNT_SID'] });

    await person.send('1');
    expect(await reply(phone, 2)).toContain('3 Brief incasso of deurwaarder');
    await person.send('3');
    // A letter from the incasso or deurwaarder: first, does it name a court date? "2" is "Nee".
    expect(await reply(phone, 3)).toContain('2 Nee');
    await person.send('2');
    const explanation = await reply(phone, 4);
    expect(explanation).toContain('De verhuurder heeft een incassobureau of een deurwaarder gevraagd');
    expect(explanation).toContain('2 Wat kan ik doen?');
    // Every turn went out as one message.
    expect(fake.sent).toHaveLength(4);
    // GSM-7 throughout (the accented "officiële" becomes "officiele"), within 1,600 characters.
    for (const m of fake.sent) {
      expect(smsSegments(m.Body ?? '').encoding).toBe('GSM-7');
      expect((m.Body ?? '').length).toBeLessThanOrEqual(1600);
    }
    expect(explanation).toContain('officiele taak');
  });

  it('forged signature, signature for another URL, tampered body, no signature: 403 and nothing happens', async () => {
    const person = twilioPerson(app.url, env, '+31611111111');
    const before = fake.attempts;
    const attempts = [
      await person.send('hallo', { signToken: 'another-auth-token-0123456789' }),
      await person.send('hallo', { signUrl: 'https://evil.example/api/twilio/messages' }),
      await person.send('hallo', { signUrl: `${env['PUBLIC_URL']}${WEBHOOK}?x=1` }),
      await person.send('hallo', { tamper: (f) => ({ ...f, Body: 'verwijder mijn gegevens' }) }),
      await person.send('hallo', { tamper: (f) => ({ ...f, From: '+31699999999' }) }),
      await person.send('hallo', { signature: null }),
      await person.send('hallo', { signature: 'AAAA' }),
    ];
    for (const a of attempts) {
      expect(a.status).toBe(403);
      expect(JSON.parse(a.text)).toMatchObject({ error: { code: 'SIGNATURE_INVALID' } });
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.attempts).toBe(before);
    expect(fake.sent).toEqual([]);
  });

  it('the same MessageSid twice (a redelivery): answered 200 both times, one reply', async () => {
    const to = '+31622222222';
    const person = twilioPerson(app.url, env, to);
    const sid = newMessageSid();
    expect((await person.send('hallo', { sid })).status).toBe(200);
    expect((await person.send('hallo', { sid })).status).toBe(200);
    await reply(to, 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.sent.filter((m) => m.To === to)).toHaveLength(1);
  });

  it('a provider 500 on send is retried; when it keeps failing it is logged and the process keeps serving', async () => {
    const to = '+31633333333';
    const person = twilioPerson(app.url, env, to);
    const before = fake.attempts;
    fake.failNext({ status: 500 });
    await person.send('hallo');
    expect(await reply(to, 1)).toContain('Voor wie zoek je hulp?');
    expect(fake.attempts - before).toBe(2);

    fake.failNext({ status: 500 }, { status: 503 }, { status: 500 });
    await person.send('1');
    await waitFor(() => log.text().includes('"message not sent"'), 'the failure in the log', 10_000);
    expect(fake.sent.filter((m) => m.To === to)).toHaveLength(1);
    expect(log.text()).toContain('"reason":"provider_error"');
    // Still serving: the next message is answered, and the person's earlier one was kept (the dialog moved on).
    await person.send('3');
    expect(await reply(to, 2)).toContain('gedagvaard');
  });

  it('a photo is neither stored nor forwarded: a kind reply that only text works', async () => {
    const to = '+31644444444';
    const person = twilioPerson(app.url, env, to);
    await person.send('', { fields: { NumMedia: '1', MediaUrl0: 'https://api.twilio.com/media/ME1', MediaContentType0: 'image/jpeg' } });
    const answer = await reply(to, 1);
    expect(answer).toContain('Ik kan alleen tekst lezen');
    expect(log.text()).not.toContain('MediaUrl0');
    expect(log.text()).not.toContain('/media/ME1');
  });

  it('STOP (Twilio\'s opt-out word) ends the chat without a reply; "stoppen" ends it kindly', async () => {
    const to = '+31655555555';
    const person = twilioPerson(app.url, env, to);
    await person.send('hallo');
    await reply(to, 1);
    expect((await person.send('STOP')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 400));
    expect(fake.sent.filter((m) => m.To === to)).toHaveLength(1);
    await person.send('hallo');
    await reply(to, 2);
    await person.send('stoppen');
    expect(await reply(to, 3)).toMatch(/\S/);
  });

  it('a body that is not a Twilio form, or not signed, never reaches the engine', async () => {
    const res = await fetch(`${app.url}${WEBHOOK}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ Body: 'hallo' }) });
    expect(res.status).toBe(403);
  });

  it('no phone number in any log line of the whole test', () => {
    expect(log.text().length).toBeGreaterThan(0);
    for (const n of ['612345678', '611111111', '622222222', '633333333', '644444444', '655555555']) expect(log.text()).not.toContain(n);
  });
});
