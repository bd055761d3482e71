import { changeMeldingStatus } from '../domain/melding/change-status.js';
import { luaExtendTtl } from './lua-extend-ttl.js';
import type { Melding, MeldingOutcome, MeldingStatus } from '../domain/melding/melding.js';
import { normalizeReferenceCode } from '../domain/melding/reference-code.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { StoreError } from '../shared/errors.js';
import type { RedisClient } from './connect-redis.js';
import { compareForList, compareOldestFirst, decodeMelding, encodeMelding } from './melding-codec.js';
import { assertListLimit, defaultMeldingListLimit, type MeldingListOptions, type MeldingStore } from './melding-store.js';
import { assertTtlSeconds } from './store-options.js';
import { assertStoreId, type StoreKeys } from './store-keys.js';

export interface RedisMeldingStoreOptions {
  readonly client: RedisClient;
  readonly keys: StoreKeys;
  readonly ttlSeconds: number;
  /** For `updatedAt` on status changes. Default: the system clock. */
  readonly clock?: Clock;
}

/*
 * Layout (see storeKeys): `{melding}:doc:<code>` hash { rev, doc }; `{melding}:by-conversation:<id>`
 * set of codes; `{melding}:index` sorted set of all codes by creation time. The two indexes are only ever given a longer
 * TTL, never a shorter one, so they outlive every melding they list; codes of expired meldingen are
 * pruned from them when read.
 */

/**
 * Creates the melding with its index entries in one step, or returns 0 when the code is taken.
 * KEYS: melding hash, conversation set, index. ARGV: code, doc JSON, TTL s, created-at ms.
 */
const createScript = `${luaExtendTtl}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local ttl = tonumber(ARGV[3])
redis.call('HSET', KEYS[1], 'rev', 1, 'doc', ARGV[2])
redis.call('EXPIRE', KEYS[1], ttl)
redis.call('SADD', KEYS[2], ARGV[1])
extend(KEYS[2], ttl)
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
extend(KEYS[3], ttl)
return 1
`;

/**
 * Compare-and-set of a melding that must exist: the new rev, 0 when it is gone, -1 when someone else
 * wrote first. KEYS: melding hash, conversation set, index. ARGV: expected rev, doc JSON, TTL s.
 */
const updateScript = `${luaExtendTtl}
local current = tonumber(redis.call('HGET', KEYS[1], 'rev') or '0')
if current == 0 then return 0 end
if current ~= tonumber(ARGV[1]) then return -1 end
local ttl = tonumber(ARGV[3])
redis.call('HSET', KEYS[1], 'rev', current + 1, 'doc', ARGV[2])
redis.call('EXPIRE', KEYS[1], ttl)
extend(KEYS[2], ttl)
extend(KEYS[3], ttl)
return current + 1
`;

const maxUpdateAttempts = 10;

export class RedisMeldingStore implements MeldingStore {
  readonly kind = 'redis';
  readonly #client: RedisClient;
  readonly #keys: StoreKeys;
  readonly #ttlSeconds: number;
  readonly #clock: Clock;

  constructor(options: RedisMeldingStoreOptions) {
    this.#client = options.client;
    this.#keys = options.keys;
    this.#ttlSeconds = assertTtlSeconds(options.ttlSeconds);
    this.#clock = options.clock ?? systemClock;
  }

