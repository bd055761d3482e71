import { createHash, randomBytes } from 'node:crypto';
import express, { type Request, type RequestHandler, type Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Locale } from '../../engine/session-state.js';
import type { AttemptLimiter } from '../../store/attempt-limiter.js';
import { isLocale, preferredLocaleOf, sourceLocale } from '../../shared/locale-registry.js';
import type { RevokedConversations } from '../../store/revoked-conversations.js';
import type { MessageLog } from '../../store/session-store.js';
import type { Clock } from '../../shared/clock.js';
import { RequestError } from '../../shared/errors.js';
import { issueToken, verifyToken, type TokenClaims } from './session-token.js';
import type { WebChannel, WebInput } from './web-channel.js';
import { afterQuerySchema, sessionRequestSchema, webTurnSchema, type WebTurn } from './web-input.js';
import { parseBody } from './parse-body.js';
import { widgetCors, type WidgetOrigins } from './widget-origins.js';

/** What `res.type('json')` sets, without its two MIME look-ups per answer. */
const JSON_UTF8 = 'application/json; charset=utf-8';

export interface WebRoutesDeps {
  readonly channel: WebChannel;
  readonly messages: MessageLog;
  readonly secret: string;
  readonly sessionTtlSeconds: number;
  readonly clock: Clock;
  readonly widget: { readonly js: string };
  readonly demoPage: (locale: Locale) => Promise<string>;
  /** Conversations deleted on request: their tokens are refused. */
  readonly revoked: RevokedConversations;
  /** New sessions per address per minute, counted in the store (shared by every process). */
  readonly sessionStarts: AttemptLimiter;
  readonly sessionRateLimit: number;
  /** The sites that may embed the widget (WIDGET_ORIGINS); default: our own origin only. */
  readonly origins?: WidgetOrigins;
}

/** An address as a rate-limit key: hashed, so no IP address is ever kept in a key. */
function addressKey(ip: string | undefined): string {
  return createHash('sha256').update(ip ?? 'unknown').digest('base64url').slice(0, 22);
}

/** Opaque, unguessable conversation ids. */
export function newConversationId(): string {
  return randomBytes(18).toString('base64url');
}

/** The token from `Authorization: Bearer …`; 401 when missing, forged or expired. */
export function authenticate(req: Request, secret: string, clock: Clock): TokenClaims {
  const header = req.get('authorization');
  if (header === undefined) throw new RequestError('TOKEN_MISSING');
  const m = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header);
  const claims = m ? verifyToken(secret, m[1], clock.now().getTime()) : null;
  if (claims === null) throw new RequestError('TOKEN_INVALID');
  return claims;
}

/** authenticate, and 401 TOKEN_INVALID for the token of a conversation deleted on request (issue #11 finding 10). */
async function authenticateLive(req: Request, deps: Pick<WebRoutesDeps, 'secret' | 'clock' | 'revoked'>): Promise<TokenClaims> {
  const claims = authenticate(req, deps.secret, deps.clock);
  if (await deps.revoked.isRevoked(claims.conversationId)) throw new RequestError('TOKEN_INVALID');
  return claims;
}

/** The channel's input from a parsed turn body (HTTP or websocket). */
export function webInput(turn: WebTurn): WebInput {
  return { ...(turn.text !== undefined ? { text: turn.text } : {}), ...(turn.payload !== undefined ? { payload: turn.payload } : {}), ...(turn.turnId !== undefined ? { turnId: turn.turnId } : {}) };
}

/** The web channel's routes: the person's turn on its own (mounted first, see createApp), the rest as a router. */
export interface WebRoutes {
  readonly router: Router;
  readonly turn: { readonly path: string; readonly handlers: readonly RequestHandler[] };
}

export function webRoutes(deps: WebRoutesDeps): WebRoutes {
  const router = express.Router();
  const limit = (max: number) => rateLimit({ windowMs: 60_000, limit: max, standardHeaders: 'draft-8', legacyHeaders: false, handler: (_req, _res, next) => next(new RequestError('RATE_LIMITED')) });

  router.get('/', async (req, res) => {
    // The demo page stands for a meldpunt's own (Dutch) site: ?lang=<code> of a shipped language, else Dutch.
    const asked = req.query['lang'];
    const locale: Locale = isLocale(asked) ? asked : sourceLocale;
    res.type('html').send(await deps.demoPage(locale));
  });

  const origins = deps.origins ?? { allowed: [] };
  router.get('/widget.js', (_req, res) => {
    // helmet's default CORP `same-origin` keeps other sites from loading the script; with WIDGET_ORIGINS they may.
    if (origins.allowed.length > 0) res.set('Cross-Origin-Resource-Policy', 'cross-origin');
    res.type('application/javascript').set('Cache-Control', 'public, max-age=300').send(deps.widget.js);
  });
  const cors = widgetCors(origins);
  router.use(['/api/web', '/api/messages'], cors);

  router.post('/api/web/session', async (req, res) => {
    const body = parseBody(sessionRequestSchema, req.body ?? {});
    if ((await deps.sessionStarts.fail(addressKey(req.ip))) > deps.sessionRateLimit) throw new RequestError('RATE_LIMITED');
    const conversationId = newConversationId();
    // The widget's data-locale (sent as `locale`), else the browser's Accept-Language, else Dutch.
    const locale = body.locale ?? preferredLocaleOf(req.get('accept-language')) ?? sourceLocale;
    const exp = Math.floor(deps.clock.now().getTime() / 1000) + deps.sessionTtlSeconds;
    res.status(201).json({ token: issueToken(deps.secret, { conversationId, locale, exp }), conversationId });
  });

  router.get('/api/messages', limit(120), async (req, res) => {
    const claims = await authenticateLive(req, deps);
    const query = parseBody(afterQuerySchema, req.query);
    const kept = await deps.messages.list(claims.conversationId, query.after);
    res.json({ messages: kept.map((m) => ({ id: m.id, ...(typeof m.body === 'object' && m.body !== null ? m.body : {}) })) });
  });

  // Turns are limited per conversation (TURN_RATE_LIMIT) by the runtime, over HTTP and the websocket together.
  const takeTurn: RequestHandler = async (req, res) => {
    // A deleted conversation's token is refused by the runtime, inside the turn's one read round trip.
    const claims = authenticate(req, deps.secret, deps.clock);
    const turn = parseBody(webTurnSchema, req.body);
    const { messages } = await deps.channel.receive(claims.conversationId, webInput(turn), claims.locale);
    const body = JSON.stringify(messages.map(({ id, type, text, quick_replies, input }) => ({ id, type, text, ...(quick_replies ? { quick_replies } : {}), ...(input ? { input } : {}) })));
    // The turn's answer is never cached or revalidated: written in one piece, without res.json's ETag (a SHA-1 over
    // every answer) and the separate header and body writes of a Buffer body (issue #12).
    res.setHeader('Content-Type', JSON_UTF8).end(body);
  };
  // CORS first, as the router's other /api/messages routes have it.
  return { router, turn: { path: '/api/messages', handlers: [cors, takeTurn] } };
}
