import express, { type Express, type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
import { RequestError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { errorHandler } from './error-handler.js';
import { fixedHeaders } from './fixed-headers.js';
import type { Metrics } from '../shared/metrics.js';
import { countStoreErrors } from './prometheus-metrics.js';
import { OPENAPI_PATH, openApiDocument } from './openapi-document.js';

export interface AppDeps {
  readonly logger: Logger;
  readonly storeKind: () => 'redis' | 'memory';
  readonly storePing: () => Promise<boolean>;
  readonly routers: readonly { readonly path: string; readonly router: Router }[];
  /**
   * The person's turn (a POST), by far the most frequent request: mounted on the app itself right after the JSON
   * rules, so it passes no other route and no nested router on its way (issue #12).
   */
  readonly turn?: { readonly path: string; readonly handlers: readonly RequestHandler[] };
  /** Webhooks with their own body format and checks (e.g. Twilio's form posts), mounted before the JSON-only rules. */
  readonly webhooks?: readonly { readonly path: string; readonly router: Router }[];
  readonly trustProxy: boolean;
  /** True once a graceful shutdown started (SIGTERM): /readyz answers 503. */
  readonly draining?: () => boolean;
  /** Store errors answered over HTTP are counted here (GET /metrics). */
  readonly metrics?: Metrics;
  /** The app's version, shown in the OpenAPI document. */
  readonly version?: string;
}

/** A health probe answers within this, whatever the store does. */
const PROBE_TIMEOUT_MS = 800;

async function pingWithin(ping: () => Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([ping().catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Body limit for every JSON request (the 4 KB). */
export const JSON_LIMIT = 4096;

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // One hop (the reverse proxy): `true` would take the client's own X-Forwarded-For, so rate limits could be dodged.
  app.set('trust proxy', deps.trustProxy ? 1 : false);
  // helmet's headers are the same for every response here: it works them out once (fixed-headers.ts).
  app.use(
    fixedHeaders(helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          // The widget sets its own <style> element; no inline scripts are allowed.
          'style-src': ["'self'", "'unsafe-inline'"],
          'connect-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'frame-ancestors': ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
    })),
  );
  for (const w of deps.webhooks ?? []) app.use(w.path, w.router);
  app.use((req, res, next) => {
    if (req.method === 'POST' && !req.is('application/json') && req.get('content-length') !== '0') return next(new RequestError('UNSUPPORTED_MEDIA_TYPE'));
    // While draining (SIGTERM), every answer closes its connection, so keep-alive clients move to another process.
    if (deps.draining?.() === true) res.set('Connection', 'close');
    next();
  });
  app.use(express.json({ limit: JSON_LIMIT, strict: true }));
  if (deps.turn) app.post(deps.turn.path, ...deps.turn.handlers);
  // Liveness and store health: 503 at once when the store does not answer (never a hung probe).
  app.get('/healthz', async (_req, res) => {
    const ok = await pingWithin(deps.storePing, PROBE_TIMEOUT_MS);
    res.status(ok ? 200 : 503).json({ ok, store: deps.storeKind() });
  });
  // Readiness: also 503 while the process drains on SIGTERM, so a load balancer sends new people elsewhere.
  app.get('/readyz', async (_req, res) => {
    const draining = deps.draining?.() ?? false;
    const ok = !draining && (await pingWithin(deps.storePing, PROBE_TIMEOUT_MS));
    res.status(ok ? 200 : 503).json({ ok, store: deps.storeKind(), draining });
  });
  // Public: the document describes the API, nothing about anyone. Built once, on the first request.
  let openApi: string | undefined;
  app.get(OPENAPI_PATH, (_req, res) => {
    openApi ??= JSON.stringify(openApiDocument(deps.version ?? '0.0.0'));
    res.set('Cache-Control', 'public, max-age=300').type('application/json').send(openApi);
  });
  for (const r of deps.routers) app.use(r.path, r.router);
  app.use((_req, _res, next) => next(new RequestError('NOT_FOUND')));
  if (deps.metrics) app.use(countStoreErrors(deps.metrics));
  app.use(errorHandler(deps.logger));
  return app;
}
