import type { Clock } from '../../shared/clock.js';
import { assertTtlSeconds } from '../../store/store-options.js';
import {
  assertActiveWindow,
  defaultActiveWindowSeconds,
  isSessionIdShape,
  mergeActive,
  randomToken,
  sessionKeyId,
  type ActiveVolunteer,
  type ConsoleSession,
  type ConsoleSessionStore,
} from './console-session-store.js';
import type { VolunteerRole } from './volunteer-store.js';

export interface MemoryConsoleSessionStoreOptions {
  readonly clock: Clock;
  readonly idleSeconds: number;
  readonly activeWindowSeconds?: number;
}

type Stored = Omit<ConsoleSession, 'id'>;

interface Entry {
  readonly session: Stored;
  readonly expiresAt: number;
}

/** Single-process console sessions; same contract as the Redis store, lost on restart. */
export class MemoryConsoleSessionStore implements ConsoleSessionStore {
  readonly kind = 'memory';
  readonly idleSeconds: number;
  readonly activeWindowSeconds: number;
  readonly #sessions = new Map<string, Entry>();
  readonly #clock: Clock;

  constructor(options: MemoryConsoleSessionStoreOptions) {
    this.#clock = options.clock;
    this.idleSeconds = assertTtlSeconds(options.idleSeconds);
    this.activeWindowSeconds = assertActiveWindow(options.activeWindowSeconds ?? Math.min(defaultActiveWindowSeconds, this.idleSeconds), this.idleSeconds);
  }

  async create(username: string, role: VolunteerRole, now: Date = this.#clock.now()): Promise<ConsoleSession> {
    this.#prune(now);
    const id = randomToken();
    const at = now.toISOString();
    const session: Stored = { username, role, csrfToken: randomToken(), createdAt: at, lastSeenAt: at };
    this.#sessions.set(sessionKeyId(id), { session, expiresAt: this.#expiresAt(now) });
    return { id, ...session };
  }

  async get(id: string): Promise<ConsoleSession | null> {
    if (!isSessionIdShape(id)) return null;
    const session = this.#live(sessionKeyId(id), this.#clock.now());
    return session ? { id, ...session } : null;
  }

  async touch(id: string, now: Date = this.#clock.now()): Promise<ConsoleSession | null> {
    if (!isSessionIdShape(id)) return null;
    const key = sessionKeyId(id);
    const session = this.#live(key, now);
    if (session === null) return null;
    const touched: Stored = { ...session, lastSeenAt: now.toISOString() };
    this.#sessions.set(key, { session: touched, expiresAt: this.#expiresAt(now) });
    return { id, ...touched };
  }

  async destroy(id: string): Promise<boolean> {
    if (!isSessionIdShape(id)) return false;
    const key = sessionKeyId(id);
    const existed = this.#live(key, this.#clock.now()) !== null;
    this.#sessions.delete(key);
    return existed;
  }

  async activeVolunteers(now: Date = this.#clock.now()): Promise<ActiveVolunteer[]> {
    const since = now.getTime() - this.activeWindowSeconds * 1000;
    const active: ActiveVolunteer[] = [];
    for (const key of [...this.#sessions.keys()]) {
      const session = this.#live(key, now);
      if (session && Date.parse(session.lastSeenAt) >= since) active.push({ username: session.username, role: session.role, lastSeenAt: session.lastSeenAt });
    }
    return mergeActive(active);
  }

  async listActive(now?: Date): Promise<string[]> {
    return (await this.activeVolunteers(now)).map((v) => v.username);
  }

  async anyActive(now: Date = this.#clock.now()): Promise<boolean> {
    const since = now.getTime() - this.activeWindowSeconds * 1000;
    for (const key of [...this.#sessions.keys()]) {
      const session = this.#live(key, now);
      if (session && Date.parse(session.lastSeenAt) >= since) return true;
    }
    return false;
  }

  #live(key: string, now: Date): Stored | null {
    const entry = this.#sessions.get(key);
    if (entry === undefined) return null;
    if (entry.expiresAt <= now.getTime()) {
      this.#sessions.delete(key);
      return null;
    }
    return entry.session;
  }

  // Sessions nobody touches again would otherwise stay in the map; a login is a good moment to sweep.
  #prune(now: Date): void {
    for (const [key, entry] of this.#sessions) if (entry.expiresAt <= now.getTime()) this.#sessions.delete(key);
  }

  #expiresAt(now: Date): number {
    return now.getTime() + this.idleSeconds * 1000;
  }
}
