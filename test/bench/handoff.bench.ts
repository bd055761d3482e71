import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { z } from 'zod/v4';
import { loadConfig } from '../../src/config.js';
import { passwordHasher } from '../../src/console/auth/password-hash.js';
import { createHandoff } from '../../src/handoff/create-handoff.js';
import { HandoffError } from '../../src/handoff/handoff-error.js';
import type { EnqueueInput } from '../../src/handoff/ticket.js';
import { startHuurhulp } from '../../src/server.js';
import { connectRedis, type RedisClient } from '../../src/store/connect-redis.js';
import { systemClock } from '../../src/shared/clock.js';
import { createLogger } from '../../src/shared/logger.js';
import { startRedisServer } from '../helpers/redis-server.js';

/**
 * The volunteer queue against a real (throwaway) redis-server:
 * (a) enqueue-to-visible latency: from `enqueue()` to the `created` event at a HandoffEvents subscriber (what the
 *     console's event stream listens to), and through the real console SSE stream over HTTP, also from the
 *     person's consent ("choice:yes") over the web API;
 * (b) claim throughput: 20 volunteers, each on its own Redis connection, claim 2000 waiting tickets until none is
 *     left; every ticket must be claimed exactly once.
 */
export async function benchHandoff(): Promise<string[]> {
  const redis = await startRedisServer();
  try {
    return [...(await eventLatency(redis.url)), ...(await consoleStreamLatency(redis.url)), ...(await claimThroughput(redis.url))];
  } finally {
    await redis.stop();
  }
}

const latencyTickets = 500;
const warmup = 20;
const volunteers = 20;
const claimTickets = 2000;

function chatTicket(conversationId: string): EnqueueInput {
  return { kind: 'chat', conversationId, channel: 'web', locale: 'nl', urgency: 'normal', reason: 'asked_for_human', summary: { role: 'tenant', phase: 3 } };
}

function percentile(sortedMs: readonly number[], p: number): number {
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)] ?? Number.NaN;
}

function summary(label: string, samplesMs: readonly number[]): string {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const f = (ms: number): string => ms.toFixed(2);
  return `${label}: p50 ${f(percentile(sorted, 50))} ms, p99 ${f(percentile(sorted, 99))} ms, max ${f(percentile(sorted, 100))} ms (${sorted.length} tickets)`;
}

/** Resolves `arrived(key)` promises as events come in; a key is registered before the action that causes it. */
function arrivals() {
  const waiting = new Map<string, () => void>();
  return {
    expect(key: string): Promise<number> {
      return new Promise((resolve) => waiting.set(key, () => resolve(performance.now())));
    },
    arrived(key: string): void {
      waiting.get(key)?.();
      waiting.delete(key);
    },
  };
}

/** Times `count` sequential runs of `act(i)` until the matching arrival; the first `warmup` runs are not counted. */
async function timeArrivals(count: number, expectArrival: (i: number) => Promise<number>, act: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count + warmup; i++) {
    const arrived = expectArrival(i);
    const t0 = performance.now();
    await act(i);
    const ms = (await arrived) - t0;
    if (i >= warmup) samples.push(ms);
  }
  return samples;
}

async function eventLatency(url: string): Promise<string[]> {
  const client = await connectRedis(url);
  const handoff = createHandoff({ kind: 'redis', client, prefix: 'bench-events', clock: systemClock });
  const seen = arrivals();
  const off = await handoff.events.subscribe((e) => e.type === 'created' && seen.arrived(e.conversationId));
  const samples = await timeArrivals(latencyTickets, (i) => seen.expect(`ev${i}`), (i) => handoff.queue.enqueue(chatTicket(`ev${i}`)));
  await off();
  await handoff.close();
  await client.close();
  return [summary('enqueue -> created event (HandoffEvents subscriber)', samples)];
}

const sseDataSchema = z.object({ type: z.string(), conversationId: z.string() });

