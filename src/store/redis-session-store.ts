import { StoreError } from '../shared/errors.js';
import type { RedisClient } from './connect-redis.js';
import { decodeJson, encodeJson } from './json-codec.js';
import type { SessionStore, StoredDocument } from './session-store.js';
import { assertExpectedRev, assertTtlSeconds } from './store-options.js';
import type { StoreKeys } from './store-keys.js';

export interface RedisSessionStoreOptions {
  readonly client: RedisClient;
  readonly keys: StoreKeys;
  readonly ttlSeconds: number;
}

/**
 * Compare-and-set in one step on the server, so two bot processes handling turns of the same
 * conversation can never both win. Returns the new revision, or -1 on a conflict.
 * KEYS[1] session hash; ARGV[1] expected rev (0 = must not exist); ARGV[2] doc JSON; ARGV[3] TTL s.
 */
const compareAndSetScript = `
local current = tonumber(redis.call('HGET', KEYS[1], 'rev') or '0')
if current ~= tonumber(ARGV[1]) then return -1 end
local rev = current + 1
redis.call('HSET', KEYS[1], 'rev', rev, 'doc', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return rev
`;

export class RedisSessionStore implements SessionStore {
  readonly kind = 'redis';
  readonly #client: RedisClient;
  readonly #keys: StoreKeys;
  readonly #ttlSeconds: number;

  constructor(options: RedisSessionStoreOptions) {
    this.#client = options.client;
    this.#keys = options.keys;
    this.#ttlSeconds = assertTtlSeconds(options.ttlSeconds);
  }

  async get(conversationId: string): Promise<StoredDocument | null> {
    const [rev, doc] = await this.#client.hmGet(this.#keys.session(conversationId), ['rev', 'doc']);
    if (typeof rev !== 'string' || typeof doc !== 'string') return null;
    return { rev: Number(rev), doc: decodeJson(doc) };
  }

  async put(conversationId: string, doc: unknown, expectedRev: number): Promise<number> {
    assertExpectedRev(expectedRev);
    const key = this.#keys.session(conversationId);
    const json = encodeJson(doc, 'The session document');
    const reply = await this.#client.eval(compareAndSetScript, {
      keys: [key],
      arguments: [String(expectedRev), json, String(this.#ttlSeconds)],
    });
    if (typeof reply !== 'number') {
      throw new StoreError('STORE_UNAVAILABLE', 'Unexpected reply from the session compare-and-set script.');
    }
    if (reply < 0) throw new StoreError('STORE_CONFLICT');
    return reply;
  }

  async delete(conversationId: string): Promise<boolean> {
    return (await this.#client.del(this.#keys.session(conversationId))) > 0;
  }

  async ttl(conversationId: string): Promise<number | null> {
    const seconds = await this.#client.ttl(this.#keys.session(conversationId));
    // -2: no such key. -1 (key without expiry) cannot happen: the script sets both in one step.
    return seconds === -2 ? null : seconds;
  }
}
