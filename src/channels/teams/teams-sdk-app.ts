import express, { type Express } from 'express';
import { PUBLIC, withOverrides, type AdaptiveCardActionResponse } from '@microsoft/teams.api';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { App } from '@microsoft/teams.apps';
import type { ILogger } from '@microsoft/teams.common';
import { z } from 'zod/v4';
import type { Logger } from '../../shared/logger.js';
import { RequestError } from '../../shared/errors.js';
import { TeamsHttpAdapter, TEAMS_TOKEN_REFUSED } from './teams-http-adapter.js';
import { TEAMS_MESSAGES_PATH } from './teams-messages-path.js';

export { TEAMS_MESSAGES_PATH };

/** Teams activities (a card press, a message with a card) are far larger than the app's 4 KB JSON rule allows. */
export const TEAMS_BODY_LIMIT = '256kb';

/** Every setting the SDK would otherwise read from the environment, from src/config.ts. */
export interface TeamsSettings {
  readonly appId: string;
  /** The client secret; null only when `token` supplies outbound tokens (tests). */
  readonly appPassword: string | null;
  /** Single-tenant bots: the Entra tenant; null for the SDK's default (botframework.com). */
  readonly tenantId: string | null;
  readonly openIdMetadataUrl: string;
  readonly loginEndpoint: string;
  /** Outbound tokens without Entra (tests): the SDK's `token` option. Ignored when `appPassword` is set. */
  readonly token?: (scope: string | string[], tenantId?: string) => Promise<string>;
}

/** The answer to a card's Action.Execute press: the card that replaces it, or a short message. */
export type CardActionAnswer = { readonly kind: 'card'; readonly card: IAdaptiveCard } | { readonly kind: 'message'; readonly text: string };

/** What the SDK hands us: the raw activity (parsed by us), already authenticated. */
export interface ActivityHandlers {
  /** Every activity except Universal Action invokes. */
  onActivity(activity: unknown): Promise<void>;
  /** `invoke` `adaptiveCard/action` (Action.Execute). */
  onCardAction(activity: unknown): Promise<CardActionAnswer>;
}

export interface TeamsSdkApp {
  /** The SDK's App, for the connector (outbound calls with the SDK's tokens). */
  readonly app: App;
  /** Mount before the app's global JSON rules: it parses its own body with its own limit. */
  readonly router: Express;
  /** Registers the one handler for every authenticated activity and initializes the SDK (routes, token validator). */
  start(handlers: ActivityHandlers): Promise<void>;
}

/**
 * Builds the Teams SDK app with every option passed explicitly (the SDK otherwise reads CLIENT_ID, CLIENT_SECRET,
 * TENANT_ID, SERVICE_URL, CLOUD, PORT, OAUTH_URL and DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS from the environment).
 * The SDK validates every inbound JWT (signature against the cloud's keys, audience = app id, expiry, Bot Framework
 * issuer, `serviceurl` claim = the activity's serviceUrl) before our handler sees the activity.
 */
