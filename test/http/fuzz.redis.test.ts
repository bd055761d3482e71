import fc from 'fast-check';
import WebSocket from 'ws';
import { z } from 'zod/v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOperations } from '../../src/http/openapi-document.js';
import { errorBodySchema } from '../../src/http/openapi-responses.js';
import { botMessageSchema, newSession, turn } from '../channels/web/web-client.js';
import { helloSocket } from '../channels/web/socket-client.js';
import { startFakeTwilioApi, type FakeTwilioApi } from '../channels/twilio/fake-twilio-api.js';
import { newMessageSid, twilioEnv, twilioSignature, WEBHOOK } from '../channels/twilio/twilio-person.js';
import { OUTBOUND_TOKEN, startFakeTeamsCloud, type FakeTeamsCloud } from '../helpers/fake-teams-cloud.js';
import { createLogger } from '../../src/shared/logger.js';
import { startApp, type StartedApp } from '../helpers/start-app.js';
import { teamsClient, teamsEnv, teamsUser } from '../helpers/teams-client.js';
import { badAuthorization, forwardedFor, hostileJson, hostileString, idSegment, mutated, rawBody, rawQuery, type RawBody } from './fuzz-inputs.js';

// Issue #11 §4: 2,000+ generated inputs over every JSON route and the websocket, on the real server and real Redis.
// No 5xx ever; every 4xx body is exactly { error: { code, message, fields? } } with a known code; afterwards the
// process still serves a valid turn. A failure prints fast-check's seed and the shrunk input that caused it.

const volunteer = { username: 'fuzzer', password: 'fuzz-password-0123456789', role: 'coordinator' as const };
const example = (method: string, path: string): Record<string, unknown> => {
  const body = apiOperations.find((op) => op.method === method && op.path === path)?.body?.example;
  if (typeof body !== 'object' || body === null) throw new Error(`no example for ${method} ${path}`);
  return { ...body };
};

let app: StartedApp;
let cloud: FakeTeamsCloud;
let twilioApi: FakeTwilioApi;
let env: Record<string, string>;
let token = '';
let consoleHeaders: Record<string, string> = {};
let ticketIds: string[] = [];
/** Every generated input sent (HTTP requests and websocket frames), to check the total at the end. */
let inputs = 0;
const perRoute = new Map<string, number>();
const errorLogs: string[] = [];
/** Per route: the statuses and error codes seen, to show the inputs got past the edge (auth, parsing) too. */
const outcomes = new Map<string, Set<string>>();

interface Sent {
  readonly status: number;
  readonly text: string;
}

async function send(method: string, path: string, options: { headers?: Record<string, string | undefined>; body?: RawBody } = {}): Promise<Sent> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.headers ?? {})) if (v !== undefined) headers[k] = v;
  if (options.body?.contentType != null) headers['content-type'] = options.body.contentType;
  if (options.body?.contentEncoding !== undefined) headers['content-encoding'] = options.body.contentEncoding;
  const res = await fetch(`${app.url}${path}`, { method, headers, ...(options.body !== undefined ? { body: options.body.body } : {}) });
  inputs++;
  const key = `${method} ${path.split('?')[0]?.replace(/\/tickets\/[^/]+/, '/tickets/:id')}`;
  perRoute.set(key, (perRoute.get(key) ?? 0) + 1);
  const text = await res.text();
  const seen = outcomes.get(key) ?? new Set<string>();
  seen.add(String(res.status));
  const code = /^\{"error":\{"code":"([A-Z_]+)"/.exec(text)?.[1];
  if (code !== undefined) seen.add(code);
  outcomes.set(key, seen);
  return { status: res.status, text };
}

/** The fuzz oracle: never a 5xx; a 4xx is the error body with a known code and nothing else. */
function sane(res: Sent, input: string): void {
  const what = input.length > 200 ? `${input.slice(0, 200)}… (${input.length} characters)` : input;
  expect(res.status, `${what}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status < 400) return;
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    throw new Error(`${what}: ${res.status} without a JSON body: ${res.text.slice(0, 200)}`);
  }
  const parsed = errorBodySchema.safeParse(body);
  expect(parsed.success, `${what}: ${res.status} ${res.text.slice(0, 300)}`).toBe(true);
}

/** The websocket's error frame: the same error body with `type: "error"`. */
const errorFrameSchema = errorBodySchema.extend({ type: z.literal('error') });

beforeAll(async () => {
  [cloud, twilioApi] = await Promise.all([startFakeTeamsCloud(), startFakeTwilioApi()]);
  env = {
    ...teamsEnv(cloud),
    ...twilioEnv(twilioApi.url),
    METRICS_TOKEN: 'metrics-token-0123456789abcdef',
    // Each request comes from a generated address, so the per-address limits do not stop inputs before validation.
    TRUST_PROXY: 'true',
    TURN_RATE_LIMIT: '100000',
  };
  // Errors the server logs (level 50 and up) are kept: a failure answered politely must still not happen.
  const logger = createLogger('error', { write: (line: string) => void errorLogs.push(line.slice(0, 500)) });
  app = await startApp({ store: 'redis', env, logger, teams: { teamsToken: async () => OUTBOUND_TOKEN }, volunteers: [volunteer] });
  token = (await newSession(app.url)).token;
  // Tickets of real web conversations, one claimed by the fuzzer, so the console's bodies reach the relay.
  ticketIds = [];
  for (let i = 0; i < 3; i++) {
    const session = await newSession(app.url);
    await turn(app.url, session.token, { text: 'hallo' });
    const { ticket } = await app.handoff.queue.enqueue({ kind: 'chat', conversationId: session.conversationId, channel: 'web', locale: 'nl', urgency: 'normal', reason: 'asked_for_human', summary: {} });
    ticketIds.push(ticket.id);
  }
  const login = await fetch(`${app.url}/api/console/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: volunteer.username, password: volunteer.password }) });
  expect(login.status).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  consoleHeaders = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '', 'x-csrf-token': csrfToken };
  const claim = await fetch(`${app.url}/api/console/tickets/${ticketIds[0]}/claim`, { method: 'POST', headers: consoleHeaders });
  expect(claim.status).toBe(200);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await cloud?.close();
  await twilioApi?.close();
});

