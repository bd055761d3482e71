import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Melding } from '../../src/domain/melding/melding.js';
import type { Ticket } from '../../src/handoff/ticket.js';
import { redisForTest, type RedisForTest } from '../helpers/redis-test-client.js';
import { startApp, type StartedApp } from '../helpers/start-app.js';
import { payloads, turn } from '../channels/web/web-client.js';
import { replayTranscript } from './replay-transcript.js';

const NOW = '2026-11-22T10:00:00+01:00';

/** What must not be left of the sister's conversation: its id, the code, the phone numbers, her message. */
const traces = (conversationId: string, code: string): string[] => [conversationId, code, '+31612345678', '+31687654321', 'schaamt'];

describe('zorgmelding end to end on real Redis', () => {
  let redis: RedisForTest;
  let app: StartedApp | undefined;

  beforeAll(async () => {
    redis = await redisForTest();
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  afterAll(async () => {
    await redis.cleanup();
  });

  /** Every key under the prefix with its whole content, to look for what a conversation left behind. */
  async function dump(prefix: string): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const key of await redis.keys(prefix)) {
      const type = await redis.client.type(key);
      const content =
        type === 'hash' ? await redis.client.hGetAll(key)
        : type === 'zset' ? await redis.client.zRangeWithScores(key, 0, -1)
        : type === 'set' ? await redis.client.sMembers(key)
        : type === 'stream' ? await redis.client.xRange(key, '-', '+')
        : type === 'list' ? await redis.client.lRange(key, 0, -1)
        : await redis.client.get(key);
      out.set(key, JSON.stringify(content));
    }
    return out;
  }

  interface Reported {
    readonly app: StartedApp;
    readonly prefix: string;
    readonly cid: string;
    readonly token: string;
    readonly melding: Melding;
    readonly ticket: Ticket;
    /** A report by someone else, made first, which must survive the sister's deletion. */
    readonly other: { readonly cid: string; readonly melding: Melding };
  }

  /** A fresh app on its own prefix: someone else's report, then the sister's (transcript melding.sister-eviction-soon). */
  async function report(): Promise<Reported> {
    const prefix = redis.freshPrefix();
    const started = await startApp({ store: 'redis', prefix, now: NOW });
    app = started;
    const other = await replayTranscript(started.url, 'melding.email.yaml', { through: 'choice:send' });
    const [otherReport] = await started.stores.meldingen.listByConversation(other.session.conversationId);
    const sister = await replayTranscript(started.url, 'melding.sister-eviction-soon.yaml', { through: 'choice:send' });
    const cid = sister.session.conversationId;
    const [melding] = await started.stores.meldingen.listByConversation(cid);
    const ticket = await started.handoff.queue.byConversation(cid);
    if (otherReport === undefined || melding === undefined || ticket === null) throw new Error('the reports were not stored and queued');
    return { app: started, prefix, cid, token: sister.session.token, melding, ticket, other: { cid: other.session.conversationId, melding: otherReport } };
  }

  async function deleteMyData(r: Reported): Promise<string> {
    const confirm = await turn(r.app.url, r.token, { text: 'verwijder mijn gegevens' });
    expect(payloads(confirm.at(-1))).toEqual(['choice:yes', 'choice:no']);
    const done = await turn(r.app.url, r.token, { payload: 'choice:yes' });
    return done.map((m) => m.text).join('\n');
  }

  it('stores and queues the report with a TTL on every key, and "verwijder mijn gegevens" leaves none of it', async () => {
    const r = await report();
    expect(r.melding).toMatchObject({ urgency: 'urgent', phase: 4, conversationId: r.cid, reporterContact: { phone: '+31612345678' } });
    expect(r.ticket).toMatchObject({ kind: 'melding', state: 'waiting', meldingRef: r.melding.code, urgency: 'urgent' });
    expect((await r.app.handoff.queue.list('waiting')).map((t) => t.meldingRef)).toContain(r.melding.code);
    expect(r.other.melding.reporterContact.email).toBe('Sanne@voorbeeld.nl');

    // Every key expires; the conversation's own keys are all there.
    const ttls = await redis.ttls(r.prefix);
    for (const [key, ttl] of ttls) expect(ttl, `${key} has no TTL`).toBeGreaterThan(0);
    for (const key of [`session:{${r.cid}}`, `msgs:{${r.cid}}`, `transcript:{${r.cid}}`, `{melding}:doc:${r.melding.code}`, `{melding}:by-conversation:${r.cid}`, `{handoff}:ticket:${r.ticket.id}`]) {
      expect([...ttls.keys()]).toContain(`${r.prefix}:${key}`);
    }

    expect(await deleteMyData(r)).toContain('Ook je melding is gewist.');

    // Nothing left that names the conversation or its report, or holds what was typed for it (the ticket included).
    const left = await dump(r.prefix);
    // One tombstone is kept on purpose: the web token of a deleted conversation is refused until it would have
    // expired (issue #11 finding 10). It holds nothing but "1", and it expires.
    const tombstone = `${r.prefix}:revoked:{${r.cid}}`;
    expect(left.get(tombstone)).toBe('"1"');
    left.delete(tombstone);
    for (const [key, content] of left) {
      for (const trace of traces(r.cid, r.melding.code)) expect(`${key} ${content}`, `${key} still holds ${trace}`).not.toContain(trace);
    }
    expect(await r.app.handoff.queue.byConversation(r.cid)).toBeNull();
    expect(await r.app.handoff.queue.get(r.ticket.id)).toBeNull();
    expect((await r.app.handoff.queue.list('waiting')).map((t) => t.meldingRef)).not.toContain(r.melding.code);

    // The other conversation keeps its session, report and ticket, and every key still expires.
    expect(await r.app.stores.meldingen.get(r.other.melding.code)).toEqual(r.other.melding);
    expect([...left.keys()]).toEqual(expect.arrayContaining([`${r.prefix}:session:{${r.other.cid}}`, `${r.prefix}:{melding}:doc:${r.other.melding.code}`]));
    expect(await r.app.handoff.queue.byConversation(r.other.cid)).toMatchObject({ state: 'waiting', meldingRef: r.other.melding.code });
    for (const [key, ttl] of await redis.ttls(r.prefix)) expect(ttl, `${key} has no TTL`).toBeGreaterThan(0);
  });

  // The ticket's summary is a copy of the report (code, phone numbers, gemeente, notes): the queue erases it too.
  it('after the delete, no ticket holds the report any more', async () => {
    const r = await report();
    await deleteMyData(r);
    const holding = [...(await dump(r.prefix))].filter(([key]) => key !== `${r.prefix}:revoked:{${r.cid}}`).filter(([key, content]) => traces(r.cid, r.melding.code).some((t) => `${key} ${content}`.includes(t)));
    expect(holding.map(([key]) => key)).toEqual([]);
  });
});
