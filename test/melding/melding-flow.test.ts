import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { createLogger } from '../../src/shared/logger.js';
import type { Melding } from '../../src/domain/melding/melding.js';
import { startApp, type StartedApp } from '../helpers/start-app.js';
import { history, payloads, turn, type BotMessage } from '../channels/web/web-client.js';
import { replayTranscript, type ReplayedTranscript } from './replay-transcript.js';

/** A pino destination that keeps every line written to it. */
function captureStream(): { write(line: string): void; text(): string; lines(): Record<string, unknown>[] } {
  const chunks: string[] = [];
  const text = (): string => chunks.join('');
  return {
    write: (line) => void chunks.push(line),
    text,
    lines: () =>
      text()
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => z.record(z.string(), z.unknown()).parse(JSON.parse(l))),
  };
}

const texts = (messages: readonly BotMessage[]): string => messages.map((m) => m.text).join('\n');

// What the sister types instead of the recorded answers: markup, a control character and more than the cap in her
// message. The summary does not repeat the message ("Je bericht gaat ook mee"), so the gemeente, which it does show,
// carries markup too.
const typedGemeente = 'Utrecht <script>alert("gm-91c2")</script>';
const notesStart = '<script>alert("notes-4b7e")</script>\u0007 Hij schaamt zich en maakt zijn post niet meer open. ';
const typedNotes = notesStart + 'Hij slaapt slecht. '.repeat(70).slice(0, 1200 - notesStart.length);