/** `examples` run first, always: valid inputs, so each route is seen succeeding as well as refusing. */
const run = <T>(arb: fc.Arbitrary<T>, numRuns: number, check: (input: T) => Promise<void>, examples: readonly NoInfer<T>[] = []) =>
  fc.assert(fc.asyncProperty(arb, check), { numRuns, endOnFailure: true, examples: examples.map((e): [T] => [e]) });

const json = (value: unknown): RawBody => ({ label: 'valid json', body: JSON.stringify(value), contentType: 'application/json' });

describe('fuzzing every JSON route and the websocket (real Redis)', () => {
  it('POST /api/web/session', async () => {
    await run(fc.tuple(rawBody(mutated(example('post', '/api/web/session'))), forwardedFor), 120, async ([body, xff]) => {
      sane(await send('POST', '/api/web/session', { body, headers: { 'x-forwarded-for': xff } }), body.label);
    }, [[json({ locale: 'en' }), '192.0.2.1']]);
  });

  it('POST /api/messages with a valid token (validation and the engine are reached) and without', async () => {
    const turnBody = fc.oneof(
      mutated({ type: 'message', text: 'hallo' }),
      hostileString.map((text) => ({ type: 'message', text })),
      fc.tuple(fc.constantFrom('choice', 'intent', 'Choice', 'x'), fc.string({ unit: fc.constantFrom('a', 'z', '0', '_', ':', '-', 'é'), maxLength: 90 })).map(([k, v]) => ({ type: 'message', payload: `${k}:${v}` })),
      fc.record({ type: fc.constant('message'), text: hostileString, turnId: fc.oneof(fc.constant('turn-0000-aaaa'), fc.string({ unit: fc.constantFrom('a', 'B', '9', '_', '-'), minLength: 8, maxLength: 64 }), hostileString) }),
    );
    await run(fc.tuple(rawBody(turnBody), forwardedFor), 320, async ([body, xff]) => {
      sane(await send('POST', '/api/messages', { body, headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': xff } }), body.label);
    }, [[json({ type: 'message', text: 'hallo' }), '192.0.2.1'], [json({ type: 'message', payload: 'choice:nope' }), '192.0.2.1']]);
    await run(fc.tuple(rawBody(turnBody), badAuthorization, forwardedFor), 60, async ([body, authorization, xff]) => {
      sane(await send('POST', '/api/messages', { body, headers: { authorization, 'x-forwarded-for': xff } }), body.label);
    });
  });

  it('GET /api/messages with fuzzed queries, with a valid token and without', async () => {
    await run(fc.tuple(rawQuery(['after']), fc.oneof(fc.constant('valid'), badAuthorization), forwardedFor), 200, async ([query, auth, xff]) => {
      const authorization = auth === 'valid' ? `Bearer ${token}` : auth;
      sane(await send('GET', `/api/messages?${query}`, { headers: { authorization, 'x-forwarded-for': xff } }), query);
    }, [['', 'valid', '192.0.2.1'], ['after=nope', 'valid', '192.0.2.1'], ['', 'Bearer x.y', '192.0.2.1']]);
  });

  it('POST /api/huurtoeslag/check', async () => {
    const valid = example('post', '/api/huurtoeslag/check');
    const nested = fc.constantFrom('applicant', 'dwelling', 'rent').chain((key) => mutated(valid[key] as Record<string, unknown>).map((inner) => ({ ...valid, [key]: inner })));
    const language = fc.oneof(hostileString.map((s) => s.replace(/[^\t\x20-\x7e]/g, '')), fc.constantFrom('en', 'nl', 'tr;q=0.9, *', 'x'.repeat(3000)));
    await run(fc.tuple(rawBody(fc.oneof(mutated(valid), nested)), language), 220, async ([body, acceptLanguage]) => {
      sane(await send('POST', '/api/huurtoeslag/check', { body, headers: { 'accept-language': acceptLanguage } }), body.label);
    }, [[json(valid), 'en']]);
  });

  it('POST /api/console/login (one address: the login limits answer 429 after 50 failures)', async () => {
    await run(rawBody(mutated({ username: 'someone', password: 'not-the-password' })), 80, async (body) => {
      sane(await send('POST', '/api/console/login', { body, headers: { 'x-forwarded-for': '203.0.113.7' } }), body.label);
    }, [json({ username: volunteer.username, password: 'wrong-password' }), json({ username: 'x', password: 'y', remember: true })]);
  });

  it('console reads with fuzzed ids and queries, signed in and not', async () => {
    const read = fc.record({
      path: fc.oneof(
        rawQuery(['state']).map((q) => `/api/console/tickets?${q}`),
        rawQuery(['locale']).map((q) => `/api/console/canned?${q}`),
        fc.oneof(fc.constantFrom(...ticketIds), idSegment).map((id) => `/api/console/tickets/${id}`),
        fc.constantFrom('/api/console/me', '/api/console/stats', '/api/console/teams'),
      ),
      cookie: fc.constantFrom('signed in', 'signed in', '', 'hh_console=', 'hh_console=nope', `hh_console=${'a'.repeat(4000)}`, 'hh_console=%00'),
    });
    await run(read, 220, async ({ path, cookie }) => {
      const headers = cookie === 'signed in' ? consoleHeaders : { cookie };
      sane(await send('GET', path, { headers }), path);
    }, [{ path: '/api/console/tickets?state=claimed', cookie: 'signed in' }, { path: '/api/console/tickets?state=nope', cookie: 'signed in' }, { path: `/api/console/tickets/${ticketIds[1] ?? ''}`, cookie: 'signed in' }]);
  });

  it('console changes with fuzzed ids and bodies, signed in (with CSRF) and not', async () => {
    const action = fc.constantFrom('claim', 'messages', 'typing', 'notes', 'release', 'takeover', 'close');
    const value = fc.oneof(fc.constant({}), mutated({ text: 'Hallo, ik ben er.' }), mutated({ outcome: 'helped' }));
    const change = fc.record({ action, id: fc.oneof({ arbitrary: fc.constantFrom(...ticketIds), weight: 3 }, { arbitrary: idSegment, weight: 1 }), body: rawBody(value), auth: fc.constantFrom('full', 'full', 'full', 'no-csrf', 'wrong-csrf', 'none') });
    await run(change, 330, async ({ action: a, id, body, auth }) => {
      const headers = auth === 'full' ? consoleHeaders : auth === 'none' ? {} : { cookie: consoleHeaders['cookie'], ...(auth === 'wrong-csrf' ? { 'x-csrf-token': 'nope' } : {}) };
      sane(await send('POST', `/api/console/tickets/${id}/${a}`, { body, headers }), `${a} ${body.label}`);
    }, [
      { action: 'notes', id: ticketIds[1] ?? '', body: json({ text: 'Belt morgen terug.' }), auth: 'full' },
      { action: 'messages', id: ticketIds[0] ?? '', body: json({ text: '<b>Hallo</b> \u202e ik ben er' }), auth: 'full' },
    ]);
    const other = fc.record({
      route: fc.constantFrom('POST /api/console/heartbeat', 'POST /api/console/teams/link-code', 'PUT /api/console/canned', 'PUT /api/console/canned', 'POST /api/console/logout'),
      body: rawBody(fc.oneof(fc.constant({}), mutated(example('put', '/api/console/canned')))),
      signedIn: fc.boolean(),
    });
    await run(other, 200, async ({ route, body, signedIn }) => {
      const [method = 'POST', path = '/'] = route.split(' ');
      // A valid logout would end the fuzzer's own session: logout is only sent without the CSRF token.
      const headers = signedIn ? (path.endsWith('logout') ? { cookie: consoleHeaders['cookie'] } : consoleHeaders) : {};
      sane(await send(method, path, { body, headers }), `${route} ${body.label}`);
    }, [{ route: 'PUT /api/console/canned', body: json(example('put', '/api/console/canned')), signedIn: true }]);
  });

  it('operations routes: /metrics with bad tokens, probes and the document with junk queries', async () => {
    await run(fc.tuple(fc.constantFrom('/metrics', '/healthz', '/readyz', '/api/openapi.json'), rawQuery(['x']), badAuthorization), 60, async ([path, query, authorization]) => {
      sane(await send('GET', `${path}?${query}`, { headers: { authorization } }), path);
    });
  });

  it('Twilio webhook: unsigned, and signed with fuzzed fields (the schema and the runtime are reached)', async () => {
    const publicUrl = `${env['PUBLIC_URL'] ?? ''}${WEBHOOK}`;
    const fields = fc.record(
      { Body: hostileString, From: fc.oneof(fc.constant('+31612345678'), fc.constant('whatsapp:+31612345678'), hostileString), To: fc.oneof(fc.constant(env['TWILIO_SMS_FROM'] ?? ''), hostileString), NumMedia: fc.oneof(fc.constant('0'), hostileString), ButtonPayload: hostileString, MessageSid: fc.oneof(fc.constant('sid'), hostileString) },
      { requiredKeys: ['Body'] },
    );
    await run(fc.tuple(fields, fc.boolean()), 160, async ([f, signed]) => {
      const form: Record<string, string> = { ...f, MessageSid: f.MessageSid === 'sid' ? newMessageSid() : (f.MessageSid ?? newMessageSid()) };
      const body = new URLSearchParams(form).toString();
      const signature = signed ? twilioSignature(env['TWILIO_AUTH_TOKEN'] ?? '', publicUrl, form) : 'nope';
      sane(await send('POST', WEBHOOK, { body: { label: 'form', body, contentType: 'application/x-www-form-urlencoded' }, headers: { 'x-twilio-signature': signature } }), `twilio signed=${signed}`);
    }, [[{ Body: 'hallo', From: '+31612345678', To: env['TWILIO_SMS_FROM'] ?? '', MessageSid: 'sid' }, true]]);
  });

  it('Teams webhook: unsigned junk, and signed activities with fuzzed fields', async () => {
    const teams = teamsClient(app.url, cloud);
    const person = teamsUser('Fuzz');
    await run(fc.tuple(rawBody(hostileJson), badAuthorization), 50, async ([body, authorization]) => {
      sane(await send('POST', '/api/teams/messages', { body, headers: { authorization } }), body.label);
    });
    const activity = fc.tuple(fc.constantFrom('text', 'value', 'type', 'extra'), hostileJson, hostileString).map(([field, value, text]) => {
      const base: Record<string, unknown> = { ...teams.message(person, text) };
      if (field === 'value') base['value'] = value;
      else if (field === 'type') base['type'] = value;
      else if (field === 'extra') base['channelData'] = value;
      return base;
    });
    await run(activity, 60, async (a) => {
      sane(await send('POST', '/api/teams/messages', { body: { label: 'activity', body: JSON.stringify(a), contentType: 'application/json' }, headers: { authorization: `Bearer ${teams.token()}` } }), `teams ${JSON.stringify(a).slice(0, 100)}`);
    }, [{ ...teams.message(person, 'hallo') }]);
  });

  it('websocket: fuzzed hellos, fuzzed `after`, fuzzed frames; every error frame has a code and message', async () => {
    const frame = fc.oneof(
      { arbitrary: rawBody(fc.oneof(mutated({ type: 'message', text: 'hallo' }), hostileString.map((text) => ({ type: 'message', text })), fc.constant({ type: 'typing' }), mutated({ type: 'typing' }))).map((b) => b.body), weight: 5 },
      { arbitrary: fc.constantFrom('{"type":"hello","token":"x"}', '', ' ', 'null'), weight: 1 },
    );
    const session = fc.record({
      hello: fc.oneof(
        { arbitrary: fc.option(fc.oneof(hostileString, fc.constantFrom('0-0', '1-1', '18446744073709551615-18446744073709551615', '99999999999999999999-0')), { nil: undefined }).map((after) => ({ type: 'hello', token: 'VALID', ...(after !== undefined ? { after } : {}) })), weight: 4 },
        { arbitrary: mutated({ type: 'hello', token: 'VALID' }), weight: 1 },
        { arbitrary: hostileJson, weight: 1 },
      ),
      frames: fc.array(frame, { minLength: 1, maxLength: 8 }),
    });
    await run(session, 70, async ({ hello, frames }) => {
      const ws = new WebSocket(`${app.url.replace(/^http/, 'ws')}/ws`);
      const received: unknown[] = [];
      ws.on('message', (data: WebSocket.RawData) => received.push(JSON.parse(data.toString())));
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      ws.on('error', () => undefined);
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      const helloFrame = JSON.stringify(hello === null || typeof hello !== 'object' ? hello : JSON.parse(JSON.stringify(hello).replace('"VALID"', JSON.stringify(token)))) ?? 'null';
      ws.send(helloFrame);
      inputs++;
      for (const f of frames) {
        if (ws.readyState !== WebSocket.OPEN) break;
        ws.send(f);
        inputs++;
      }
      // Every frame answered or the socket closed: then a close of our own.
      await new Promise((r) => setTimeout(r, 30));
      ws.close();
      const code = await closed;
      // 4401 for a bad hello, 1009 for an oversized frame; never 1011 (server error).
      expect([1000, 1005, 1006, 1009, 4401], `close code; frames ${JSON.stringify(received).slice(0, 300)}`).toContain(code);
      for (const r of received) {
        if (typeof r !== 'object' || r === null || !('type' in r) || r.type !== 'error') continue;
        const parsed = errorFrameSchema.safeParse(r);
        expect(parsed.success, JSON.stringify(r)).toBe(true);
        expect(parsed.data?.error.code, JSON.stringify(r)).not.toBe('INTERNAL');
      }
    });
  });

  it('still serves afterwards: a valid turn over HTTP and over the websocket, and health', async () => {
    const fresh = await newSession(app.url);
    const messages = await turn(app.url, fresh.token, { text: 'hallo' });
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) botMessageSchema.parse(m);
    const socket = await helloSocket(app.url, fresh.token);
    socket.send({ type: 'message', text: 'mijn huur is te laat', turnId: 'final-turn-0001' });
    await socket.frameOfType('ack');
    await socket.close();
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect(inputs, JSON.stringify(Object.fromEntries(perRoute))).toBeGreaterThanOrEqual(2000);
    // The inputs reached the routes' own work, not only the edge: each route both succeeded and refused fields.
    const reached: Record<string, readonly string[]> = {
      'POST /api/web/session': ['201', 'VALIDATION_FAILED', 'BAD_REQUEST', 'UNSUPPORTED_MEDIA_TYPE'],
      'POST /api/messages': ['200', 'VALIDATION_FAILED', 'UNKNOWN_PAYLOAD', 'TOKEN_MISSING', 'TOKEN_INVALID'],
      'GET /api/messages': ['200', 'VALIDATION_FAILED', 'TOKEN_INVALID'],
      'POST /api/huurtoeslag/check': ['200', 'VALIDATION_FAILED'],
      'POST /api/console/login': ['VALIDATION_FAILED', 'LOGIN_FAILED', 'RATE_LIMITED'],
      'GET /api/console/tickets': ['200', 'VALIDATION_FAILED', 'CONSOLE_UNAUTHENTICATED'],
      'GET /api/console/tickets/:id': ['200', 'TICKET_NOT_FOUND'],
      'POST /api/console/tickets/:id/notes': ['201', 'VALIDATION_FAILED', 'CSRF_FAILED'],
      'POST /api/console/tickets/:id/messages': ['204', 'VALIDATION_FAILED'],
      'PUT /api/console/canned': ['200', 'VALIDATION_FAILED'],
      'POST /api/twilio/messages': ['200', 'SIGNATURE_INVALID'],
      'POST /api/teams/messages': ['200', 'TOKEN_INVALID'],
    };
    expect(errorLogs, 'errors in the server log').toEqual([]);
    for (const [route, expected] of Object.entries(reached)) expect([...(outcomes.get(route) ?? [])], route).toEqual(expect.arrayContaining([...expected]));
  });
});
