import { z } from 'zod/v4';
import { luaExtendTtl } from '../../store/lua-extend-ttl.js';
import { systemClock, type Clock } from '../../shared/clock.js';
import { RequestError, StoreError } from '../../shared/errors.js';
import type { RedisClient } from '../../store/connect-redis.js';
import type { StoreKeys } from '../../store/store-keys.js';
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

export interface RedisVolunteerStoreOptions {
  readonly client: RedisClient;
  readonly keys: StoreKeys;
  readonly ttlSeconds: number;
  /** For createdAt, lastLoginAt and the index scores. Default: the system clock. */
  readonly clock?: Clock;
}

/**
 * Adds (or with ARGV[1]='1' replaces) an account and its index entry; 0 when it exists and may not be replaced.
 * KEYS: account hash, index. ARGV: replace, username, role, hash, createdAt ISO, TTL s, expires-at ms.
 */
const addScript = `${luaExtendTtl}
if ARGV[1] ~= '1' and redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local ttl = tonumber(ARGV[6])
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'role', ARGV[3], 'passwordHash', ARGV[4], 'createdAt', ARGV[5])
redis.call('EXPIRE', KEYS[1], ttl)
redis.call('ZADD', KEYS[2], ARGV[7], ARGV[2])
extend(KEYS[2], ttl)
return 1
`;

/** Records a login and renews the TTL; 0 when the account is gone. ARGV: username, lastLoginAt ISO, TTL s, expires-at ms. */
const touchLoginScript = `${luaExtendTtl}
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local ttl = tonumber(ARGV[3])
redis.call('HSET', KEYS[1], 'lastLoginAt', ARGV[2])
redis.call('EXPIRE', KEYS[1], ttl)
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
extend(KEYS[2], ttl)
return 1
`;

const storedAccountSchema = z.object({
  role: volunteerRoleSchema,
  passwordHash: z.string().min(1),
  createdAt: z.string().min(1),
  lastLoginAt: z.string().min(1).optional(),
});

/**
 * Layout (see storeKeys): `{volunteer}:account:<username>` hash { role, passwordHash, createdAt, lastLoginAt? };
 * `{volunteer}:index` sorted set of usernames scored by when the account expires. Usernames of expired
 * accounts are pruned from the index when it is read.
 */
export class RedisVolunteerStore implements VolunteerStore {
  readonly kind = 'redis';
  readonly #client: RedisClient;
  readonly #keys: StoreKeys;
  readonly #ttlSeconds: number;
  readonly #clock: Clock;

  constructor(options: RedisVolunteerStoreOptions) {
    this.#client = options.client;
    this.#keys = options.keys;
    this.#ttlSeconds = assertTtlSeconds(options.ttlSeconds);
    this.#clock = options.clock ?? systemClock;
  }

  async add(input: NewVolunteer, now: Date = this.#clock.now()): Promise<VolunteerAccount> {
    const username = assertUsername(input.username);
    const role = volunteerRoleSchema.parse(input.role);
    const passwordHash = assertPasswordHashShape(input.passwordHash);
    const createdAt = now.toISOString();
    const reply = await this.#client.eval(addScript, {
      keys: [this.#keys.volunteerAccount(username), this.#keys.volunteerIndex],
      arguments: [input.replace ? '1' : '0', username, role, passwordHash, createdAt, String(this.#ttlSeconds), String(this.#expiresAt(now))],
    });
    if (reply === 0) throw new RequestError('ACCOUNT_EXISTS');
    if (reply !== 1) throw new StoreError('STORE_UNAVAILABLE', 'Unexpected reply from the add-account script.');
    return { username, role, passwordHash, createdAt, lastLoginAt: null };
  }

  async get(username: string): Promise<VolunteerAccount | null> {
    const name = normalizeUsername(username);
    if (name === null) return null;
    const parsed = storedAccountSchema.safeParse(await this.#client.hGetAll(this.#keys.volunteerAccount(name)));
    // An empty hash (no such key) fails the schema too; a damaged record never lets anyone in.
    if (!parsed.success) return null;
    const { role, passwordHash, createdAt, lastLoginAt } = parsed.data;
    return { username: name, role, passwordHash, createdAt, lastLoginAt: lastLoginAt ?? null };
  }

  async list(now: Date = this.#clock.now()): Promise<VolunteerSummary[]> {
    await this.#client.zRemRangeByScore(this.#keys.volunteerIndex, '-inf', now.getTime());
    const names = await this.#client.zRange(this.#keys.volunteerIndex, 0, -1);
    const accounts = await Promise.all(names.map((name) => this.get(name)));
    const live: VolunteerSummary[] = [];
    const gone: string[] = [];
    names.forEach((name, i) => {
      const account = accounts[i];
      if (account) live.push({ username: account.username, role: account.role, createdAt: account.createdAt, lastLoginAt: account.lastLoginAt });
      else gone.push(name);
    });
    if (gone.length > 0) await this.#client.zRem(this.#keys.volunteerIndex, gone);
    return live.sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
  }

  async remove(username: string): Promise<boolean> {
    const name = normalizeUsername(username);
    if (name === null) return false;
    const [deleted] = await this.#client.multi().del(this.#keys.volunteerAccount(name)).zRem(this.#keys.volunteerIndex, name).exec();
    return Number(deleted) === 1;
  }

  async touchLogin(username: string, now: Date = this.#clock.now()): Promise<boolean> {
    const name = normalizeUsername(username);
    if (name === null) return false;
    const reply = await this.#client.eval(touchLoginScript, {
      keys: [this.#keys.volunteerAccount(name), this.#keys.volunteerIndex],
      arguments: [name, now.toISOString(), String(this.#ttlSeconds), String(this.#expiresAt(now))],
    });
    return reply === 1;
  }

  #expiresAt(now: Date): number {
    return now.getTime() + this.#ttlSeconds * 1000;
  }
}
