import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { apiOperations, OPENAPI_PATH } from '../../src/http/openapi-document.js';
import { appRoutes } from '../helpers/app-routes.js';
import { OUTBOUND_TOKEN, startFakeTeamsCloud, type FakeTeamsCloud } from '../helpers/fake-teams-cloud.js';
import { jsonSchemaProblems } from '../helpers/json-schema-check.js';
import { startApp, type StartedApp } from '../helpers/start-app.js';
import { teamsEnv } from '../helpers/teams-client.js';

// Every channel on (Twilio, Teams, metrics), so the app registers every route it can have.
const everyChannel = {
  TWILIO_ACCOUNT_SID: `AC${'0123456789abcdef'.repeat(2)}`,
  TWILIO_AUTH_TOKEN: 'test-auth-token-0123456789abcdef',
  TWILIO_SMS_FROM: '+3197010000001',
  PUBLIC_URL: 'https://huurhulp.example',
  METRICS_TOKEN: 'metrics-token-0123456789abcdef',
};

const loginExample = apiOperations.find((op) => op.path === '/api/console/login')?.body?.example;
const login = z.strictObject({ username: z.string(), password: z.string() }).parse(loginExample);

const jsonObject = z.record(z.string(), z.unknown());
const operationSchema = z.looseObject({
  summary: z.string().min(1),
  operationId: z.string().min(1),
  responses: z.record(z.string().regex(/^[1-5]\d\d$/), z.looseObject({ description: z.string().min(1), content: z.record(z.string(), z.looseObject({ schema: jsonObject })).optional() })),
  parameters: z.array(z.looseObject({ name: z.string(), in: z.enum(['path', 'query', 'header', 'cookie']), required: z.boolean(), schema: jsonObject })).optional(),
  requestBody: z.looseObject({ required: z.boolean(), content: z.record(z.string(), z.looseObject({ schema: jsonObject, example: z.unknown() })) }).optional(),
  security: z.array(z.record(z.string(), z.array(z.string()))).optional(),
});
const documentSchema = z.looseObject({
  openapi: z.string().regex(/^3\.1\.\d+$/),
  info: z.looseObject({ title: z.string().min(1), version: z.string().min(1) }),
  paths: z.record(z.string().startsWith('/'), z.partialRecord(z.enum(['get', 'put', 'post', 'delete', 'patch']), operationSchema)),
  components: z.looseObject({ schemas: z.record(z.string(), jsonObject), securitySchemes: z.record(z.string(), jsonObject) }),
});
type OpenApi = z.infer<typeof documentSchema>;

let cloud: FakeTeamsCloud;
let app: StartedApp;
let served: unknown;
let doc: OpenApi;

