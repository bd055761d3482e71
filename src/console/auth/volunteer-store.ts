import { z } from 'zod/v4';
import { RequestError } from '../../shared/errors.js';

export const volunteerRoles = ['volunteer', 'coordinator'] as const;
export type VolunteerRole = (typeof volunteerRoles)[number];

export const volunteerRoleSchema = z.enum(volunteerRoles);

/** An account as listed: everything except the password hash. Dates are ISO strings. */
export interface VolunteerSummary {
  readonly username: string;
  readonly role: VolunteerRole;
  readonly createdAt: string;
  readonly lastLoginAt: string | null;
}

export interface VolunteerAccount extends VolunteerSummary {
  /** `scrypt$N$r$p$salt$key` (see password-hash.ts). */
  readonly passwordHash: string;
}

export interface NewVolunteer {
  readonly username: string;
  readonly role: VolunteerRole;
  readonly passwordHash: string;
  /** Overwrite an existing account (new role, new password, new createdAt) instead of refusing. */
  readonly replace?: boolean;
}

/**
 * Volunteer console accounts. Usernames are case-folded (`Anna` and `anna` are one account).
 * Every account expires `ttlSeconds` after it was added or last logged in (`touchLogin` renews it),
 * so unused accounts disappear by themselves.
 */
export interface VolunteerStore {
  readonly kind: 'redis' | 'memory';
  /** Adds the account. Throws RequestError VALIDATION_FAILED for a bad username, ACCOUNT_EXISTS when taken (unless `replace`). */
  add(input: NewVolunteer, now?: Date): Promise<VolunteerAccount>;
  /** The account, or null when unknown, expired, or the username is not a valid one. */
  get(username: string): Promise<VolunteerAccount | null>;
  /** Every live account, by username. */
  list(now?: Date): Promise<VolunteerSummary[]>;
  /** Returns whether an account was removed. */
  remove(username: string): Promise<boolean>;
  /** Records a successful login and renews the account's TTL. Returns false when the account is gone. */
  touchLogin(username: string, now?: Date): Promise<boolean>;
}

const usernamePattern = /^[a-z0-9._-]{3,40}$/;

/** The case-folded username, or null when it is not 3..40 characters of `a-z 0-9 . _ -`. */
export function normalizeUsername(raw: string): string | null {
  const folded = raw.trim().toLowerCase();
  return usernamePattern.test(folded) ? folded : null;
}

/** Like normalizeUsername, but throws RequestError VALIDATION_FAILED for a bad one. */
export function assertUsername(raw: string): string {
  const username = normalizeUsername(raw);
  if (username === null) {
    throw new RequestError('VALIDATION_FAILED', 'Invalid username: use 3 to 40 characters a-z, 0-9, dot, underscore or hyphen.', [
      'username: use 3 to 40 characters a-z, 0-9, dot, underscore or hyphen.',
    ]);
  }
  return username;
}

export function assertPasswordHashShape(passwordHash: string): string {
  // The store does not judge the hash (password-hash.ts does), but refuses obvious mistakes like a plain password.
  if (!passwordHash.startsWith('scrypt$') || passwordHash.length > 512) {
    throw new RequestError('VALIDATION_FAILED', 'passwordHash must be an scrypt hash from password-hash.ts.', ['passwordHash: not an scrypt hash.']);
  }
  return passwordHash;
}

/** Default account TTL: 365 days without a login (config ACCOUNT_TTL_DAYS). */
export const defaultAccountTtlDays = 365;
