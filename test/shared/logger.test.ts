import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { createLogger, redactedFields } from '../../src/shared/logger.js';
import { startApp, type StartedApp } from '../helpers/start-app.js';
import { sleep } from '../helpers/wait-for.js';
import { history, lastOf, newSession, payloads, postRaw, turn } from '../channels/web/web-client.js';
import { helloSocket } from '../channels/web/socket-client.js';

/** A pino destination that keeps every line written to it. */
function captureStream(): { write(line: string): void; text(): string; lines(): Record<string, unknown>[] } {
  const chunks: string[] = [];
  return {
    write: (line) => void chunks.push(line),
    text: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => z.record(z.string(), z.unknown()).parse(JSON.parse(l))),
  };
}

describe('createLogger', () => {
  it('writes JSON lines at the level asked, with the service name', () => {
    const out = captureStream();
    const log = createLogger('info', out);
    log.debug('not written');
    log.info({ conversationId: 'c1' }, 'written');
    expect(out.lines()).toEqual([expect.objectContaining({ level: 30, msg: 'written', service: 'huurhulp', conversationId: 'c1' })]);
  });

  it('redacts every personal field at the top level and nested one and two levels deep', () => {
    const out = captureStream();
    const log = createLogger('info', out);
    const secret = (f: string): string => `SECRET-${f}-VALUE`;
    for (const field of redactedFields) {
      log.info({ [field]: secret(field), nested: { [field]: secret(field) }, deep: { inner: { [field]: secret(field) } }, kept: 'visible' }, `field ${field}`);
    }
    const lines = out.lines();
    expect(lines).toHaveLength(redactedFields.length);
    for (const [i, field] of redactedFields.entries()) {
      expect(lines[i]).toMatchObject({
        [field]: '[redacted]',
        nested: { [field]: '[redacted]' },
        deep: { inner: { [field]: '[redacted]' } },
        kept: 'visible',
      });
    }
    expect(out.text()).not.toContain('SECRET-');
  });

  it('redacts objects and arrays under a personal field, not just strings', () => {
    const out = captureStream();
    createLogger('info', out).info({ answers: { phone: '0612345678', role: 'tenant' }, quick_replies: [{ title: 'Jansen' }] }, 'structured');
    expect(out.lines()[0]).toMatchObject({ answers: '[redacted]', quick_replies: '[redacted]' });
    expect(out.text()).not.toMatch(/0612345678|Jansen|tenant/);
  });

  it('redacts phone numbers in any field, at any depth, in the message and in error texts', () => {
    const out = captureStream();
    const log = createLogger('info', out);
    const numbers = ['+31612345678', 'whatsapp:+31612345678', '0031 6 1234 5678', '06-12345678', '020 123 4567', '+44 7700 900123'];
    for (const n of numbers) {
      log.info({ from: n, deep: { list: [{ whoever: `van ${n} af` }] }, err: new Error(`send to ${n} failed`) }, `inbound from ${n}`);
    }
    const text = out.text();
    for (const n of numbers) expect(text).not.toContain(n.replace('whatsapp:', ''));
    expect(out.lines()[0]).toMatchObject({ from: '[phone]', msg: 'inbound from [phone]' });
  });

  it('leaves ids, times, amounts and counts that are not phone numbers alone', () => {
    const out = captureStream();
    createLogger('info', out).info({ conversationId: 'sms-Ab0612345678cd', streamId: '1764900000000-0', ms: 0.0612345678, code: 'HH-7K3M9P', count: 612345678 }, 'kept');
    expect(out.lines()[0]).toMatchObject({ conversationId: 'sms-Ab0612345678cd', streamId: '1764900000000-0', ms: 0.0612345678, code: 'HH-7K3M9P', count: 612345678 });
  });

  it('covers the names the issue lists', () => {
    for (const field of ['text', 'payload', 'answers', 'summary', 'phone', 'email', 'token', 'authorization']) expect(redactedFields).toContain(field);
  });

  it('redacts the authorization and cookie request headers', () => {
    const out = captureStream();
    createLogger('info', out).info({ req: { method: 'POST', headers: { authorization: 'Bearer abc.def', cookie: 'sid=xyz', 'user-agent': 'test' } } }, 'request');
    expect(out.lines()[0]).toMatchObject({ req: { method: 'POST', headers: { authorization: '[redacted]', cookie: '[redacted]', 'user-agent': 'test' } } });
    expect(out.text()).not.toMatch(/abc\.def|sid=xyz/);
  });
});

describe('no typed text in the log, end to end (real server, debug level)', () => {
  const out = captureStream();
  let app: StartedApp;
  beforeAll(async () => {
    app = await startApp({ now: '2026-11-22T10:00:00+01:00', logger: createLogger('debug', out) });
  });
  afterAll(async () => {
    await app.close();
  });

  it('logs the turns (conversation id, effects) but none of the words a person typed', async () => {
    const typed = {
      greeting: 'Hallo, ik ben Marieke van Dijk uit Zwolle',
      date: 'volgende week woensdag',
      crisis: 'ik zie het niet meer zitten, echt niet',
      script: '<script>alert("pwn-7f3a")</script>',
      refusedLong: `Postcode 8011AB ${'z'.repeat(2001)}`,
      overSocket: 'mijn telefoon is 0612345678',
    };
    const s = await newSession(app.url);
    await turn(app.url, s.token, { text: typed.greeting });
    await turn(app.url, s.token, { payload: 'choice:tenant' });
    await turn(app.url, s.token, { payload: 'choice:dagvaarding' });
    const counted = await turn(app.url, s.token, { text: typed.date });
    // The date was understood: the guide goes on with its next question (with buttons).
    expect(payloads(lastOf(counted))).toContain('choice:rent');
    const crisis = await turn(app.url, s.token, { text: typed.crisis });
    expect(crisis.map((m) => m.text).join(' ')).toContain('113');
    // Yes to a human: the handoff is logged (reason, priority), not the answers in its summary.
    await turn(app.url, s.token, { payload: 'choice:yes' });
    await turn(app.url, s.token, { text: typed.script });
    const refused = await postRaw(app.url, JSON.stringify({ type: 'message', text: typed.refusedLong }), { token: s.token });
    expect(refused.status).toBe(400);
    const socket = await helloSocket(app.url, s.token);
    socket.send({ type: 'message', text: typed.overSocket });
    await socket.frameOfType('message');
    socket.send('{"type":"message","text":"broken frame Kerkstraat 12"');
    await socket.frameOfType('error');
    await socket.close();
    await sleep(20);

    const log = out.text();
    // The log is really written: the turns are there, with the conversation id only.
    const lines = out.lines();
    expect(lines.filter((l) => l['msg'] === 'turn done' && l['conversationId'] === s.conversationId).length).toBeGreaterThanOrEqual(8);
    expect(lines.some((l) => l['msg'] === 'handoff requested' && l['priority'] === 'crisis')).toBe(true);
    for (const text of [...Object.values(typed), 'broken frame Kerkstraat 12']) expect(log).not.toContain(text);
    for (const fragment of ['Marieke', 'Zwolle', 'woensdag', 'zitten', 'pwn-7f3a', '<script', '8011AB', '0612345678', 'Kerkstraat', s.token]) {
      expect(log).not.toContain(fragment);
    }
    // Nor what the engine derived from it (the court date and the answers).
    expect(log).not.toContain('2026-11-25');
    expect(await history(app.url, s.token)).not.toHaveLength(0);
  });
});