beforeAll(async () => {
  cloud = await startFakeTeamsCloud();
  app = await startApp({
    env: { ...teamsEnv(cloud), ...everyChannel },
    teams: { teamsToken: async () => OUTBOUND_TOKEN },
    volunteers: [{ ...login, role: 'coordinator' }],
  });
  const res = await fetch(`${app.url}${OPENAPI_PATH}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  served = await res.json();
  doc = documentSchema.parse(served);
});

afterAll(async () => {
  await app?.close();
  await cloud?.close();
});

/** The documented JSON Schema of an operation's request body or of one of its answers. */
function documented(method: string, path: string, part: { body: true } | { status: number }): Record<string, unknown> {
  const op = doc.paths[path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[method as 'get'];
  if (op === undefined) throw new Error(`${method} ${path} is not documented`);
  const content = 'body' in part ? op.requestBody?.content : op.responses[String(part.status)]?.content;
  const schema = Object.values(content ?? {})[0]?.schema;
  if (schema === undefined) throw new Error(`${method} ${path}: no schema`);
  return schema;
}

/** A live JSON answer against the documented schema of its status. */
async function fitsDocument(method: string, path: string, res: Response): Promise<unknown> {
  const body: unknown = await res.json();
  expect(jsonSchemaProblems(documented(method, path, { status: res.status }), body, doc as unknown as Record<string, unknown>), `${method} ${path} ${res.status}`).toEqual([]);
  return body;
}

describe('GET /api/openapi.json', () => {
  it('(a) documents exactly the routes the Express app has (method + path, mounted routers and sub-apps included)', () => {
    const express = app.server.listeners('request')[0] as Express;
    const registered = new Set(appRoutes(express, app.teams === null ? [] : [app.teams.router]).map((r) => `${r.method.toUpperCase()} ${r.path}`));
    const inDocument = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{([A-Za-z]+)\}/g, ':$1')}`)));
    // Sanity: the walk reaches into the mounted routers (console, web) and the Teams sub-app.
    expect(registered).toContain('POST /api/console/tickets/:id/claim');
    expect(registered).toContain('POST /api/teams/messages');
    expect(registered).toContain('GET /api/openapi.json');
    expect([...registered].filter((r) => !inDocument.has(r)), 'routes missing from the document').toEqual([]);
    expect([...inDocument].filter((r) => !registered.has(r)), 'documented routes the app does not have').toEqual([]);
  });

  it('(b) every documented request example parses with the route\'s own zod schema and fits the JSON Schema', () => {
    const withBody = apiOperations.filter((op) => op.body !== undefined);
    expect(withBody.length).toBeGreaterThanOrEqual(15);
    for (const op of withBody) {
      const body = op.body;
      if (body === undefined) continue;
      const parsed = body.schema.safeParse(body.example);
      expect(parsed.success, `${op.method} ${op.path}: ${parsed.error?.message ?? ''}`).toBe(true);
      const schema = documented(op.method, op.path, { body: true });
      expect(jsonSchemaProblems(schema, body.example, doc as unknown as Record<string, unknown>), `${op.method} ${op.path}`).toEqual([]);
      // The served document carries the same example.
      const content = Object.values(doc.paths[op.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[op.method]?.requestBody?.content ?? {})[0];
      expect(content?.example).toEqual(body.example);
    }
  });

  it('(b) the structure check is not a rubber stamp: a broken example fails both checks', () => {
    const turn = apiOperations.find((op) => op.method === 'post' && op.path === '/api/messages')?.body;
    if (turn === undefined) throw new Error('POST /api/messages has no body');
    const broken = { ...(turn.example as object), type: 'hello', surprise: '<script>alert(1)</script>' };
    expect(turn.schema.safeParse(broken).success).toBe(false);
    expect(jsonSchemaProblems(documented('post', '/api/messages', { body: true }), broken)).toEqual(expect.arrayContaining([expect.stringContaining('constant'), expect.stringContaining('surprise')]));
  });

  it('(c) is structurally valid OpenAPI 3.1: every operation has responses, every error answer the error body, every ref resolves', () => {
    const root = served as Record<string, unknown>;
    const ids = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths)) {
      const params = [...path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(ops)) {
        expect(Object.keys(op.responses).length, `${method} ${path}`).toBeGreaterThan(0);
        expect(ids.has(op.operationId), `duplicate operationId ${op.operationId}`).toBe(false);
        ids.add(op.operationId);
        for (const p of params) expect(op.parameters?.some((x) => x.in === 'path' && x.name === p && x.required), `${method} ${path}: path parameter ${p}`).toBe(true);
        for (const [status, answer] of Object.entries(op.responses)) {
          if (Number(status) < 400) continue;
          if (path === '/healthz' || path === '/readyz') continue;
          expect(answer.content?.['application/json']?.schema, `${method} ${path} ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
        }
        for (const scheme of (op.security ?? []).flatMap((s) => Object.keys(s))) expect(doc.components.securitySchemes[scheme], scheme).toBeDefined();
      }
    }
    // Every $ref in the document points at something in it.
    const refs = JSON.stringify(served).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(() => jsonSchemaProblems({ $ref: ref.slice(8, -1) }, {}, root)).not.toThrow();
    expect(JSON.stringify(served)).not.toContain('$defs');
  });

  it('the documented examples work against the running server, and its answers fit the documented schemas', async () => {
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const example = (method: string, path: string) => apiOperations.find((op) => op.method === method && op.path === path)?.body?.example;

    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    await fitsDocument('get', '/readyz', await fetch(`${app.url}/readyz`));
    const sessionRes = await post('/api/web/session', example('post', '/api/web/session'));
    expect(sessionRes.status).toBe(201);
    const { token } = z.object({ token: z.string() }).parse(await fitsDocument('post', '/api/web/session', sessionRes));
    const auth = { authorization: `Bearer ${token}` };
    const turnRes = await post('/api/messages', example('post', '/api/messages'), auth);
    expect(turnRes.status).toBe(200);
    await fitsDocument('post', '/api/messages', turnRes);
    const listRes = await fetch(`${app.url}/api/messages`, { headers: auth });
    expect(listRes.status).toBe(200);
    await fitsDocument('get', '/api/messages', listRes);
    const badRes = await post('/api/messages', { type: 'message', extra: 1 }, auth);
    expect(badRes.status).toBe(400);
    await fitsDocument('post', '/api/messages', badRes);

    const checkRes = await post('/api/huurtoeslag/check', example('post', '/api/huurtoeslag/check'));
    expect(checkRes.status).toBe(200);
    await fitsDocument('post', '/api/huurtoeslag/check', checkRes);

    const loginRes = await post('/api/console/login', example('post', '/api/console/login'));
    expect(loginRes.status).toBe(200);
    const { csrfToken } = z.object({ csrfToken: z.string() }).parse(await fitsDocument('post', '/api/console/login', loginRes));
    const cookie = (loginRes.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const consoleHeaders = { cookie, 'x-csrf-token': csrfToken };
    for (const path of ['/api/console/me', '/api/console/tickets', '/api/console/canned', '/api/console/stats', '/api/console/teams']) {
      const res = await fetch(`${app.url}${path}`, { headers: consoleHeaders });
      expect(res.status, path).toBe(200);
      await fitsDocument('get', path, res);
    }
    const cannedRes = await fetch(`${app.url}/api/console/canned`, { method: 'PUT', headers: { 'content-type': 'application/json', ...consoleHeaders }, body: JSON.stringify(example('put', '/api/console/canned')) });
    expect(cannedRes.status).toBe(200);
    await fitsDocument('put', '/api/console/canned', cannedRes);
    const heartbeatRes = await post('/api/console/heartbeat', example('post', '/api/console/heartbeat'), consoleHeaders);
    expect(heartbeatRes.status).toBe(200);
    await fitsDocument('post', '/api/console/heartbeat', heartbeatRes);
    const missing = await post('/api/console/tickets/no-such-ticket/claim', {}, consoleHeaders);
    expect(missing.status).toBe(404);
    await fitsDocument('post', '/api/console/tickets/:id/claim', missing);
  });
});
