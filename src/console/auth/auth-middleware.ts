import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { RequestError } from '../../shared/errors.js';
import { consoleCookieName, readCookie } from './console-cookie.js';
import type { ConsoleSessionStore } from './console-session-store.js';
import type { VolunteerRole, VolunteerStore } from './volunteer-store.js';

/** Who is calling, put in `res.locals.consoleAuth` by requireVolunteer. */
export interface ConsoleAuth {
  readonly sessionId: string;
  readonly username: string;
  /** The account's current role (a role change applies to open sessions at once). */
  readonly role: VolunteerRole;
  readonly csrfToken: string;
}

declare module 'express-serve-static-core' {
  interface Locals {
    consoleAuth?: ConsoleAuth;
  }
}

export interface RequireVolunteerDeps {
  readonly accounts: VolunteerStore;
  readonly sessions: ConsoleSessionStore;
}

/** The caller set by requireVolunteer; throws CONSOLE_UNAUTHENTICATED when that middleware did not run or let the request through. */
export function consoleAuthOf(res: Response): ConsoleAuth {
  const auth = res.locals.consoleAuth;
  if (auth === undefined) throw new RequestError('CONSOLE_UNAUTHENTICATED');
  return auth;
}

/**
 * 401 CONSOLE_UNAUTHENTICATED unless the `hh_console` cookie names a live session of an account that
 * still exists. Renews the session (sliding expiry, "signed in now") and sets `res.locals.consoleAuth`.
 */
export function requireVolunteer(deps: RequireVolunteerDeps): RequestHandler {
  return async (req, res, next) => {
    const id = readCookie(req.get('cookie'), consoleCookieName);
    if (id === undefined) throw new RequestError('CONSOLE_UNAUTHENTICATED');
    const session = await deps.sessions.touch(id);
    if (session === null) throw new RequestError('CONSOLE_UNAUTHENTICATED');
    // A removed (or expired) account loses its open sessions at its next request.
    const account = await deps.accounts.get(session.username);
    if (account === null) {
      await deps.sessions.destroy(id);
      throw new RequestError('CONSOLE_UNAUTHENTICATED');
    }
    res.locals.consoleAuth = { sessionId: id, username: account.username, role: account.role, csrfToken: session.csrfToken };
    next();
  };
}

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, so the compare is constant-time whatever was sent.
  const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** After requireVolunteer: 403 CSRF_FAILED on POST/PUT/PATCH/DELETE unless `x-csrf-token` is the session's token. */
export const requireCsrf: RequestHandler = (req, res, next) => {
  const auth = consoleAuthOf(res);
  if (stateChanging.has(req.method)) {
    const given = req.get('x-csrf-token');
    if (given === undefined || !sameToken(given, auth.csrfToken)) throw new RequestError('CSRF_FAILED');
  }
  next();
};

/** After requireVolunteer: 403 FORBIDDEN_ROLE unless the caller is a coordinator. */
export const requireCoordinator: RequestHandler = (_req, res, next) => {
  if (consoleAuthOf(res).role !== 'coordinator') throw new RequestError('FORBIDDEN_ROLE');
  next();
};
