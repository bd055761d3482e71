import { z } from 'zod/v4';
import { afterQuerySchema, sessionRequestSchema, webTurnSchema } from '../channels/web/web-input.js';
import { inboundSchema } from '../channels/twilio/twilio-inbound.js';
import { TWILIO_WEBHOOK_PATH } from '../channels/twilio/twilio-webhook-path.js';
import { TEAMS_MESSAGES_PATH } from '../channels/teams/teams-messages-path.js';
import { loginBodySchema } from '../console/auth/auth-routes.js';
import { consoleCookieName } from '../console/auth/console-cookie.js';
import {
  cannedBodySchema,
  cannedQuerySchema,
  closeBodySchema,
  emptyBodySchema,
  messageBodySchema,
  noteBodySchema,
  ticketListQuerySchema,
} from '../console/console-bodies.js';
import { huurtoeslagInputSchema, residenceSchema } from '../domain/huurtoeslag/huurtoeslag-input.js';
import { errorCodes, type ErrorCode } from '../shared/errors.js';
import { sourceLocale } from '../shared/locale-registry.js';
import {
  cannedListSchema,
  consoleIdentitySchema,
  errorBodySchema,
  healthSchema,
  heartbeatAnswerSchema,
  huurtoeslagAnswerSchema,
  linkCodeSchema,
  messageListSchema,
  noteAnswerSchema,
  readySchema,
  sessionCreatedSchema,
  statsSchema,
  teamsStatusSchema,
  ticketAnswerSchema,
  ticketDetailSchema,
  ticketListSchema,
  turnAnswerSchema,
  undeliveredSchema,
} from './openapi-responses.js';

export const OPENAPI_PATH = '/api/openapi.json';

type Auth = 'session' | 'console' | 'consoleCsrf' | 'coordinator' | 'coordinatorCsrf' | 'metrics' | 'twilio' | 'teams';

interface Answer {
  readonly status: number;
  readonly description: string;
  /** A JSON answer's schema; absent for an empty answer or one in another format (`contentType`). */
  readonly schema?: z.ZodType;
  readonly contentType?: string;
}

/** One route of the app as the document shows it. The request schemas are the ones the route parses with. */
export interface ApiOperation {
  readonly method: 'get' | 'post' | 'put';
  /** Express syntax (`/tickets/:id`); the document uses `{id}`. */
  readonly path: string;
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  readonly auth?: Auth;
  readonly query?: z.ZodObject;
  readonly body?: { readonly schema: z.ZodType; readonly example: unknown; readonly required: boolean; readonly contentType?: string };
  readonly answers: readonly Answer[];
  readonly errors: readonly ErrorCode[];
}

/** Errors any JSON request can meet before its route: a body that is not JSON, too large, or of another type. */
const bodyErrors: readonly ErrorCode[] = ['BAD_REQUEST', 'VALIDATION_FAILED', 'BODY_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'];
const consoleErrors: readonly ErrorCode[] = ['CONSOLE_UNAUTHENTICATED', 'CSRF_FAILED'];
const html = { contentType: 'text/html' } as const;
const script = { contentType: 'application/javascript' } as const;
const ticketErrors: readonly ErrorCode[] = [...bodyErrors, ...consoleErrors, 'TICKET_NOT_FOUND'];

const exampleTurnId = 'k3x9-2f7a-41c0';