export function createTeamsSdkApp(settings: TeamsSettings, logger: Logger): TeamsSdkApp {
  const cloud = withOverrides(PUBLIC, { openIdMetadataUrl: settings.openIdMetadataUrl, loginEndpoint: settings.loginEndpoint });
  const router = express();
  router.disable('x-powered-by');
  // Parsed here with our own limit; the SDK's own express.json() then sees a read body and leaves it.
  router.use(TEAMS_MESSAGES_PATH, express.json({ limit: TEAMS_BODY_LIMIT, strict: true }));
  router.post(TEAMS_MESSAGES_PATH, (req, _res, next) => {
    if (acceptableForSdk(req.get('authorization'), req.body, cloud.tokenIssuer)) return next();
    logger.warn({ module: 'teams' }, 'teams activity refused before token validation (issuer or serviceUrl)');
    next(new RequestError('TOKEN_INVALID', TEAMS_TOKEN_REFUSED));
  });
  const useToken = settings.appPassword === null && settings.token !== undefined;
  const app = new App({
    clientId: settings.appId,
    // '' (not undefined) so that CLIENT_SECRET / TENANT_ID in the environment are never picked up.
    clientSecret: settings.appPassword ?? '',
    tenantId: settings.tenantId ?? '',
    ...(useToken ? { token: settings.token } : {}),
    // Only used without a secret and without `token`, which never happens here (the channel is off then).
    managedIdentityClientId: settings.appId,
    cloud,
    serviceUrl: 'https://smba.trafficmanager.net/teams',
    apiClientSettings: { oauthUrl: cloud.tokenServiceUrl },
    messagingEndpoint: TEAMS_MESSAGES_PATH,
    httpServerAdapter: new TeamsHttpAdapter(router),
    dangerouslyAllowUnauthenticatedRequests: false,
    logger: sdkLogger(logger),
    state: false,
    telemetry: { agent365: false },
    activity: { mentions: { stripText: true } },
  });
  app.event('error', ({ error }) => logger.warn({ err: { type: error.name, message: error.message.slice(0, 120) } }, 'teams activity failed'));
  return {
    app,
    router,
    async start(handlers) {
      // The SDK runs only the first matching route (unless it calls next()): card actions first, then the rest.
      app.on('card.action', async (ctx) => {
        const answer = await handlers.onCardAction(ctx.activity);
        const body: AdaptiveCardActionResponse =
          answer.kind === 'card'
            ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: answer.card }
            : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: answer.text };
        return { status: 200, body };
      });
      app.on('activity', async (ctx) => handlers.onActivity(ctx.activity));
      await app.initialize();
    },
  };
}

const bodyWithServiceUrl = z.looseObject({ serviceUrl: z.url() });
const claimsWithIssuer = z.looseObject({ iss: z.string() });

/**
 * Two gaps the SDK leaves open, closed before it runs (the SDK still verifies the signature and everything else):
 * - a token whose issuer looks like Entra (the login endpoint or sts.windows.net) is validated against *that token's
 *   own tenant* keys, for agentic identities we do not use: only Bot Framework connector tokens are accepted;
 * - the `serviceurl` claim is compared only when the activity names a serviceUrl: an activity without one is refused.
 * A missing header is left to the SDK (it answers 401 itself).
 */
export function acceptableForSdk(authorization: string | undefined, body: unknown, tokenIssuer: string): boolean {
  if (!bodyWithServiceUrl.safeParse(body).success) return false;
  if (authorization === undefined) return true;
  const payload = authorization.replace(/^Bearer /, '').split('.')[1];
  if (payload === undefined) return false;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return false;
  }
  const parsed = claimsWithIssuer.safeParse(claims);
  return parsed.success && parsed.data.iss === tokenIssuer;
}

/**
 * The SDK logs whole activities (what people wrote) at debug level and axios errors with request data. Only its
 * first text argument reaches our log, cut short; objects are dropped.
 */
export function sdkLogger(logger: Logger, name = 'teams-sdk'): ILogger {
  const child = logger.child({ module: name });
  const line = (msg: readonly unknown[]): string | null => {
    const first = msg[0];
    if (typeof first === 'string') return first.slice(0, 160);
    if (first instanceof Error) return `${first.name}: ${first.message.slice(0, 120)}`;
    return null;
  };
  const at =
    (level: 'trace' | 'debug' | 'warn' | 'error') =>
    (...msg: unknown[]): void => {
      const text = line(msg);
      if (text !== null) child[level](text);
    };
  return {
    trace: at('trace'),
    debug: at('trace'),
    info: at('debug'),
    warn: at('warn'),
    error: at('warn'),
    log: (level, ...msg) => at(level === 'error' ? 'warn' : level === 'warn' ? 'warn' : 'trace')(...msg),
    child: (childName) => sdkLogger(logger, `${name}/${childName}`),
  };
}