/** A console event stream read as it arrives: calls `onTicket` for every `ticket` event. */
function openTicketStream(url: string, cookie: string, onTicket: (type: string, conversationId: string) => void): Promise<{ ready: Promise<void>; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { cookie, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`GET /events answered ${res.statusCode}`));
      let buffer = '';
      let markReady = (): void => undefined;
      const ready = new Promise<void>((r) => (markReady = r));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event === 'ready') markReady();
          if (event !== 'ticket' || data === undefined) continue;
          const parsed = sseDataSchema.safeParse(JSON.parse(data));
          if (parsed.success) onTicket(parsed.data.type, parsed.data.conversationId);
        }
      });
      res.on('error', () => undefined);
      resolve({ ready, close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${url} answered ${res.status}: ${await res.text()}`);
  return res;
}

/** POST with JSON from a given local address (one person per address); resolves with the parsed answer. */
function postFrom(localAddress: string, url: string, body: unknown, token?: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}) };
    const req = request(url, { method: 'POST', localAddress, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status >= 300) reject(new Error(`POST ${url} answered ${status}: ${text}`));
        else resolve(JSON.parse(text));
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

async function consoleStreamLatency(url: string): Promise<string[]> {
  const secret = randomBytes(32).toString('base64url');
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STORE: 'redis', REDIS_URL: url, REDIS_PREFIX: 'bench-sse', SESSION_SECRET: secret }, () => secret);
  const app = await startHuurhulp({ config, logger: createLogger('silent'), clock: systemClock, online: async () => true });
  try {
    const password = 'een lang wachtwoord voor de benchmark';
    await app.consoleAuth.accounts.add({ username: 'bench', role: 'volunteer', passwordHash: await passwordHasher.hash(password) });
    const login = await postJson(`${app.url}/api/console/login`, { username: 'bench', password });
    const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    const seen = arrivals();
    const stream = await openTicketStream(`${app.url}/api/console/events`, cookie, (type, conversationId) => type === 'created' && seen.arrived(conversationId));
    await stream.ready;
    const direct = await timeArrivals(latencyTickets, (i) => seen.expect(`sse${i}`), (i) => app.handoff.queue.enqueue(chatTicket(`sse${i}`)));

    // The whole way: the person's consent over the web API (a turn, the enqueue, the waiting room) to the console.
    // The web API limits sessions per address, so each person connects from an address of their own: Linux
    // answers on all of 127.0.0.0/8; elsewhere this part is skipped.
    const lines = [summary('enqueue -> console SSE `ticket` event over HTTP', direct)];
    if (process.platform === 'linux') {
      const people = 200;
      const persons: { from: string; token: string; conversationId: string }[] = [];
      const sessionSchema = z.object({ token: z.string(), conversationId: z.string() });
      for (let i = 0; i < people + warmup; i++) {
        const from = `127.0.${1 + (i >> 8)}.${i & 255}`;
        const session = sessionSchema.parse(await postFrom(from, `${app.url}/api/web/session`, {}));
        const say = (input: object): Promise<unknown> => postFrom(from, `${app.url}/api/messages`, { type: 'message', ...input }, session.token);
        await say({ payload: 'intent:start' });
        await say({ text: 'mens' });
        persons.push({ from, ...session });
      }
      const fromConsent = await timeArrivals(
        people,
        (i) => seen.expect(persons[i]?.conversationId ?? ''),
        (i) => postFrom(persons[i]?.from ?? '', `${app.url}/api/messages`, { type: 'message', payload: 'choice:yes' }, persons[i]?.token),
      );
      lines.push(summary('person POSTs consent -> console SSE `ticket` event', fromConsent));
    } else {
      lines.push('person POSTs consent -> console SSE: skipped (needs the 127.0.0.0/8 loopback of Linux)');
    }
    stream.close();
    return lines;
  } finally {
    await app.close();
  }
}

interface ClaimRun {
  readonly claimsPerSecond: number;
  readonly conflicts: number;
  readonly ms: number;
}

/**
 * 20 volunteers claim every waiting ticket. Like a console, each keeps its own view of the waiting line, updated
 * by the live `claimed` events, and takes the first ticket in it that is still there; a 409 just drops that ticket
 * from its view. `rotate(v)` is where in the line volunteer v looks first (0: the top).
 */
async function claimRun(url: string, prefix: string, rotate: (volunteer: number) => number): Promise<ClaimRun> {
  const seedClient = await connectRedis(url);
  const seed = createHandoff({ kind: 'redis', client: seedClient, prefix, clock: systemClock });
  for (let i = 0; i < claimTickets; i += 100) {
    await Promise.all(Array.from({ length: 100 }, (_, j) => seed.queue.enqueue(chatTicket(`claim${i + j}`))));
  }
  const ids = (await seed.queue.list('waiting')).map((t) => t.id);
  if (ids.length !== claimTickets) throw new Error(`expected ${claimTickets} waiting tickets, got ${ids.length}`);

  const clients: RedisClient[] = await Promise.all(Array.from({ length: volunteers }, () => connectRedis(url)));
  const desks = await Promise.all(
    clients.map(async (client, v) => {
      const handoff = createHandoff({ kind: 'redis', client, prefix, clock: systemClock });
      const start = rotate(v);
      const view = [...ids.slice(start), ...ids.slice(0, start)];
      const gone = new Set<string>();
      await handoff.events.subscribe((e) => e.type === 'claimed' && gone.add(e.ticketId));
      return { handoff, view, gone, won: [] as string[] };
    }),
  );
  let conflicts = 0;
  const t0 = performance.now();
  await Promise.all(
    desks.map(async (desk, v) => {
      let cursor = 0;
      for (;;) {
        while (cursor < desk.view.length && desk.gone.has(desk.view[cursor] ?? '')) cursor++;
        const id = desk.view[cursor];
        if (id === undefined) return;
        desk.gone.add(id);
        try {
          await desk.handoff.queue.claim(id, `volunteer${v}`);
          desk.won.push(id);
        } catch (e) {
          if (!(e instanceof HandoffError && e.code === 'TICKET_CLAIMED')) throw e;
          conflicts++;
        }
      }
    }),
  );
  const ms = performance.now() - t0;

  // Every ticket claimed exactly once, by the volunteer who was told it won it; none left waiting.
  const claimed = desks.flatMap((d) => d.won);
  if (claimed.length !== claimTickets || new Set(claimed).size !== claimTickets) throw new Error(`claims: ${claimed.length}, distinct: ${new Set(claimed).size}`);
  if ((await seed.queue.list('waiting')).length !== 0) throw new Error('tickets left waiting');
  for (const [v, desk] of desks.entries()) {
    for (const id of desk.won) {
      if ((await seed.queue.get(id))?.claimedBy !== `volunteer${v}`) throw new Error(`ticket ${id} is not held by volunteer${v}`);
    }
  }
  await Promise.all(desks.map((d) => d.handoff.close()));
  await Promise.all([...clients, seedClient].map((c) => c.close()));
  await seed.close();
  return { claimsPerSecond: (claimTickets / ms) * 1000, conflicts, ms };
}

async function claimThroughput(url: string): Promise<string[]> {
  // Everyone goes for the top of the line (the most contended case), then each starts at their own place.
  const top = await claimRun(url, 'bench-claim-top', () => 0);
  const spread = await claimRun(url, 'bench-claim-spread', (v) => Math.floor((v * claimTickets) / volunteers));
  const line = (label: string, r: ClaimRun): string =>
    `claim throughput, ${volunteers} volunteers on ${volunteers} connections, ${label}: ${Math.round(r.claimsPerSecond).toLocaleString('en')} claims/s ` +
    `(${claimTickets} tickets in ${Math.round(r.ms)} ms, ${r.conflicts.toLocaleString('en')} tries answered 409), every ticket claimed exactly once`;
  return [line('all take the top ticket', top), line('each starts elsewhere in the line', spread)];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchHandoff()) process.stdout.write(`${line}\n`);
  process.exit(0);
}