export const apiOperations: readonly ApiOperation[] = [
  // Probes and documents.
  { method: 'get', path: '/healthz', tag: 'operations', summary: 'Liveness and store health', description: '503 at once when the store does not answer within 0.8 s.', answers: [{ status: 200, description: 'The store answers.', schema: healthSchema }, { status: 503, description: 'The store does not answer.', schema: healthSchema }], errors: [] },
  { method: 'get', path: '/readyz', tag: 'operations', summary: 'Readiness', description: 'Also 503 while the process drains on SIGTERM.', answers: [{ status: 200, description: 'Ready for new people.', schema: readySchema }, { status: 503, description: 'Draining or the store does not answer.', schema: readySchema }], errors: [] },
  { method: 'get', path: '/metrics', tag: 'operations', summary: 'Prometheus metrics', description: 'Exists only when METRICS_TOKEN is set (else 404).', auth: 'metrics', answers: [{ status: 200, description: 'The Prometheus text format.', contentType: 'text/plain' }], errors: ['NOT_FOUND', 'TOKEN_MISSING', 'TOKEN_INVALID'] },
  { method: 'get', path: OPENAPI_PATH, tag: 'operations', summary: 'This OpenAPI 3.1 document', answers: [{ status: 200, description: 'The document.', schema: z.looseObject({ openapi: z.string() }) }], errors: [] },

  // The web widget and its API.
  { method: 'get', path: '/', tag: 'web', summary: 'Demo page with the widget', description: '`?lang=<code>` of a shipped language, else Dutch.', answers: [{ status: 200, description: 'HTML page.', ...html }], errors: [] },
  { method: 'get', path: '/widget.js', tag: 'web', summary: 'The widget script', answers: [{ status: 200, description: 'JavaScript.', ...script }], errors: [] },
  {
    method: 'post', path: '/api/web/session', tag: 'web', summary: 'Start a conversation',
    description: 'Returns a session token for `Authorization: Bearer`. Limited per address (SESSION_RATE_LIMIT).',
    body: { schema: sessionRequestSchema, example: { locale: sourceLocale }, required: false },
    answers: [{ status: 201, description: 'A new conversation.', schema: sessionCreatedSchema }],
    errors: [...bodyErrors, 'RATE_LIMITED', 'ORIGIN_NOT_ALLOWED', 'STORE_UNAVAILABLE'],
  },
  {
    method: 'post', path: '/api/messages', tag: 'web', summary: 'Send a turn',
    description: 'Text or a button payload. A retry with the same `turnId` is answered from the message log, never applied twice. Limited per conversation (TURN_RATE_LIMIT).',
    auth: 'session',
    body: { schema: webTurnSchema, example: { type: 'message', text: 'Ik heb een brief van de deurwaarder gekregen', turnId: exampleTurnId }, required: true },
    answers: [{ status: 200, description: 'The bot\'s messages for this turn.', schema: turnAnswerSchema }],
    errors: [...bodyErrors, 'TOKEN_MISSING', 'TOKEN_INVALID', 'UNKNOWN_PAYLOAD', 'RATE_LIMITED', 'ORIGIN_NOT_ALLOWED', 'STORE_CONFLICT', 'STORE_UNAVAILABLE'],
  },
  {
    method: 'get', path: '/api/messages', tag: 'web', summary: 'Messages of the conversation after a message id',
    auth: 'session', query: afterQuerySchema,
    answers: [{ status: 200, description: 'Kept messages, oldest first.', schema: messageListSchema }],
    errors: ['BAD_REQUEST', 'VALIDATION_FAILED', 'TOKEN_MISSING', 'TOKEN_INVALID', 'RATE_LIMITED', 'ORIGIN_NOT_ALLOWED', 'STORE_UNAVAILABLE'],
  },

  // Huurtoeslag.
  {
    method: 'post', path: '/api/huurtoeslag/check', tag: 'huurtoeslag', summary: 'Indicative huurtoeslag check',
    description: 'Reasons are translated by `Accept-Language` (Dutch by default).',
    body: {
      schema: huurtoeslagInputSchema,
      example: {
        year: 2026,
        applicant: { age: 27, residence: residenceSchema.enum.nl, registeredAtAddress: true, income: 20000 },
        assets: 1000,
        dwelling: { mainResidence: true, selfContained: true, adaptedForDisability: false },
        rent: { base: 650, serviceCosts: { cleaning: 15 } },
      },
      required: true,
    },
    answers: [{ status: 200, description: 'The result with the sum step by step.', schema: huurtoeslagAnswerSchema }],
    errors: bodyErrors,
  },

  // The volunteer console: sign-in.
  {
    method: 'post', path: '/api/console/login', tag: 'console', summary: 'Sign in a volunteer',
    description: `Sets the session cookie \`${consoleCookieName}\`; later POST/PUT requests send \`csrfToken\` in \`x-csrf-token\`. Failures are slowed per address and per account.`,
    body: { schema: loginBodySchema, example: { username: 'anna', password: 'correct horse battery staple' }, required: true },
    answers: [{ status: 200, description: 'Signed in.', schema: consoleIdentitySchema }],
    errors: [...bodyErrors, 'LOGIN_FAILED', 'RATE_LIMITED', 'STORE_UNAVAILABLE'],
  },
  { method: 'post', path: '/api/console/logout', tag: 'console', summary: 'Sign out', auth: 'consoleCsrf', answers: [{ status: 204, description: 'Signed out.' }], errors: consoleErrors },
  { method: 'get', path: '/api/console/me', tag: 'console', summary: 'Who is signed in', auth: 'console', answers: [{ status: 200, description: 'The volunteer and the CSRF token.', schema: consoleIdentitySchema }], errors: ['CONSOLE_UNAUTHENTICATED'] },

  // The volunteer console: tickets.
  { method: 'get', path: '/api/console/tickets', tag: 'console', summary: 'Tickets in one state', auth: 'console', query: ticketListQuerySchema, answers: [{ status: 200, description: 'Most urgent first, then longest waiting.', schema: ticketListSchema }], errors: ['VALIDATION_FAILED', 'CONSOLE_UNAUTHENTICATED'] },
  { method: 'get', path: '/api/console/tickets/:id', tag: 'console', summary: 'One ticket with its transcript and notes', auth: 'console', answers: [{ status: 200, description: 'The ticket.', schema: ticketDetailSchema }], errors: ['CONSOLE_UNAUTHENTICATED', 'TICKET_NOT_FOUND'] },
  { method: 'post', path: '/api/console/tickets/:id/claim', tag: 'console', summary: 'Claim a ticket', auth: 'consoleCsrf', body: { schema: emptyBodySchema, example: {}, required: false }, answers: [{ status: 200, description: 'Claimed (or the lease extended).', schema: ticketAnswerSchema }], errors: [...ticketErrors, 'TICKET_CLAIMED', 'TICKET_CLOSED'] },
  {
    method: 'post', path: '/api/console/tickets/:id/messages', tag: 'console', summary: 'Send a line to the person', auth: 'consoleCsrf',
    body: { schema: messageBodySchema, example: { text: 'Hallo, ik ben Anna van het meldpunt. Ik lees even mee.' }, required: true },
    answers: [{ status: 204, description: 'Delivered.' }, { status: 200, description: 'Kept in the transcript, but it did not reach the person.', schema: undeliveredSchema }],
    errors: [...ticketErrors, 'TICKET_NOT_HELD', 'TICKET_CLOSED'],
  },
  { method: 'post', path: '/api/console/tickets/:id/typing', tag: 'console', summary: 'The volunteer is typing', auth: 'consoleCsrf', body: { schema: emptyBodySchema, example: {}, required: false }, answers: [{ status: 204, description: 'Passed on.' }], errors: [...ticketErrors, 'TICKET_NOT_HELD', 'TICKET_CLOSED'] },
  { method: 'post', path: '/api/console/tickets/:id/notes', tag: 'console', summary: 'Add a private note', auth: 'consoleCsrf', body: { schema: noteBodySchema, example: { text: 'Belt morgen terug na gesprek met de verhuurder.' }, required: true }, answers: [{ status: 201, description: 'The note.', schema: noteAnswerSchema }], errors: ticketErrors },
  { method: 'post', path: '/api/console/tickets/:id/release', tag: 'console', summary: 'Give a claim back to the queue', description: 'A coordinator may release anyone\'s claim.', auth: 'consoleCsrf', body: { schema: emptyBodySchema, example: {}, required: false }, answers: [{ status: 200, description: 'Waiting again.', schema: ticketAnswerSchema }], errors: [...ticketErrors, 'TICKET_NOT_HELD', 'TICKET_CLOSED'] },
  { method: 'post', path: '/api/console/tickets/:id/takeover', tag: 'console', summary: 'Take over a ticket (coordinator)', auth: 'coordinatorCsrf', body: { schema: emptyBodySchema, example: {}, required: false }, answers: [{ status: 200, description: 'Claimed by the coordinator.', schema: ticketAnswerSchema }], errors: [...ticketErrors, 'FORBIDDEN_ROLE', 'TICKET_CLOSED'] },
  { method: 'post', path: '/api/console/tickets/:id/close', tag: 'console', summary: 'Close with an outcome', auth: 'consoleCsrf', body: { schema: closeBodySchema, example: { outcome: 'helped' }, required: true }, answers: [{ status: 200, description: 'Closed.', schema: ticketAnswerSchema }], errors: [...ticketErrors, 'TICKET_NOT_HELD', 'TICKET_CLOSED'] },
  { method: 'post', path: '/api/console/heartbeat', tag: 'console', summary: 'Extend the leases of one\'s claims', auth: 'consoleCsrf', body: { schema: emptyBodySchema, example: {}, required: false }, answers: [{ status: 200, description: 'Ids of the tickets whose claim was extended.', schema: heartbeatAnswerSchema }], errors: [...bodyErrors, ...consoleErrors] },
  { method: 'get', path: '/api/console/events', tag: 'console', summary: 'Live queue and relay events', description: 'Server-sent events: queue changes, and relay lines of the chats the volunteer holds (all chats for coordinators).', auth: 'console', answers: [{ status: 200, description: 'An event stream.', contentType: 'text/event-stream' }], errors: ['CONSOLE_UNAUTHENTICATED'] },
  { method: 'get', path: '/api/console/canned', tag: 'console', summary: 'Canned replies of a language', auth: 'console', query: cannedQuerySchema, answers: [{ status: 200, description: 'The list.', schema: cannedListSchema }], errors: ['VALIDATION_FAILED', 'CONSOLE_UNAUTHENTICATED'] },
  {
    method: 'put', path: '/api/console/canned', tag: 'console', summary: 'Replace the canned replies of a language (coordinator)', auth: 'coordinatorCsrf',
    body: { schema: cannedBodySchema, example: { locale: sourceLocale, replies: [{ id: 'welkom', title: 'Welkom', text: 'Hallo, ik ben er. Vertel maar wat er aan de hand is.' }] }, required: true },
    answers: [{ status: 200, description: 'The saved list.', schema: cannedListSchema }],
    errors: [...bodyErrors, ...consoleErrors, 'FORBIDDEN_ROLE'],
  },
  { method: 'get', path: '/api/console/teams', tag: 'console', summary: 'The Teams alert channel (coordinator)', auth: 'coordinator', answers: [{ status: 200, description: 'Whether Teams is on, and the alert channel.', schema: teamsStatusSchema }], errors: ['CONSOLE_UNAUTHENTICATED', 'FORBIDDEN_ROLE'] },
  { method: 'post', path: '/api/console/teams/link-code', tag: 'console', summary: 'A one-time code to link one\'s Teams account', auth: 'consoleCsrf', body: { schema: emptyBodySchema, example: {}, required: false }, answers: [{ status: 201, description: 'Send the code to the bot in a 1:1 Teams chat.', schema: linkCodeSchema }], errors: [...bodyErrors, ...consoleErrors, 'NOT_FOUND'] },
  { method: 'get', path: '/api/console/stats', tag: 'console', summary: 'Queue figures, who is signed in, failed sign-ins (coordinator)', auth: 'coordinator', answers: [{ status: 200, description: 'Figures of today.', schema: statsSchema }], errors: ['CONSOLE_UNAUTHENTICATED', 'FORBIDDEN_ROLE'] },
  { method: 'get', path: '/console', tag: 'console', summary: 'The console page', answers: [{ status: 200, description: 'HTML page.', ...html }], errors: [] },
  { method: 'get', path: '/console/console.js', tag: 'console', summary: 'The console script', answers: [{ status: 200, description: 'JavaScript.', ...script }], errors: [] },

  // Webhooks of other channels (only when configured).
  {
    method: 'post', path: TWILIO_WEBHOOK_PATH, tag: 'channels', summary: 'Twilio SMS / WhatsApp webhook',
    description: 'Only when TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and PUBLIC_URL are set. The signature is checked before anything else.',
    auth: 'twilio',
    body: { schema: inboundSchema, example: { MessageSid: `SM${'0123456789abcdef'.repeat(2)}`, From: '+31612345678', To: '+3197010000001', Body: 'hallo' }, required: true, contentType: 'application/x-www-form-urlencoded' },
    answers: [{ status: 200, description: 'Empty TwiML; replies go out through the Twilio API.', contentType: 'text/xml' }],
    errors: ['SIGNATURE_INVALID', 'VALIDATION_FAILED', 'BODY_TOO_LARGE'],
  },
  {
    method: 'post', path: TEAMS_MESSAGES_PATH, tag: 'channels', summary: 'Microsoft Teams (Bot Framework) activities',
    description: 'Only when TEAMS_APP_ID and TEAMS_APP_PASSWORD are set. A Bot Framework activity, validated by the Teams SDK (JWT from the Bot Framework).',
    auth: 'teams',
    answers: [{ status: 200, description: 'Accepted.' }],
    errors: ['TOKEN_INVALID', 'BAD_REQUEST', 'BODY_TOO_LARGE'],
  },
];

