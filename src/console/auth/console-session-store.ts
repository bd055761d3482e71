import { createHash, randomBytes } from 'node:crypto';
import type { VolunteerRole } from './volunteer-store.js';

/** A signed-in volunteer console. Dates are ISO strings. */
export interface ConsoleSession {
  /** The cookie value: 32 random bytes, base64url. Stores keep only its SHA-256. */
  readonly id: string;
  readonly username: string;
  /** The role at login (the middleware uses the account's current role). */
  readonly role: VolunteerRole;
  /** Sent back by the console in `x-csrf-token` on every state-changing request. */
  readonly csrfToken: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
}

export interface ActiveVolunteer {
  readonly username: string;
  readonly role: VolunteerRole;
  /** The latest activity over the volunteer's sessions. */
  readonly lastSeenAt: string;
}

/**
 * Console sessions with a sliding idle expiry: a session ends `idleSeconds` after its last `touch`.
 * Methods that depend on time take an optional `now` (default: the store's clock).
 */
export interface ConsoleSessionStore {
  readonly kind: 'redis' | 'memory';
  readonly idleSeconds: number;
  /** A session counts as active (signed in now) while touched within this many seconds. */
  readonly activeWindowSeconds: number;
  create(username: string, role: VolunteerRole, now?: Date): Promise<ConsoleSession>;
  /** The session, or null when unknown, expired or not shaped like a session id. Does not renew it. */
  get(id: string): Promise<ConsoleSession | null>;
  /** Renews the session's expiry and marks it active; returns it, or null when it is gone. */
  touch(id: string, now?: Date): Promise<ConsoleSession | null>;
  /** Returns whether a session was ended. */
  destroy(id: string): Promise<boolean>;
  /** Volunteers with a session touched within `activeWindowSeconds`, by username (one entry per volunteer). */
  activeVolunteers(now?: Date): Promise<ActiveVolunteer[]>;
  /** The usernames of activeVolunteers(now). */
  listActive(now?: Date): Promise<string[]>;
  /**
   * Whether anyone is active now: what every turn asks ("can a human take over?"), so it is one cheap question however
   * many are signed in, where activeVolunteers reads every session.
   */
  anyActive(now?: Date): Promise<boolean>;
}

export const defaultSessionIdleHours = 12;
/** A console's heartbeat or event stream touches its session well within this. */
export const defaultActiveWindowSeconds = 180;

const sessionIdPattern = /^[A-Za-z0-9_-]{43}$/;

/** 32 random bytes, base64url (43 characters): the session id and the CSRF token are made alike. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export function isSessionIdShape(id: string): boolean {
  return sessionIdPattern.test(id);
}

/** What stores key a session by: a leaked store dump or key listing then holds no usable session ids. */
export function sessionKeyId(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

/** One entry per username with the latest activity, sorted by username. */
export function mergeActive(sessions: readonly ActiveVolunteer[]): ActiveVolunteer[] {
  const latest = new Map<string, ActiveVolunteer>();
  for (const s of sessions) {
    const seen = latest.get(s.username);
    if (seen === undefined || seen.lastSeenAt < s.lastSeenAt) latest.set(s.username, s);
  }
  return [...latest.values()].sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
}

export function assertActiveWindow(seconds: number, idleSeconds: number): number {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > idleSeconds) {
    throw new RangeError(`activeWindowSeconds must be a whole number from 1 to the idle time, got ${seconds}.`);
  }
  return seconds;
}
