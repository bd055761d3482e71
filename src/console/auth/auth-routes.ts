import express, { type Request, type RequestHandler, type Router } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import { z } from 'zod/v4';
import { RequestError } from '../../shared/errors.js';
import { consoleAuthOf, requireCsrf, requireVolunteer } from './auth-middleware.js';
import { consoleCookieName, consoleCookieOptions, readCookie, type CookieSecure } from './console-cookie.js';
import type { ConsoleSessionStore } from './console-session-store.js';
import type { LoginBackoff } from './login-backoff.js';
import { maxPasswordLength, passwordHasher, type PasswordHasher } from './password-hash.js';
import { normalizeUsername, type VolunteerStore } from './volunteer-store.js';

export interface LoginLimit {
  readonly windowMs: number;
  /** Failed logins per IP and username within the window; the next attempt gets 429. */
  readonly maxFailuresPerUser: number;
  /** Failed logins per IP over all usernames (against trying many usernames). */
  readonly maxFailuresPerIp: number;
}

export const defaultLoginLimit: LoginLimit = { windowMs: 15 * 60_000, maxFailuresPerUser: 5, maxFailuresPerIp: 50 };

export interface ConsoleAuthRouterDeps {
  readonly accounts: VolunteerStore;
  readonly sessions: ConsoleSessionStore;
  /** Default: passwordHasher (the default scrypt parameters); its parameters also set the cost of the dummy verify. */
  readonly passwords?: PasswordHasher;
  /** Default 'auto': the cookie is Secure when the request is https. */
  readonly cookieSecure?: CookieSecure;
  readonly loginLimit?: LoginLimit;
  /** A counter store per limiter (e.g. RedisLoginFailureStore, so the limit holds across processes). Default: in this process's memory. */
  readonly loginFailureStore?: (limiter: 'user' | 'ip') => Store;
  /** Per-account backoff over all addresses (issue #11 finding 8); none when absent. */
  readonly loginBackoff?: LoginBackoff;
}

export const loginBodySchema = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(maxPasswordLength),
});

const usernameFieldSchema = z.object({ username: z.string() });

function parseLoginBody(body: unknown): z.infer<typeof loginBodySchema> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new RequestError('BAD_REQUEST', 'The body must be a JSON object.');
  }
  const parsed = loginBodySchema.safeParse(body);
  if (!parsed.success) {
    // Names fields, never echoes values (a password could be in there).
    const fields = parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(body)'}: ${i.message}`);
    throw new RequestError('VALIDATION_FAILED', undefined, fields);
  }
  return parsed.data;
}

// Answers carry the CSRF token (and errors about sessions): never cache them.
const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

function clientKey(req: Request): string {
  // ipKeyGenerator groups an IPv6 client's /56, so one client cannot rotate through addresses.
  return ipKeyGenerator(req.ip ?? 'unknown');
}

function userKey(req: Request): string {
  const parsed = usernameFieldSchema.safeParse(req.body);
  const username = parsed.success ? normalizeUsername(parsed.data.username) : null;
  return `${clientKey(req)}|${username ?? '-'}`;
}

/**
 * The console's sign-in API, mounted at /api/console (the app parses JSON first):
 * POST /login { username, password } -> { csrfToken, username, role } + cookie `hh_console`;
 * POST /logout (session + CSRF) -> 204; GET /me -> { username, role, csrfToken }.
 */
export function consoleAuthRouter(deps: ConsoleAuthRouterDeps): Router {
  const router = express.Router();
  const passwords = deps.passwords ?? passwordHasher;
  const limit = deps.loginLimit ?? defaultLoginLimit;
  const cookieSecure = deps.cookieSecure ?? 'auto';
  const limiter = (name: 'user' | 'ip', max: number, keyGenerator: (req: Request) => string) =>
    rateLimit({
      windowMs: limit.windowMs,
      limit: max,
      // Only failures count: a volunteer who signs in fine is never slowed down.
      skipSuccessfulRequests: true,
      keyGenerator,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      ...(deps.loginFailureStore ? { store: deps.loginFailureStore(name) } : {}),
      handler: (_req, _res, next) => next(new RequestError('RATE_LIMITED')),
    });
  const perUser = limiter('user', limit.maxFailuresPerUser, userKey);
  const perIp = limiter('ip', limit.maxFailuresPerIp, clientKey);
  const signedIn = requireVolunteer(deps);

  router.post('/login', noStore, perIp, perUser, async (req, res) => {
    const body = parseLoginBody(req.body);
    const username = normalizeUsername(body.username);
    // While the account's wait runs no password is checked, not even the right one: else guessing would go on.
    // Unknown usernames are counted the same way, so the answer does not tell which accounts exist.
    const waitMs = username === null ? 0 : ((await deps.loginBackoff?.waitMs(username)) ?? 0);
    if (waitMs > 0) {
      res.set('Retry-After', String(Math.ceil(waitMs / 1000)));
      throw new RequestError('RATE_LIMITED', 'Too many failed sign-ins for this account. Wait a moment and try again.');
    }
    const account = username === null ? null : await deps.accounts.get(username);
    // Unknown user and wrong password take the same time and get the same answer.
    const ok = account === null ? await passwords.verifyDummy(body.password) : await passwords.verify(body.password, account.passwordHash);
    if (account === null || !ok) {
      if (username !== null) await deps.loginBackoff?.failed(username);
      throw new RequestError('LOGIN_FAILED');
    }
    await deps.loginBackoff?.succeeded(account.username);

    // A fresh session id at every login (no session fixation); an older session of this browser ends.
    const previous = readCookie(req.get('cookie'), consoleCookieName);
    if (previous !== undefined) await deps.sessions.destroy(previous);
    const session = await deps.sessions.create(account.username, account.role);
    await deps.accounts.touchLogin(account.username);
    await perUser.resetKey(userKey(req));
    res.cookie(consoleCookieName, session.id, consoleCookieOptions(req, cookieSecure));
    res.json({ csrfToken: session.csrfToken, username: account.username, role: account.role });
  });

  router.post('/logout', noStore, signedIn, requireCsrf, async (req, res) => {
    await deps.sessions.destroy(consoleAuthOf(res).sessionId);
    res.clearCookie(consoleCookieName, consoleCookieOptions(req, cookieSecure));
    res.status(204).end();
  });

  router.get('/me', noStore, signedIn, (_req, res) => {
    const { username, role, csrfToken } = consoleAuthOf(res);
    res.json({ username, role, csrfToken });
  });

  return router;
}