type JsonObject = Record<string, unknown>;

/** A zod schema as a JSON Schema (2020-12, the dialect of OpenAPI 3.1) for what a client sends or gets. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  return rest;
}

const security: Record<Auth, JsonObject[]> = {
  session: [{ sessionToken: [] }],
  console: [{ consoleSession: [] }],
  consoleCsrf: [{ consoleSession: [], csrfToken: [] }],
  coordinator: [{ consoleSession: [] }],
  coordinatorCsrf: [{ consoleSession: [], csrfToken: [] }],
  metrics: [{ metricsToken: [] }],
  twilio: [{ twilioSignature: [] }],
  teams: [{ botFramework: [] }],
};

function operationObject(op: ApiOperation): JsonObject {
  const pathParams = [...op.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  const query = op.query === undefined ? {} : jsonSchemaOf(op.query, 'input');
  const queryProps = (query['properties'] ?? {}) as Record<string, JsonObject>;
  const required = new Set((query['required'] ?? []) as string[]);
  const queryParams = Object.entries(queryProps).map(([name, schema]) => ({ name, in: 'query', required: required.has(name), schema }));
  const responses: JsonObject = {};
  for (const a of op.answers) {
    const content = a.schema !== undefined ? { 'application/json': { schema: jsonSchemaOf(a.schema, 'output') } } : a.contentType !== undefined ? { [a.contentType]: { schema: { type: 'string' } } } : undefined;
    responses[String(a.status)] = { description: a.description, ...(content ? { content } : {}) };
  }
  // Every error answer has the same body; each status lists the codes this route can give with it.
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set<ErrorCode>([...op.errors, 'INTERNAL'])) byStatus.set(errorCodes[code].status, [...(byStatus.get(errorCodes[code].status) ?? []), code]);
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    if (responses[String(status)] !== undefined) continue;
    responses[String(status)] = { description: `Error: ${codes.join(', ')}.`, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  }
  return {
    tags: [op.tag],
    summary: op.summary,
    ...(op.description !== undefined ? { description: op.description } : {}),
    operationId: `${op.method}${op.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    ...(pathParams.length + queryParams.length > 0 ? { parameters: [...pathParams, ...queryParams] } : {}),
    ...(op.auth !== undefined ? { security: security[op.auth] } : {}),
    ...(op.body !== undefined
      ? { requestBody: { required: op.body.required, content: { [op.body.contentType ?? 'application/json']: { schema: jsonSchemaOf(op.body.schema, 'input'), example: op.body.example } } } }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of every route, built from the zod schemas the routes parse with. */
