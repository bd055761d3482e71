import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createClient } from '@redis/client';
import WebSocket from 'ws';
import { z } from 'zod/v4';
import { startCountingProxy } from '../helpers/counting-proxy.js';
import { startRedisServer, type RunningServer } from '../helpers/redis-server.js';
import { waitForSubscribers } from '../helpers/subscribers.js';
import { storeKeys } from '../../src/store/store-keys.js';
import { measureBotkitHop } from './botkit-hop.js';

/**
 * `npm run bench:http`: the whole-system turn, end to end over HTTP, against a floor (Express 5 + one Redis GET and
 * SET per turn) and a plain Botkit bot (BotkitConversation, state in Redis), all on one throwaway Redis, driven by the
 * same load generator (wrk, else autocannon) with the same 1,000 conversations, in alternating rounds. Compare the
 * ratios within one run: the machine may be shared. Settings: BENCH_SECONDS (per round, default 10), BENCH_ROUNDS
 * (default 5), BENCH_CONNECTIONS (default 100), BENCH_IDLE_SOCKETS (default 10000, 0 = skip).
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const servers = fileURLToPath(new URL('./servers/', import.meta.url));
const CONVERSATIONS = 1000;
const seconds = Number(process.env['BENCH_SECONDS'] ?? 10);
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 5);
const connections = Number(process.env['BENCH_CONNECTIONS'] ?? 100);
const idleSockets = Number(process.env['BENCH_IDLE_SOCKETS'] ?? 10_000);
const CLK_TCK = 100;

interface Started {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

function startServer(name: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<Started> {
  const child = spawn(process.execPath, args, { cwd: root, env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      out = (out + chunk.toString()).slice(-20_000);
      const url = ready.exec(out)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      // Keep draining, so a full pipe never blocks the server.
      child.stdout?.resume();
      resolve({
        name,
        url: url.replace('//localhost:', '//127.0.0.1:'),
        child,
        async stop() {
          if (child.exitCode !== null) return;
          const exited = new Promise((r) => child.once('exit', r));
          child.kill('SIGTERM');
          const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
          await exited;
          clearTimeout(kill);
        },
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (out = (out + chunk.toString()).slice(-20_000)));
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}):\n${out}`)));
  });
}

/** CPU milliseconds (user + system) a process has used so far. */
function cpuMs(pid: number | undefined): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

type Redis = ReturnType<typeof createClient>;

async function commandStats(redis: Redis): Promise<Map<string, number>> {
  const info = await redis.info('commandstats');
  const calls = new Map<string, number>();
  for (const m of info.matchAll(/cmdstat_([a-z|_-]+):calls=(\d+)/g)) calls.set(m[1] ?? '', Number(m[2]));
  return calls;
}

interface Load {
  readonly turns: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly failed: number;
}

const wrkInstalled = (() => {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (e) {
    // wrk --version exits 1 after printing its version.
    return typeof e === 'object' && e !== null && 'status' in e && e.status === 1;
  }
})();

async function drive(url: string, tokensFile: string, tokens: readonly string[], duration: number): Promise<Load> {
  if (wrkInstalled) {
    const out = execFileSync('wrk', ['-t1', `-c${connections}`, `-d${duration}s`, '--timeout', '10s', '-s', path.join(servers, 'turns.lua'), `${url}/api/messages`], {
      env: { ...process.env, BENCH_TOKENS: tokensFile },
      encoding: 'utf8',
    });
    const m = /RESULT (\d+) (\d+) (\d+) (\d+) (\d+)/.exec(out);
    if (!m) throw new Error(`no result from wrk:\n${out}`);
    const turns = Number(m[1]);
    return { turns, perSecond: turns / (Number(m[2]) / 1e6), p50: Number(m[3]) / 1000, p99: Number(m[4]) / 1000, failed: Number(m[5]) };
  }
  return driveWithAutocannon(url, tokens, duration);
}

const inputs = ['{"type":"message","text":"opnieuw"}', '{"type":"message","payload":"choice:tenant"}', '{"type":"message","payload":"choice:dagvaarding"}', '{"type":"message","text":"25-11"}'];

