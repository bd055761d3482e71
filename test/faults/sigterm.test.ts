import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { newSession, turn, type WebSession } from '../channels/web/web-client.js';
import { startRedisServer, type RunningServer } from '../helpers/redis-server.js';
import { sleep } from '../helpers/wait-for.js';
import { runMain, type MainProcess } from '../run-main.js';

// Issue #11 finding 3: SIGTERM dropped in-flight turns (some already applied). Now the process stops accepting,
// answers every turn it took, closes websockets with 1001 (so the widget reconnects elsewhere) and exits 0.
const people = 12;
const graceS = 10;

interface Outcome {
  readonly status: number | null;
  readonly error: string | null;
}

/** One turn on a fresh connection (no keep-alive), so each request is its own connection. */
function postTurn(url: string, token: string, text: string, clientIp: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const body = JSON.stringify({ type: 'message', text });
    const req = request(`${url}/api/messages`, {
      method: 'POST',
      agent: false,
      // Behind a (pretend) proxy each person has their own address, so the per-address limits stay out of the way.
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}`, 'x-forwarded-for': clientIp },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? null, error: null }));
      res.on('error', (e) => resolve({ status: res.statusCode ?? null, error: e.message }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ status: null, error: e.code ?? e.message }));
    req.end(body);
  });
}

describe('SIGTERM under load (real process, STORE=redis)', () => {
  let redis: RunningServer;
  let main: MainProcess;
  let url = '';
  const sessions: WebSession[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    main = runMain({
      PORT: '0',
      HOST: '127.0.0.1',
      STORE: 'redis',
      REDIS_URL: redis.url,
      REDIS_PREFIX: `s${randomBytes(4).toString('hex')}`,
      SESSION_SECRET: randomBytes(32).toString('base64url'),
      SHUTDOWN_GRACE_S: String(graceS),
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'info',
    });
    url = await main.running(50_000);
    for (let i = 0; i < people; i++) {
      const session = await newSession(url);
      await turn(url, session.token, { payload: 'intent:start' });
      sessions.push(session);
    }
  }, 90_000);
  afterAll(async () => {
    await main.stop();
    await redis.stop();
  });

  it('answers every turn it accepted, closes websockets with 1001 and exits 0', async () => {
    const first = sessions[0] ?? expect.unreachable();
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ type: 'hello', token: first.token }));
    await new Promise<void>((resolve) => ws.on('message', (data: WebSocket.RawData) => String(data).includes('"ready"') && resolve()));
    const wsClosed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

    let stopping = false;
    const outcomes: Promise<Outcome>[] = [];
    const workers = sessions.map(async (s, i) => {
      // At most 20 turns a person, a little apart: under any per-conversation turn limit.
      for (let n = 0; !stopping && n < 20; n++) {
        const sent = postTurn(url, s.token, `vraag ${i}-${n}`, `10.0.0.${i + 1}`);
        outcomes.push(sent);
        await sent;
        await sleep(30);
      }
    });
    await sleep(1500);
    // Every request issued until now is in flight or answered; none is issued after the signal.
    stopping = true;
    const signalledAt = Date.now();
    main.child.kill('SIGTERM');
    const exit = await main.exited;
    const tookMs = Date.now() - signalledAt;
    await Promise.all(workers);
    const all = await Promise.all(outcomes);

    expect(exit, main.output().slice(-3000)).toBe(0);
    expect(tookMs).toBeLessThan(graceS * 1000 + 3000);
    expect(all.length).toBeGreaterThan(people);
    const unanswered = all.filter((o) => o.status !== 200);
    expect(unanswered, `${unanswered.length} of ${all.length} turns not answered 200`).toEqual([]);
    expect(await wsClosed).toBe(1001);
    expect(main.output()).toContain('shutting down');
    expect(main.logs().filter((l) => l.level >= 50)).toEqual([]);
  }, 60_000);
});
