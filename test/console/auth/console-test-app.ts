import express, { type Express } from 'express';
import { consoleAuthOf, requireCoordinator, requireCsrf, requireVolunteer } from '../../../src/console/auth/auth-middleware.js';
import { consoleAuthRouter, type ConsoleAuthRouterDeps } from '../../../src/console/auth/auth-routes.js';
import { createPasswordHasher } from '../../../src/console/auth/password-hash.js';
import { createApp } from '../../../src/http/create-app.js';
import { createLogger } from '../../../src/shared/logger.js';

/** Cheap scrypt parameters, so tests that log in many times stay fast. */
export const testHasher = createPasswordHasher({ N: 2 ** 10, r: 8, p: 1 });

export interface ConsoleTestAppOptions extends ConsoleAuthRouterDeps {
  readonly trustProxy?: boolean;
}

/**
 * The real app shell (helmet, JSON parsing, error handler) with the console auth router and a few
 * fake protected routes, all under /api/console, as the server will mount them.
 */
export function consoleTestApp(options: ConsoleTestAppOptions): Express {
  const deps: ConsoleAuthRouterDeps = { passwords: testHasher, ...options };
  const signedIn = requireVolunteer(deps);
  const protectedRoutes = express.Router();
  protectedRoutes.post('/ping', signedIn, requireCsrf, (_req, res) => {
    res.json({ ok: true, username: consoleAuthOf(res).username });
  });
  protectedRoutes.get('/ping', signedIn, requireCsrf, (_req, res) => {
    res.json({ ok: true, username: consoleAuthOf(res).username });
  });
  protectedRoutes.post('/coordinator-only', signedIn, requireCsrf, requireCoordinator, (_req, res) => {
    res.json({ ok: true });
  });
  return createApp({
    logger: createLogger('silent'),
    storeKind: () => options.accounts.kind,
    storePing: async () => true,
    trustProxy: options.trustProxy ?? false,
    routers: [
      { path: '/api/console', router: consoleAuthRouter(deps) },
      { path: '/api/console', router: protectedRoutes },
    ],
  });
}

/** The `hh_console=<id>` pair from a response's Set-Cookie, ready for a Cookie header. */
export function sessionCookie(setCookie: string[] | string | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie === undefined ? [] : [setCookie];
  const found = all.find((c) => c.startsWith('hh_console='));
  if (found === undefined) throw new Error('no hh_console cookie was set');
  return found.split(';')[0] ?? '';
}
