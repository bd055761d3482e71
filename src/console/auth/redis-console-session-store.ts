import { z } from 'zod/v4';
import { systemClock, type Clock } from '../../shared/clock.js';
import type { RedisClient } from '../../store/connect-redis.js';
import type { StoreKeys } from '../../store/store-keys.js';
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
import { volunteerRoleSchema, type VolunteerRole } from './volunteer-store.js';

export interface RedisConsoleSessionStoreOptions {
  readonly client: RedisClient;
  readonly keys: StoreKeys;
  readonly idleSeconds: number;
  readonly activeWindowSeconds?: number;
  /** For the session dates and the presence scores. Default: the system clock. */
  readonly clock?: Clock;
}

/**
 * Marks a session active: renews the session hash and the presence set, and drops presence entries
 * idle longer than a session can live. KEYS: session hash, presence. ARGV: hashed id, now ms, TTL s.
 */
const markActive = `
local function mark(session, presence, member, nowMs, ttl)
  redis.call('EXPIRE', session, ttl)
  redis.call('ZADD', presence, nowMs, member)
  redis.call('ZREMRANGEBYSCORE', presence, '-inf', '(' .. (tonumber(nowMs) - ttl * 1000))
  if redis.call('TTL', presence) < ttl then redis.call('EXPIRE', presence, ttl) end
end
`;

/** ARGV: hashed id, now ms, TTL s, username, role, csrf token, now ISO. */
const createScript = `${markActive}
redis.call('HSET', KEYS[1], 'username', ARGV[4], 'role', ARGV[5], 'csrfToken', ARGV[6], 'createdAt', ARGV[7], 'lastSeenAt', ARGV[7])
mark(KEYS[1], KEYS[2], ARGV[1], ARGV[2], tonumber(ARGV[3]))
return 1
`;

/** The session's fields after the touch, or an empty array when it is gone. ARGV: hashed id, now ms, TTL s, now ISO. */
const touchScript = `${markActive}
if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
redis.call('HSET', KEYS[1], 'lastSeenAt', ARGV[4])
mark(KEYS[1], KEYS[2], ARGV[1], ARGV[2], tonumber(ARGV[3]))
return redis.call('HGETALL', KEYS[1])
`;

const storedSessionSchema = z.object({
  username: z.string().min(1),
  role: volunteerRoleSchema,
  csrfToken: z.string().min(1),
  createdAt: z.string().min(1),
  lastSeenAt: z.string().min(1),
});

type StoredSession = z.infer<typeof storedSessionSchema>;

const flatReplySchema = z.array(z.string());

function parseStored(value: unknown): StoredSession | null {
  const parsed = storedSessionSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** HGETALL as returned inside a Lua script: [field, value, field, value, ...]. */
function fromFlat(reply: unknown): StoredSession | null {
  const flat = flatReplySchema.safeParse(reply);
  if (!flat.success || flat.data.length === 0) return null;
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.data.length; i += 2) record[flat.data[i] ?? ''] = flat.data[i + 1] ?? '';
  return parseStored(record);
}

/**
 * Layout (see storeKeys): `{console}:session:<sha256 of id>` hash { username, role, csrfToken, createdAt,
 * lastSeenAt } expiring `idleSeconds` after the last touch; `{console}:presence` sorted set of hashed ids
 * scored by last activity (ms). The session id itself is never stored.
 */
export class RedisConsoleSessionStore implements ConsoleSessionStore {
  readonly kind = 'redis';
  readonly idleSeconds: number;
  readonly activeWindowSeconds: number;
  readonly #client: RedisClient;
  readonly #keys: StoreKeys;
  readonly #clock: Clock;

  constructor(options: RedisConsoleSessionStoreOptions) {
    this.#client = options.client;
    this.#keys = options.keys;
    this.#clock = options.clock ?? systemClock;
    this.idleSeconds = assertTtlSeconds(options.idleSeconds);
    this.activeWindowSeconds = assertActiveWindow(options.activeWindowSeconds ?? Math.min(defaultActiveWindowSeconds, this.idleSeconds), this.idleSeconds);
  }

  async create(username: string, role: VolunteerRole, now: Date = this.#clock.now()): Promise<ConsoleSession> {
    const id = randomToken();
    const member = sessionKeyId(id);
    const at = now.toISOString();
    const session = { username, role, csrfToken: randomToken(), createdAt: at, lastSeenAt: at };
    await this.#client.eval(createScript, {
      keys: [this.#keys.consoleSession(member), this.#keys.consolePresence],
      arguments: [member, String(now.getTime()), String(this.idleSeconds), username, role, session.csrfToken, at],
    });
    return { id, ...session };
  }

  async get(id: string): Promise<ConsoleSession | null> {
    if (!isSessionIdShape(id)) return null;
    const stored = parseStored(await this.#client.hGetAll(this.#keys.consoleSession(sessionKeyId(id))));
    return stored ? { id, ...stored } : null;
  }

  async touch(id: string, now: Date = this.#clock.now()): Promise<ConsoleSession | null> {
    if (!isSessionIdShape(id)) return null;
    const member = sessionKeyId(id);
    const reply = await this.#client.eval(touchScript, {
      keys: [this.#keys.consoleSession(member), this.#keys.consolePresence],
      arguments: [member, String(now.getTime()), String(this.idleSeconds), now.toISOString()],
    });
    const stored = fromFlat(reply);
    return stored ? { id, ...stored } : null;
  }

  async destroy(id: string): Promise<boolean> {
    if (!isSessionIdShape(id)) return false;
    const member = sessionKeyId(id);
    const [deleted] = await this.#client.multi().del(this.#keys.consoleSession(member)).zRem(this.#keys.consolePresence, member).exec();
    return Number(deleted) === 1;
  }

  async activeVolunteers(now: Date = this.#clock.now()): Promise<ActiveVolunteer[]> {
    const since = now.getTime() - this.activeWindowSeconds * 1000;
    const members = await this.#client.zRangeByScore(this.#keys.consolePresence, since, '+inf');
    const sessions = await Promise.all(members.map(async (m) => parseStored(await this.#client.hGetAll(this.#keys.consoleSession(m)))));
    const active: ActiveVolunteer[] = [];
    for (const s of sessions) {
      // A destroyed or expired session may still be in the presence set until the next touch prunes it.
      if (s && Date.parse(s.lastSeenAt) >= since) active.push({ username: s.username, role: s.role, lastSeenAt: s.lastSeenAt });
    }
    return mergeActive(active);
  }

  async listActive(now?: Date): Promise<string[]> {
    return (await this.activeVolunteers(now)).map((v) => v.username);
  }

  async anyActive(now: Date = this.#clock.now()): Promise<boolean> {
    // One command, however many are signed in. The presence set alone is enough here: destroy() removes the entry in
    // the same transaction as the session, and an entry touched within the window belongs to a live session (the
    // window is never longer than the idle time after which a session expires).
    const since = now.getTime() - this.activeWindowSeconds * 1000;
    return (await this.#client.zCount(this.#keys.consolePresence, since, '+inf')) > 0;
  }
}
