import type { Clock } from '../../shared/clock.js';
import { RequestError } from '../../shared/errors.js';
import { assertTtlSeconds } from '../../store/store-options.js';
import {
  assertPasswordHashShape,
  assertUsername,
  normalizeUsername,
  volunteerRoleSchema,
  type NewVolunteer,
  type VolunteerAccount,
  type VolunteerStore,
  type VolunteerSummary,
} from './volunteer-store.js';

export interface MemoryVolunteerStoreOptions {
  readonly clock: Clock;
  readonly ttlSeconds: number;
}

interface Entry {
  readonly account: VolunteerAccount;
  readonly expiresAt: number;
}

/** Single-process accounts (tests, STORE=memory); same contract as the Redis store, lost on restart. */
export class MemoryVolunteerStore implements VolunteerStore {
  readonly kind = 'memory';
  readonly #accounts = new Map<string, Entry>();
  readonly #clock: Clock;
  readonly #ttlMs: number;

  constructor(options: MemoryVolunteerStoreOptions) {
    this.#clock = options.clock;
    this.#ttlMs = assertTtlSeconds(options.ttlSeconds) * 1000;
  }

  async add(input: NewVolunteer, now: Date = this.#clock.now()): Promise<VolunteerAccount> {
    const username = assertUsername(input.username);
    const role = volunteerRoleSchema.parse(input.role);
    const passwordHash = assertPasswordHashShape(input.passwordHash);
    if (!input.replace && this.#live(username, now) !== null) throw new RequestError('ACCOUNT_EXISTS');
    const account: VolunteerAccount = { username, role, passwordHash, createdAt: now.toISOString(), lastLoginAt: null };
    this.#accounts.set(username, { account, expiresAt: now.getTime() + this.#ttlMs });
    return account;
  }

  async get(username: string): Promise<VolunteerAccount | null> {
    const name = normalizeUsername(username);
    return name === null ? null : this.#live(name, this.#clock.now());
  }

  async list(now: Date = this.#clock.now()): Promise<VolunteerSummary[]> {
    const live: VolunteerSummary[] = [];
    for (const name of [...this.#accounts.keys()].sort()) {
      const account = this.#live(name, now);
      if (account) live.push({ username: account.username, role: account.role, createdAt: account.createdAt, lastLoginAt: account.lastLoginAt });
    }
    return live;
  }

  async remove(username: string): Promise<boolean> {
    const name = normalizeUsername(username);
    if (name === null) return false;
    const existed = this.#live(name, this.#clock.now()) !== null;
    this.#accounts.delete(name);
    return existed;
  }

  async touchLogin(username: string, now: Date = this.#clock.now()): Promise<boolean> {
    const name = normalizeUsername(username);
    const account = name === null ? null : this.#live(name, now);
    if (name === null || account === null) return false;
    this.#accounts.set(name, { account: { ...account, lastLoginAt: now.toISOString() }, expiresAt: now.getTime() + this.#ttlMs });
    return true;
  }

  #live(username: string, now: Date): VolunteerAccount | null {
    const entry = this.#accounts.get(username);
    if (entry === undefined) return null;
    if (entry.expiresAt <= now.getTime()) {
      this.#accounts.delete(username);
      return null;
    }
    return entry.account;
  }
}