// The steps build on each other (one app, one captured log), in order: the report, then who may see and delete it.
describe('zorgmelding end to end over the web API (memory store)', () => {
  const log = captureStream();
  let app: StartedApp;
  let sister: ReplayedTranscript;
  let melding: Melding;
  let english: ReplayedTranscript;
  let englishCode = '';
  let ticketId = '';

  beforeAll(async () => {
    app = await startApp({ now: '2026-11-22T10:00:00+01:00', logger: createLogger('debug', log) });
  });
  afterAll(async () => {
    await app.close();
  });

  it('(1) the sister path stores an urgent phase-4 report and queues a melding ticket', async () => {
    expect(typedNotes).toHaveLength(1200);
    sister = await replayTranscript(app.url, 'melding.sister-eviction-soon.yaml', {
      through: 'choice:send',
      replace: { Utrecht: typedGemeente, 'Hij schaamt zich en maakt zijn post niet meer open.': typedNotes },
    });
    const cid = sister.session.conversationId;
    const stored = await app.stores.meldingen.listByConversation(cid);
    expect(stored).toHaveLength(1);
    melding = stored[0] ?? expect.unreachable();
    expect(melding).toMatchObject({
      conversationId: cid,
      status: 'received',
      urgency: 'urgent',
      phase: 4,
      evictionDate: '2026-11-27',
      daysUntilEviction: 5,
      tenantConsents: 'yes',
      reporterContact: { phone: '+31612345678', email: null, bestTimes: 'evening' },
      tenantContact: { phone: '+31687654321', email: null },
    });
    // The person is given the same code that was stored.
    expect(texts(sister.turns.at(-1)?.replies ?? [])).toContain(`Je code is ${melding.code}.`);

    const waiting = await app.handoff.queue.list('waiting');
    const ticket = waiting.find((t) => t.conversationId === cid);
    expect(ticket).toMatchObject({ kind: 'melding', state: 'waiting', meldingRef: melding.code, urgency: 'urgent', reason: 'melding', channel: 'web' });
    expect(await app.handoff.queue.byConversation(cid)).toEqual(ticket);
    ticketId = ticket?.id ?? '';
  });

  it('(2) free text is stored as plain text (script kept, control character removed, capped) and shown escaped', () => {
    // Stored literally: nothing escaped or stripped but the control character, and at most 1,000 characters.
    expect(melding.notes?.startsWith('<script>alert("notes-4b7e")</script> Hij schaamt zich')).toBe(true);
    expect(melding.notes).not.toMatch(/\p{Cc}/u);
    // The engine cuts typed text at 1,000 before the control character goes, so 999 are kept here.
    expect(typedNotes.replace('\u0007', '').startsWith(melding.notes ?? '')).toBe(true);
    expect(melding.notes?.length).toBeGreaterThanOrEqual(999);
    expect(melding.notes?.length).toBeLessThanOrEqual(1000);
    expect(melding.gemeente).toBe(typedGemeente);

    // The web API escapes what was typed in the bot's summary; no reply carries markup.
    const replies = sister.turns.flatMap((t) => t.replies);
    expect(texts(replies)).toContain('Om wie: iemand uit je familie, in Utrecht &lt;script&gt;alert(&quot;gm-91c2&quot;)&lt;/script&gt;;');
    expect(texts(replies)).not.toContain('<script');
  });

  it('(2b) the history the widget reloads is escaped the same way', async () => {
    const kept = texts(await history(app.url, sister.session.token));
    expect(kept).toContain('in Utrecht &lt;script&gt;');
    expect(kept).not.toContain('<script');
  });

  it('(3) another conversation can neither read nor delete the report', async () => {
    const other = await replayTranscript(app.url, 'melding.sister-eviction-soon.yaml', { through: 'choice:melding' });
    const notFound = await turn(app.url, other.session.token, { text: `status ${melding.code}` });
    expect(notFound[0]?.text).toBe('Die code vind ik niet bij dit gesprek. Kijk of je hem goed hebt overgetypt, bijvoorbeeld HH-7K3M9P.');
    expect(texts(notFound)).not.toContain(melding.code);

    const confirm = await turn(app.url, other.session.token, { text: 'verwijder mijn gegevens' });
    expect(payloads(confirm.at(-1))).toEqual(['choice:yes', 'choice:no']);
    const done = await turn(app.url, other.session.token, { payload: 'choice:yes' });
    expect(texts(done)).toContain('Klaar. Ik heb dit gesprek en al je antwoorden verwijderd.');
    // It made no report, so it is not told one was erased.
    expect(texts(done)).not.toContain('melding');
    expect(await app.stores.sessions.get(other.session.conversationId)).toBeNull();

    // The first conversation's report and ticket are untouched.
    expect(await app.stores.meldingen.get(melding.code)).toEqual(melding);
    expect(await app.stores.meldingen.listByConversation(sister.session.conversationId)).toEqual([melding]);
    expect(await app.handoff.queue.byConversation(sister.session.conversationId)).toMatchObject({ state: 'waiting', meldingRef: melding.code });
  });

  it('(4) the conversation that made the report gets a one-line status without personal details', async () => {
    const status = await turn(app.url, sister.session.token, { text: `status ${melding.code}` });
    const line = status[0]?.text ?? '';
    expect(line).toBe(`Je melding ${melding.code}: ontvangen, een vrijwilliger gaat ermee aan de slag.`);
    for (const detail of ['+316', '06 12345678', '06-87654321', 'Utrecht', 'schaamt', 'script', 'avond', '27 november', '@']) {
      expect(texts(status)).not.toContain(detail);
    }
  });

  it('(5) "verwijder mijn gegevens" asks first, then erases the session, logs, transcript, report and ticket', async () => {
    const cid = sister.session.conversationId;
    expect((await app.stores.transcripts.list(cid)).length).toBeGreaterThan(0);
    expect((await app.stores.messages.list(cid)).length).toBeGreaterThan(0);

    const confirm = await turn(app.url, sister.session.token, { text: 'verwijder mijn gegevens' });
    expect(confirm.at(-1)?.text).toBe('Wil je dat ik dit gesprek en je antwoorden verwijder? Dat kan ik daarna niet meer terugzetten.');
    expect(payloads(confirm.at(-1))).toEqual(['choice:yes', 'choice:no']);
    // Asking is not deleting.
    expect(await app.stores.meldingen.get(melding.code)).not.toBeNull();

    const done = await turn(app.url, sister.session.token, { payload: 'choice:yes' });
    expect(texts(done)).toContain('Klaar. Ik heb dit gesprek en al je antwoorden verwijderd.');
    expect(texts(done)).toContain('Ook je melding is gewist.');

    expect(await app.stores.sessions.get(cid)).toBeNull();
    expect(await app.stores.messages.list(cid)).toEqual([]);
    expect(await app.stores.transcripts.list(cid)).toEqual([]);
    expect(await app.stores.meldingen.listByConversation(cid)).toEqual([]);
    expect(await app.stores.meldingen.get(melding.code)).toBeNull();
    expect(await app.handoff.queue.byConversation(cid)).toBeNull();
    // The ticket, with its copy of the report, is erased too.
    expect(await app.handoff.queue.get(ticketId)).toBeNull();
    expect((await app.handoff.queue.list('waiting')).filter((t) => t.conversationId === cid || t.meldingRef === melding.code)).toEqual([]);
    // Not even the goodbye is kept for the widget to reload, and the old token no longer opens anything (issue #11
    // finding 10): the history answers 401 TOKEN_INVALID.
    const reload = await fetch(`${app.url}/api/messages`, { headers: { authorization: `Bearer ${sister.session.token}` } });
    expect(reload.status).toBe(401);
    expect(await reload.json()).toMatchObject({ error: { code: 'TOKEN_INVALID' } });
  });

  it('(5b) "delete my data" does the same in English', async () => {
    english = await replayTranscript(app.url, 'melding.english.yaml', { through: 'choice:send' });
    const cid = english.session.conversationId;
    const [report] = await app.stores.meldingen.listByConversation(cid);
    expect(report).toMatchObject({ locale: 'en', reporterContact: { email: 'sam@example.com' } });
    englishCode = report?.code ?? '';
    expect(await app.handoff.queue.byConversation(cid)).toMatchObject({ kind: 'melding', state: 'waiting', meldingRef: englishCode });

    const confirm = await turn(app.url, english.session.token, { text: 'delete my data' });
    expect(confirm.at(-1)?.text).toBe("Do you want me to delete this conversation and your answers? I can't undo that afterwards.");
    const done = await turn(app.url, english.session.token, { payload: payloads(confirm.at(-1))[0] ?? '' });
    expect(texts(done)).toContain('Done. I have deleted this conversation and all your answers.');
    expect(texts(done)).toContain('Your report has been erased too.');

    expect(await app.stores.sessions.get(cid)).toBeNull();
    expect(await app.stores.messages.list(cid)).toEqual([]);
    expect(await app.stores.transcripts.list(cid)).toEqual([]);
    expect(await app.stores.meldingen.get(englishCode)).toBeNull();
    expect(await app.handoff.queue.byConversation(cid)).toBeNull();
  });

  it('(6) nothing of the reports reached the log, which did record the steps', () => {
    const lines = log.lines();
    // The log is really written: the report and the deletions are there, by conversation id and urgency only.
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'melding stored and queued', conversationId: sister.session.conversationId, urgency: 'urgent' }));
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'conversation data deleted on request', conversationId: sister.session.conversationId, reports: 1 }));
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'conversation data deleted on request', conversationId: english.session.conversationId, reports: 1 }));

    const out = log.text();
    const personal = [
      // notes, both conversations
      'notes-4b7e', 'schaamt', 'slaapt', 'ashamed', 'open his post',
      // phone numbers as typed and as stored
      '12345678', '87654321', '+316',
      // e-mail
      'sam@example.com', 'example.com',
      // gemeente
      'Utrecht', 'gm-91c2', '<script', 'alert(',
      // reference codes
      melding.code, englishCode, melding.code.slice(3),
    ];
    expect(englishCode).toMatch(/^HH-/);
    for (const value of personal) expect(out, `log contains ${value}`).not.toContain(value);
  });
});
