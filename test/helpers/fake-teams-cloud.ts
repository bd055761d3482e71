import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * Microsoft's side of a Teams bot, on loopback: an OpenID metadata document with its signing keys (Bot Framework
 * and one Entra tenant), a key pair that signs inbound tokens like the Bot Connector service does, and a fake
 * Bot Connector that records every activity the bot sends or updates. No cloud is involved.
 */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
/** What the bot's `token` option returns in tests; the fake connector refuses any other bearer. */
export const OUTBOUND_TOKEN = fakeJwt({ aud: 'https://api.botframework.com', iss: 'test-token-issuer' });

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export interface RecordedCall {
  readonly method: 'POST' | 'PUT';
  readonly path: string;
  readonly conversationId: string;
  /** The activity id of a PUT (update) or of the activity replied to. */
  readonly activityId: string | null;
  /** The id the connector gave the new activity (POST) or the updated one (PUT). */
  readonly resultId: string;
  readonly authorization: string | undefined;
  readonly body: Record<string, unknown>;
}

export interface FakeTeamsCloud {
  /** Base URL of the fake connector (the activities' `serviceUrl`). */
  readonly serviceUrl: string;
  readonly openIdMetadataUrl: string;
  /** An Entra-like login endpoint on this server (`/<tenant>/discovery/v2.0/keys`). */
  readonly loginEndpoint: string;
  readonly key: SigningKey;
  /** The Entra tenant whose keys this server publishes, and its key (for Entra-issued tokens). */
  readonly tenantId: string;
  readonly tenantKey: SigningKey;
  /** Every call to the connector, in order. */
  readonly calls: RecordedCall[];
  /** The calls answered with a failure from `failNext`, in order. */
  readonly refused: { readonly status: number; readonly method: string; readonly conversationId: string }[];
  /** A key pair the metadata does not publish. */
  newKey(): SigningKey;
  /** Signs a Bot Connector token: RS256, issuer api.botframework.com, `aud` = app id, `serviceurl` claim. */
  sign(claims: Record<string, unknown>, key?: SigningKey): string;
  /** The next `count` connector calls answer `status` (e.g. 429, 502, 403). */
  failNext(status: number, count?: number, body?: unknown): void;
  /** Resolves once `predicate` holds for the recorded calls (polls; rejects after `timeoutMs`). */
  waitForCalls(predicate: (calls: readonly RecordedCall[]) => boolean, timeoutMs?: number): Promise<RecordedCall[]>;
  close(): Promise<void>;
}

export function newSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid: randomUUID(), privateKey, publicKey };
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** An unsigned JWT-shaped string (the SDK's `token` option must return something it can decode). */
export function fakeJwt(claims: Record<string, unknown>): string {
  const now = Math.floor(Date.now() / 1000);
  return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ iat: now, exp: now + 3600, ...claims })}.sig`;
}

export function signJwt(claims: Record<string, unknown>, key: SigningKey): string {
  const head = `${b64url({ alg: 'RS256', typ: 'JWT', kid: key.kid })}.${b64url(claims)}`;
  const signature = createSign('RSA-SHA256').update(head).sign(key.privateKey).toString('base64url');
  return `${head}.${signature}`;
}

function jwk(key: SigningKey): Record<string, unknown> {
  return { ...key.publicKey.export({ format: 'jwk' }), kid: key.kid, use: 'sig', alg: 'RS256', endorsements: ['msteams'] };
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startFakeTeamsCloud(options: { readonly tenantId?: string } = {}): Promise<FakeTeamsCloud> {
  const key = newSigningKey();
  const tenantKey = newSigningKey();
  const tenantId = options.tenantId ?? 'tenant-1';
  const calls: RecordedCall[] = [];
  const failures: { status: number; body: unknown }[] = [];
  const refused: { status: number; method: string; conversationId: string }[] = [];
  let base = '';
  let nextId = 1;

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const path = url.pathname;
      if (req.method === 'GET' && path === '/v1/.well-known/openidconfiguration') {
        return send(res, 200, { issuer: BOT_FRAMEWORK_ISSUER, jwks_uri: `${base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] });
      }
      if (req.method === 'GET' && path === '/v1/.well-known/keys') return send(res, 200, { keys: [jwk(key)] });
      if (req.method === 'GET' && path === `/${tenantId}/discovery/v2.0/keys`) return send(res, 200, { keys: [jwk(tenantKey)] });
      const conversations = /^\/v3\/conversations(?:\/([^/]+)\/activities(?:\/([^/]+))?)?\/?$/.exec(path);
      if (conversations === null || (req.method !== 'POST' && req.method !== 'PUT')) return send(res, 404, { error: 'not found' });
      const body = await readBody(req);
      const failure = failures.shift();
      if (failure !== undefined) {
        refused.push({ status: failure.status, method: req.method, conversationId: decodeURIComponent(conversations[1] ?? '') });
        return send(res, failure.status, failure.body);
      }
      if (req.headers.authorization !== `Bearer ${OUTBOUND_TOKEN}`) return send(res, 401, { error: { code: 'Unauthorized' } });
      const conversationId = conversations[1] === undefined ? `a:${randomUUID()}` : decodeURIComponent(conversations[1]);
      const activityId = conversations[2] === undefined ? null : decodeURIComponent(conversations[2]);
      const resultId = req.method === 'PUT' && activityId !== null ? activityId : `activity-${nextId++}`;
      calls.push({ method: req.method, path, conversationId, activityId, resultId, authorization: req.headers.authorization, body });
      // POST /v3/conversations creates a 1:1 chat; the others post or update an activity.
      return send(res, req.method === 'POST' && conversations[1] === undefined ? 201 : 200, conversations[1] === undefined ? { id: conversationId, activityId: resultId } : { id: resultId });
    })().catch((error: unknown) => send(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;

  return {
    serviceUrl: `${base}/`,
    openIdMetadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    loginEndpoint: base,
    key,
    tenantId,
    tenantKey,
    calls,
    refused,
    newKey: newSigningKey,
    sign(claims, signWith = key) {
      const now = Math.floor(Date.now() / 1000);
      return signJwt({ iss: BOT_FRAMEWORK_ISSUER, iat: now, nbf: now, exp: now + 3600, ...claims }, signWith);
    },
    failNext(status, count = 1, body = { error: { code: 'Failure', message: 'fake failure' } }) {
      for (let i = 0; i < count; i++) failures.push({ status, body });
    },
    async waitForCalls(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        if (Date.now() > deadline) throw new Error(`fake connector: condition not met; calls so far: ${JSON.stringify(calls.map((c) => `${c.method} ${c.path}`))}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return calls;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