  async create(melding: Melding): Promise<void> {
    const json = encodeMelding(melding);
    const reply = await this.#client.eval(createScript, {
      keys: [this.#keys.melding(melding.code), this.#keys.meldingenOf(melding.conversationId), this.#keys.meldingIndex],
      arguments: [melding.code, json, String(this.#ttlSeconds), String(Date.parse(melding.createdAt))],
    });
    if (reply === 0) throw new StoreError('STORE_CONFLICT', 'A melding with this code exists.');
    if (reply !== 1) throw new StoreError('STORE_UNAVAILABLE', 'Unexpected reply from the melding create script.');
  }

  async get(code: string): Promise<Melding | null> {
    return (await this.#read(code))?.melding ?? null;
  }

  async getForConversation(code: string, conversationId: string): Promise<Melding | null> {
    assertStoreId(conversationId, 'conversation id');
    const melding = await this.get(code);
    return melding?.conversationId === conversationId ? melding : null;
  }

  async listByConversation(conversationId: string): Promise<Melding[]> {
    const setKey = this.#keys.meldingenOf(conversationId);
    const codes = await this.#client.sMembers(setKey);
    const found = await this.#readMany(codes);
    const gone = codes.filter((_, i) => found[i] === null);
    if (gone.length > 0) await this.#client.sRem(setKey, gone);
    return found.filter((m): m is Melding => m?.conversationId === conversationId).sort(compareOldestFirst);
  }

  async list(options: MeldingListOptions = {}): Promise<Melding[]> {
    const limit = assertListLimit(options.limit ?? defaultMeldingListLimit);
    const codes = await this.#client.zRange(this.#keys.meldingIndex, 0, -1);
    const found = await this.#readMany(codes);
    const gone = codes.filter((_, i) => found[i] === null);
    if (gone.length > 0) await this.#client.zRem(this.#keys.meldingIndex, gone);
    return found
      .filter((m): m is Melding => m !== null && (options.status === undefined || m.status === options.status))
      .sort(compareForList)
      .slice(0, limit);
  }

  async setStatus(code: string, status: MeldingStatus, outcome: MeldingOutcome | null = null): Promise<Melding | null> {
    for (let attempt = 0; attempt < maxUpdateAttempts; attempt++) {
      const current = await this.#read(code);
      if (!current) return null;
      const next = changeMeldingStatus(current.melding, status, outcome, this.#clock.now());
      const reply = await this.#client.eval(updateScript, {
        keys: [this.#keys.melding(next.code), this.#keys.meldingenOf(next.conversationId), this.#keys.meldingIndex],
        arguments: [String(current.rev), encodeMelding(next), String(this.#ttlSeconds)],
      });
      if (reply === 0) return null;
      if (typeof reply === 'number' && reply > 0) return next;
      if (reply !== -1) throw new StoreError('STORE_UNAVAILABLE', 'Unexpected reply from the melding update script.');
      // -1: changed since we read it; read again and re-check the move against the new status.
    }
    throw new StoreError('STORE_CONFLICT', 'The melding kept changing; try again.');
  }

  async delete(code: string): Promise<boolean> {
    const normalized = normalizeReferenceCode(code);
    if (normalized === null) return false;
    const key = this.#keys.melding(normalized);
    // An unreadable document is still erased: the conversation set then keeps a stale code, pruned on read.
    const conversationId = await this.#read(normalized).then(
      (found) => found?.melding.conversationId ?? null,
      () => null,
    );
    const multi = this.#client.multi().del(key).zRem(this.#keys.meldingIndex, normalized);
    if (conversationId !== null) multi.sRem(this.#keys.meldingenOf(conversationId), normalized);
    const [deleted] = await multi.exec();
    return Number(deleted) === 1;
  }

  async deleteByConversation(conversationId: string): Promise<string[]> {
    const setKey = this.#keys.meldingenOf(conversationId);
    // Only create() adds to this set, with the melding's own conversation, so every code in it is this
    // conversation's. Documents are not read: an unreadable one must not stop an erasure request.
    const codes = (await this.#client.sMembers(setKey)).filter((code) => normalizeReferenceCode(code) === code).sort();
    const multi = this.#client.multi();
    for (const code of codes) multi.del(this.#keys.melding(code));
    if (codes.length > 0) multi.zRem(this.#keys.meldingIndex, codes).sRem(setKey, codes);
    const replies = await multi.exec();
    // Codes of meldingen that had already expired (or were erased by another process) are not reported.
    return codes.filter((_, i) => Number(replies[i]) === 1);
  }

  async ttl(code: string): Promise<number | null> {
    const normalized = normalizeReferenceCode(code);
    if (normalized === null) return null;
    const seconds = await this.#client.ttl(this.#keys.melding(normalized));
    // -2: no such key. -1 (no expiry) cannot happen: the scripts set both in one step.
    return seconds === -2 ? null : seconds;
  }

  async #read(code: string): Promise<{ rev: number; melding: Melding } | null> {
    const normalized = normalizeReferenceCode(code);
    if (normalized === null) return null;
    const [rev, doc] = await this.#client.hmGet(this.#keys.melding(normalized), ['rev', 'doc']);
    if (typeof rev !== 'string' || typeof doc !== 'string') return null;
    return { rev: Number(rev), melding: decodeMelding(doc) };
  }

  /** The meldingen of these codes in the same order, null where one is gone. Commands are pipelined. */
  async #readMany(codes: readonly string[]): Promise<(Melding | null)[]> {
    const docs = await Promise.all(codes.map((code) => this.#client.hGet(this.#keys.melding(code), 'doc')));
    return docs.map((doc) => (typeof doc === 'string' ? decodeMelding(doc) : null));
  }
}
