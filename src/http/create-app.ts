import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import { RequestError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { errorHandler } from './error-handler.js';
import type { Metrics } from '../shared/metrics.js';
import { countStoreErrors } from './prometheus-metrics.js';

export interface AppDeps {
  readonly logger: Logger;
  readonly storeKind: () => 'redis' | 'memory';
  readonly storePing: () => Promise<boolean>;
  readonly routers: readonly { readonly path: string; readonly router: Router }[];
  readonly trustProxy: boolean;
  /** Store errors answered over HTTP are counted here (GET /metrics). */
  readonly metrics?: Metrics;
}

/** Body limit for every JSON request (the 4 KB). */
export const JSON_LIMIT = 4096;

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // One hop (the reverse proxy): `true` would take the client's own X-Forwarded-For, so rate limits could be dodged.
  app.set('trust proxy', deps.trustProxy ? 1 : false);
  app.use(
    helmet({
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
    }),
  );
  app.use((req, _res, next) => {
    if (req.method === 'POST' && !req.is('application/json') && req.get('content-length') !== '0') return next(new RequestError('UNSUPPORTED_MEDIA_TYPE'));
    next();
  });
  app.use(express.json({ limit: JSON_LIMIT, strict: true }));
  app.get('/healthz', async (_req, res) => {
    const ok = await deps.storePing().catch(() => false);
    res.status(ok ? 200 : 503).json({ ok, store: deps.storeKind() });
  });
  for (const r of deps.routers) app.use(r.path, r.router);
  app.use((_req, _res, next) => next(new RequestError('NOT_FOUND')));
  if (deps.metrics) app.use(countStoreErrors(deps.metrics));
  app.use(errorHandler(deps.logger));
  return app;
}