async function driveWithAutocannon(url: string, tokens: readonly string[], duration: number): Promise<Load> {
  const name = 'autocannon';
  const mod: unknown = await import(name).catch(() => {
    throw new Error('Neither wrk (apt-get install wrk) nor autocannon (npm i -D autocannon) is installed.');
  });
  const autocannon = z.object({ default: z.function() }).parse(mod).default as (options: unknown) => Promise<unknown>;
  let n = 0;
  const result = await autocannon({
    url: `${url}/api/messages`,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        setupRequest: (req: Record<string, unknown>) => {
          const token = tokens[n % tokens.length];
          const body = inputs[Math.floor(n / tokens.length) % inputs.length];
          n++;
          return { ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body };
        },
      },
    ],
  });
  const r = z.object({ requests: z.object({ total: z.number() }), latency: z.object({ p50: z.number(), p99: z.number() }), non2xx: z.number(), errors: z.number(), duration: z.number() }).parse(result);
  return { turns: r.requests.total, perSecond: r.requests.total / r.duration, p50: r.latency.p50, p99: r.latency.p99, failed: r.non2xx + r.errors };
}

async function huurhulpSessions(url: string, n: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < n; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, n - i) }, async () => {
        const res = await fetch(`${url}/api/web/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        return z.object({ token: z.string() }).parse(await res.json()).token;
      }),
    );
    tokens.push(...batch);
  }
  return tokens;
}

interface RoundFigures extends Load {
  readonly cpuMsPerTurn: number;
  readonly redisPerTurn: number;
  readonly breakdown: Map<string, number>;
}

async function measure(server: Started, redis: Redis, tokensFile: string, tokens: readonly string[], duration: number): Promise<RoundFigures> {
  const before = await commandStats(redis);
  const cpu0 = cpuMs(server.child.pid);
  const load = await drive(server.url, tokensFile, tokens, duration);
  const cpu1 = cpuMs(server.child.pid);
  const after = await commandStats(redis);
  const breakdown = new Map<string, number>();
  let total = 0;
  for (const [cmd, calls] of after) {
    if (cmd === 'info') continue;
    const d = calls - (before.get(cmd) ?? 0);
    if (d <= 0) continue;
    breakdown.set(cmd, d / load.turns);
    total += d;
  }
  return { ...load, cpuMsPerTurn: (cpu1 - cpu0) / load.turns, redisPerTurn: total / load.turns, breakdown };
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Turns of huurhulp counted on the wire (a proxy between the server and Redis): commands sent and round trips. */
async function wireCount(redisUrl: string, env: Record<string, string>): Promise<{ commands: number; roundTrips: number; names: string }> {
  const proxy = await startCountingProxy(redisUrl);
  const server = await startServer('huurhulp (counted)', ['dist/main.js'], { ...env, REDIS_URL: proxy.url, REDIS_PREFIX: 'wire' }, /huurhulp is running: open (\S+)/);
  try {
    const [token] = await huurhulpSessions(server.url, 1);
    const post = (body: string): Promise<Response> => fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
    await post(inputs[0] ?? '');
    // After its first write the server subscribes, once, to deletions made in other processes: not part of a turn.
    const listener = createClient({ url: redisUrl });
    await listener.connect();
    try {
      await waitForSubscribers(listener, storeKeys('wire').turnForgotten, 1, 'the server to listen for deletions');
    } finally {
      await listener.close();
    }
    const turns = 40;
    proxy.reset();
    for (let i = 1; i <= turns; i++) await post(inputs[i % inputs.length] ?? '');
    const c = proxy.counts();
    const names = [...c.names.slice(0, 4)].join(' ');
    return { commands: c.commands / turns, roundTrips: c.roundTrips / turns, names };
  } finally {
    await server.stop();
    await proxy.close();
  }
}

/** Turns over the websocket: 1,000 sockets, `connections` turns in flight, latency until the turn's ack. */
async function driveSockets(url: string, tokens: readonly string[], duration: number, pid: number | undefined): Promise<Load & { cpuMsPerTurn: number }> {
  const wsUrl = `${url.replace(/^http/, 'ws')}/ws`;
  const sockets = await Promise.all(
    tokens.map(
      (token) =>
        new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(wsUrl);
          ws.once('error', reject);
          ws.once('open', () => ws.send(JSON.stringify({ type: 'hello', token })));
          ws.on('message', (data: WebSocket.RawData) => {
            if (String(data).includes('"ready"')) resolve(ws);
          });
        }),
    ),
  );
  const latencies: number[] = [];
  const sentAt = new Map<string, number>();
  let failed = 0;
  let n = 0;
  let stopAt = 0;
  const next = (): void => {
    if (performance.now() >= stopAt) return;
    const i = n % sockets.length;
    const body = JSON.parse(inputs[Math.floor(n / sockets.length) % inputs.length] ?? '{}') as Record<string, unknown>;
    const turnId = `b${n.toString(36).padStart(8, '0')}`;
    n++;
    sentAt.set(turnId, performance.now());
    sockets[i]?.send(JSON.stringify({ ...body, turnId }));
  };
  for (const ws of sockets) {
    ws.on('message', (data: WebSocket.RawData) => {
      const text = String(data);
      if (text.includes('"error"')) failed++;
      const ack = /"type":"ack","turnId":"([^"]+)"/.exec(text)?.[1];
      if (ack === undefined) return;
      const t = sentAt.get(ack);
      sentAt.delete(ack);
      if (t !== undefined) latencies.push(performance.now() - t);
      next();
    });
  }
  const cpu0 = cpuMs(pid);
  const t0 = performance.now();
  stopAt = t0 + duration * 1000;
  for (let i = 0; i < connections; i++) next();
  while (performance.now() < stopAt + 2000 && (performance.now() < stopAt || sentAt.size > 0)) await new Promise((r) => setTimeout(r, 50));
  const elapsed = (performance.now() - t0) / 1000;
  const cpu1 = cpuMs(pid);
  for (const ws of sockets) ws.terminate();
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { turns: latencies.length, perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), failed: failed + sentAt.size, cpuMsPerTurn: (cpu1 - cpu0) / Math.max(1, latencies.length) };
}

/** How long the idle conversations stay open before the settled figure: the process trims itself once quiet. */
const SETTLE_MS = 45_000;

/** RSS of the server with `count` idle, authenticated websocket conversations open: 2 s after, and after SETTLE_MS. */
async function idleSocketMemory(url: string, count: number, pid: number | undefined): Promise<{ before: number; after: number; settled: number }> {
  const before = rssMb(pid);
  const tokens = await huurhulpSessions(url, count);
  const wsUrl = `${url.replace(/^http/, 'ws')}/ws`;
  const sockets: WebSocket[] = [];
  for (let i = 0; i < tokens.length; i += 500) {
    const batch = await Promise.all(
      tokens.slice(i, i + 500).map(
        (token) =>
          new Promise<WebSocket>((resolve, reject) => {
            const ws = new WebSocket(wsUrl);
            ws.once('error', reject);
            ws.once('open', () => ws.send(JSON.stringify({ type: 'hello', token })));
            ws.once('message', () => resolve(ws));
          }),
      ),
    );
    sockets.push(...batch);
  }
  await new Promise((r) => setTimeout(r, 2000));
  const after = rssMb(pid);
  // Kept open and quiet for a while: what a server with idle conversations looks like (src/shared/idle-memory-trim.ts).
  await new Promise((r) => setTimeout(r, SETTLE_MS - 2000));
  const settled = rssMb(pid);
  for (const ws of sockets) ws.terminate();
  return { before, after, settled };
}

/** Wall time from `node dist/main.js` to "huurhulp is running" (what npm start runs after its build step). */
async function startupMs(env: Record<string, string>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const s = await startServer('huurhulp (startup)', ['dist/main.js'], env, /huurhulp is running: open (\S+)/);
    times.push(performance.now() - t0);
    await s.stop();
  }
  return median(times);
}

const f0 = (n: number): string => Math.round(n).toLocaleString('en');
const f1 = (n: number): string => n.toFixed(1);
const f2 = (n: number): string => n.toFixed(2);

export async function benchHttp(): Promise<string[]> {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  const redisServer: RunningServer = await startRedisServer();
  const redis: Redis = createClient({ url: redisServer.url });
  redis.on('error', () => undefined);
  await redis.connect();
  const secret = randomBytes(32).toString('base64url');
  const env = {
    PORT: '0',
    HOST: '127.0.0.1',
    STORE: 'redis',
    REDIS_URL: redisServer.url,
    SESSION_SECRET: secret,
    LOG_LEVEL: 'info',
    // Worst case for the read: within opening hours, so "who is online" is asked on every turn.
    OPENING_HOURS: 'always',
    // Limits lifted for the load (each conversation gets several turns a second); the count is still made.
    TURN_RATE_LIMIT: '1000000',
    SESSION_RATE_LIMIT: '1000000',
  };
  const lines: string[] = [];
  const started: Started[] = [];
  try {
    const huurhulp = await startServer('huurhulp', ['dist/main.js'], env, /huurhulp is running: open (\S+)/);
    started.push(huurhulp);
    const floor = await startServer('floor', [path.join(servers, 'floor-server.mjs')], { REDIS_URL: redisServer.url, PORT: '0' }, /listening (\S+)/);
    started.push(floor);
    const botkit = await startServer('botkit', [path.join(servers, 'botkit-server.mjs')], { REDIS_URL: redisServer.url, PORT: '0' }, /listening (\S+)/);
    started.push(botkit);

    const dir = tmpdir();
    const hhTokens = await huurhulpSessions(huurhulp.url, CONVERSATIONS);
    const otherTokens = Array.from({ length: CONVERSATIONS }, () => randomBytes(12).toString('base64url'));
    const hhFile = path.join(dir, `hh-bench-${process.pid}-hh.txt`);
    const otherFile = path.join(dir, `hh-bench-${process.pid}-other.txt`);
    writeFileSync(hhFile, `${hhTokens.join('\n')}\n`);
    writeFileSync(otherFile, `${otherTokens.join('\n')}\n`);

    const targets = [
      { server: floor, file: otherFile, tokens: otherTokens },
      { server: huurhulp, file: hhFile, tokens: hhTokens },
      { server: botkit, file: otherFile, tokens: otherTokens },
    ];
    // Warm-up (JIT, script cache, connections), not counted.
    for (const t of targets) await drive(t.server.url, t.file, t.tokens, 3);
    const figures = new Map<string, RoundFigures[]>(targets.map((t) => [t.server.name, []]));
    for (let r = 0; r < rounds; r++) {
      // Alternate the order, so drift on a shared machine does not favour one server.
      const order = r % 2 === 0 ? targets : [...targets].reverse();
      for (const t of order) figures.get(t.server.name)?.push(await measure(t.server, redis, t.file, t.tokens, seconds));
    }

    lines.push(`load: ${wrkInstalled ? 'wrk' : 'autocannon'}, ${connections} connections, ${CONVERSATIONS} conversations round robin, ${rounds} alternating rounds of ${seconds} s; figures are medians of the rounds`);
    lines.push('');
    lines.push('| server | turns/s | p50 ms | p99 ms | CPU ms/turn | Redis cmds/turn (commandstats) | failed | turns/s per round |');
    lines.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
    const med = (name: string, pick: (f: RoundFigures) => number): number => median((figures.get(name) ?? []).map(pick));
    for (const t of targets) {
      const fs = figures.get(t.server.name) ?? [];
      lines.push(
        `| ${t.server.name} | ${f0(med(t.server.name, (f) => f.perSecond))} | ${f1(med(t.server.name, (f) => f.p50))} | ${f1(med(t.server.name, (f) => f.p99))} | ${f2(med(t.server.name, (f) => f.cpuMsPerTurn))} | ${f1(med(t.server.name, (f) => f.redisPerTurn))} | ${fs.reduce((a, f) => a + f.failed, 0)} | ${fs.map((f) => f0(f.perSecond)).join(' / ')} |`,
      );
    }
    const hh = (pick: (f: RoundFigures) => number): number => med('huurhulp', pick);
    lines.push('');
    lines.push(`huurhulp / floor turns/s: ${f2(hh((f) => f.perSecond) / med('floor', (f) => f.perSecond))} (goal >= 0.60)`);
    lines.push(`huurhulp / botkit turns/s: ${f2(hh((f) => f.perSecond) / med('botkit', (f) => f.perSecond))} (goal >= 1.8)`);
    lines.push(`huurhulp p99 / floor p99: ${f2(hh((f) => f.p99) / med('floor', (f) => f.p99))} (goal <= 1.5)`);
    const spread = (name: string): string => {
      const v = (figures.get(name) ?? []).map((f) => f.perSecond);
      return `${f0(((Math.max(...v) - Math.min(...v)) / median(v)) * 100)} %`;
    };
    lines.push(`noise: turns/s spread between rounds (max - min) / median: floor ${spread('floor')}, huurhulp ${spread('huurhulp')}, botkit ${spread('botkit')}`);
    // The servers of one round ran within a minute of each other: a ratio per round is less moved by a machine whose
    // speed drifts over minutes than the ratio of the medians above.
    const perRound = (other: string): string => {
      const ratios = (figures.get('huurhulp') ?? []).map((f, r) => f.perSecond / (figures.get(other)?.[r]?.perSecond ?? Number.NaN));
      return `${ratios.map(f2).join(' / ')} (median ${f2(median(ratios))})`;
    };
    lines.push(`per round: huurhulp / floor turns/s ${perRound('floor')}; huurhulp / botkit turns/s ${perRound('botkit')}`);
    const last = (figures.get('huurhulp') ?? []).at(-1);
    if (last) lines.push(`huurhulp Redis commands per turn by command (commandstats, scripts' inner commands included): ${[...last.breakdown].map(([c, v]) => `${c} ${f2(v)}`).join(', ')}`);

    const wire = await wireCount(redisServer.url, env);
    lines.push(`huurhulp on the wire (proxy between server and Redis, 40 turns): ${f1(wire.commands)} commands and ${f1(wire.roundTrips)} round trips per turn (${wire.names}) (goal <= 8 and <= 2)`);

    const hop = await measureBotkitHop();
    lines.push(`Botkit hop alone (in process, ${f0(hop.turns)} turns): ${f1(hop.microsPerTurn)} µs CPU per turn = ${f0((hop.microsPerTurn / 1000 / hh((f) => f.cpuMsPerTurn)) * 100)} % of huurhulp's CPU per turn`);

    const ws = await driveSockets(huurhulp.url, hhTokens, seconds, huurhulp.child.pid);
    lines.push(`huurhulp over the websocket (1,000 sockets, ${connections} turns in flight, until ack): ${f0(ws.perSecond)} turns/s, p50 ${f1(ws.p50)} ms, p99 ${f1(ws.p99)} ms, ${f2(ws.cpuMsPerTurn)} CPU ms/turn, ${ws.failed} failed`);

    if (idleSockets > 0) {
      const mem = await idleSocketMemory(huurhulp.url, idleSockets, huurhulp.child.pid);
      lines.push(`${f0(idleSockets)} idle websocket conversations, on the process that just carried the load rounds: server RSS ${f0(mem.before)} MB before, ${f0(mem.after)} MB with them open for 2 s, ${f0(mem.settled)} MB after ${SETTLE_MS / 1000} s (goal <= 300 MB)`);
    }
    for (const s of started.splice(0)) await s.stop();
    if (idleSockets > 0) {
      // The same on a freshly started process: V8 keeps the heap it grew under load, so the figure above mostly
      // measures the load rounds, not what idle conversations cost.
      const fresh = await startServer('huurhulp (fresh)', ['dist/main.js'], env, /huurhulp is running: open (\S+)/);
      started.push(fresh);
      const mem = await idleSocketMemory(fresh.url, idleSockets, fresh.child.pid);
      lines.push(`${f0(idleSockets)} idle websocket conversations, on a fresh process: server RSS ${f0(mem.before)} MB before, ${f0(mem.after)} MB with them open for 2 s, ${f0(mem.settled)} MB after ${SETTLE_MS / 1000} s (goal <= 300 MB)`);
      for (const s of started.splice(0)) await s.stop();
    }
    lines.push(`startup: node dist/main.js ready in ${f0(await startupMs(env))} ms (median of 3; npm start adds its build step and npm itself) (goal <= 1,500 ms)`);
  } finally {
    for (const s of started) await s.stop();
    await redis.close();
    await redisServer.stop();
  }
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchHttp()) process.stdout.write(`${line}\n`);
  process.exit(0);
}