export function openApiDocument(version: string): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const op of apiOperations) {
    const path = op.path.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] = { ...paths[path], [op.method]: operationObject(op) };
  }
  return {
    openapi: '3.1.1',
    info: {
      title: 'huurhulp',
      version,
      description: 'A calm chat assistant for Dutch tenants in rent arrears. Every error answers `{ "error": { "code", "message", "fields"? } }`.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    tags: [
      { name: 'web', description: 'The web widget and its API.' },
      { name: 'huurtoeslag', description: 'The indicative huurtoeslag check.' },
      { name: 'console', description: 'The volunteer console.' },
      { name: 'channels', description: 'Webhooks of SMS, WhatsApp and Teams.' },
      { name: 'operations', description: 'Health, metrics and this document.' },
    ],
    paths,
    components: {
      schemas: { Error: jsonSchemaOf(errorBodySchema, 'output') },
      securitySchemes: {
        sessionToken: { type: 'http', scheme: 'bearer', description: 'The token from POST /api/web/session.' },
        consoleSession: { type: 'apiKey', in: 'cookie', name: consoleCookieName, description: 'Set by POST /api/console/login.' },
        csrfToken: { type: 'apiKey', in: 'header', name: 'x-csrf-token', description: 'The csrfToken of the console session (every POST and PUT).' },
        metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN.' },
        twilioSignature: { type: 'apiKey', in: 'header', name: 'X-Twilio-Signature', description: 'Twilio\'s HMAC of the URL and the parameters.' },
        botFramework: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A Bot Framework token.' },
      },
    },
  };
}
