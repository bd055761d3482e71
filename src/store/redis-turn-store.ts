import { migrateState, type SessionState } from '../engine/session-state.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { StoreError } from '../shared/errors.js';
import { isCluster, type RedisClient } from './connect-redis.js';
import { decodeJson, encodeJson } from './json-codec.js';
import { luaScript, runScript } from './run-script.js';
import type { LoggedMessage } from './session-store.js';
import type { StoreKeys } from './store-keys.js';
import { CLIENT_TURN_TTL_SECONDS, type TurnCommit, type TurnRead, type TurnReadOptions, type TurnStore, type TurnWrite } from './turn-store.js';
import { ExpiringMap } from './expiring-map.js';
import { SharedSubscriber } from './shared-subscriber.js';

export interface RedisTurnStoreOptions {
  readonly client: RedisClient;
  readonly keys: StoreKeys;
  readonly ttlSeconds: number;
  readonly maxMessages: number;
  readonly maxTranscript: number;
  /** For how long the states this process wrote are kept (default: the system clock). */
  readonly clock?: Clock;
}

/**
 * The state this process last wrote per conversation, with the JSON text it was stored as: enough conversations for
 * what one process carries at once, for long enough to span the time between two messages of a person.
 */
const WRITTEN_MAX = 10_000;
const WRITTEN_MS = 5 * 60_000;

/**
 * KEYS: session hash, turn-rate counter, client turns hash, the conversation's deletion mark. ARGV: count the turn
 * (1/0), window seconds, client turn id (or ''), look for the deletion mark (1/0). Returns { rev, doc, turns in window,
 * "<first> <last>" of an applied client turn, 1 when deleted on request }.
 */
const readScript = luaScript(`
local s = redis.call('HMGET', KEYS[1], 'rev', 'doc')
local n = 0
if ARGV[1] == '1' then
  n = redis.call('INCR', KEYS[2])
  if n == 1 then redis.call('EXPIRE', KEYS[2], ARGV[2]) end
end
local t = false
if ARGV[3] ~= '' then t = redis.call('HGET', KEYS[3], ARGV[3]) end
local r = 0
if ARGV[4] == '1' then r = redis.call('EXISTS', KEYS[4]) end
return { s[1], s[2], n, t, r }
`);

/**
 * KEYS: session hash, message stream, transcript stream, client turns hash; all with one conversation's hash tag.
 * ARGV: expected rev (-1: leave the state), doc, ttl, max messages, max transcript, reply channel, turn-id ttl,
 * number of transcript lines, number of messages, first message to publish (1-based), first id of the turn written
 * earlier (or ''), client turn id (or ''), PUBLISH or SPUBLISH (a cluster's sharded channel, as the reply bus uses),
 * then the lines, the messages.
 * Returns -1 on a conflict, else { rev, { ids } }. TTLs are set in the same step, so no key is ever left without one.
 */
const commitScript = luaScript(`
local rev = 0
if ARGV[1] ~= '-1' then
  local current = tonumber(redis.call('HGET', KEYS[1], 'rev') or '0')
  if current ~= tonumber(ARGV[1]) then return -1 end
  rev = current + 1
  redis.call('HSET', KEYS[1], 'rev', rev, 'doc', ARGV[2])
  redis.call('EXPIRE', KEYS[1], ARGV[3])
end
local nt = tonumber(ARGV[8])
local nm = tonumber(ARGV[9])
local pf = tonumber(ARGV[10])
local i = 14
for _ = 1, nt do
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[5], '*', 'b', ARGV[i])
  i = i + 1
end
if nt > 0 then redis.call('EXPIRE', KEYS[3], ARGV[3]) end
local ids = {}
for j = 1, nm do
  local id = redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[4], '*', 'b', ARGV[i])
  ids[j] = id
  if j >= pf then redis.call(ARGV[13], ARGV[6], '{"id":"' .. id .. '","body":' .. ARGV[i] .. '}') end
  i = i + 1
end
if nm > 0 then redis.call('EXPIRE', KEYS[2], ARGV[3]) end
if ARGV[12] ~= '' then
  local first = ids[1] or ''
  if ARGV[11] ~= '' then first = ARGV[11] end
  local last = ids[nm] or first
  if first ~= '' then
    redis.call('HSET', KEYS[4], ARGV[12], first .. ' ' .. last)
    redis.call('EXPIRE', KEYS[4], ARGV[7])
  end
end
return { rev, ids }
`);

/** The turn's read and write on Redis: one EVALSHA each, every key of the conversation in one hash slot. */
export class RedisTurnStore implements TurnStore {
  readonly #o: RedisTurnStoreOptions;
  /**
   * A read that finds exactly the text this process wrote gets the state it wrote, instead of parsing and validating
   * the text again (issue #12). Text equality is the proof: a write by another process, an older version or a changed
   * value is other text, and is parsed and validated as before. The state is shared with the turn that wrote it: the
   * engine never changes a state, it makes a new one.
   */
  readonly #written: ExpiringMap<{ readonly text: string; readonly state: SessionState }>;
  /**
   * "verwijder mijn gegevens" in any process reaches every process on this channel, and each drops its copy of that
   * conversation's state at once, not when the copy ages out (a person's data should not linger in memory anywhere).
   */
  readonly #forgotten: SharedSubscriber;
  #listening = false;

  constructor(options: RedisTurnStoreOptions) {
    this.#o = options;
    this.#written = new ExpiringMap(options.clock ?? systemClock, WRITTEN_MS, WRITTEN_MAX);
    this.#forgotten = new SharedSubscriber(options.client, 'The turn store');
  }

  async read(conversationId: string, options: TurnReadOptions): Promise<TurnRead> {
    const k = this.#o.keys;
    const keys = [k.session(conversationId), k.turnRate(conversationId), k.clientTurns(conversationId), k.revokedConversation(conversationId)];
    const reply = await runScript(this.#o.client, readScript, keys, [options.countTurn ? '1' : '0', String(options.windowSeconds), options.clientTurnId ?? '', options.checkRevoked === true ? '1' : '0']);
    if (!Array.isArray(reply)) throw new StoreError('STORE_UNAVAILABLE', 'Unexpected reply from the turn read script.');
    const [rev, doc, n, applied, revoked] = reply as unknown[];
    let stored: TurnRead['stored'] = null;
    if (typeof rev === 'string' && typeof doc === 'string') {
      const written = this.#written.get(conversationId);
      stored = { rev: Number(rev), state: written?.text === doc ? written.state : migrateState(decodeJson(doc)) };
    }
    let replay: TurnRead['replay'] = null;
    if (typeof applied === 'string') {
      const [first, last] = applied.split(' ');
      if (first !== undefined && last !== undefined) replay = { first, last };
    }
    return { stored, turnsInWindow: typeof n === 'number' ? n : 0, replay, revoked: revoked === 1 };
  }

  async commit(conversationId: string, write: TurnWrite): Promise<TurnCommit | null> {
    const k = this.#o.keys;
    const ttl = String(this.#o.ttlSeconds);
    const keys = [k.session(conversationId), k.messages(conversationId), k.transcript(conversationId), k.clientTurns(conversationId)];
    const docText = write.state === undefined ? '' : encodeJson(write.state.doc, 'The session document');
    const args = [
      write.state === undefined ? '-1' : String(write.state.expectedRev),
      docText,
      ttl,
      String(this.#o.maxMessages),
      String(this.#o.maxTranscript),
      k.replies(conversationId),
      String(CLIENT_TURN_TTL_SECONDS),
      String(write.transcript.length),
      String(write.messages.length),
      String(write.publishFrom + 1),
      write.replayFrom ?? '',
      write.clientTurnId ?? '',
      isCluster(this.#o.client) ? 'SPUBLISH' : 'PUBLISH',
    ];
    for (const line of write.transcript) args.push(encodeJson(line, 'The transcript line'));
    for (const m of write.messages) args.push(encodeJson(m, 'The message body'));
    const reply = await runScript(this.#o.client, commitScript, keys, args);
    if (reply === -1) return null;
    if (!Array.isArray(reply) || typeof reply[0] !== 'number' || !Array.isArray(reply[1])) throw new StoreError('STORE_UNAVAILABLE', 'Unexpected reply from the turn commit script.');
    if (write.state !== undefined) {
      this.#written.set(conversationId, { text: docText, state: write.state.doc });
      this.#listen();
    }
    return { rev: reply[0], ids: (reply[1] as unknown[]).map(String) };
  }

  async forget(conversationId: string): Promise<void> {
    this.#written.delete(conversationId);
    const k = this.#o.keys;
    await this.#o.client.del([k.turnRate(conversationId), k.clientTurns(conversationId)]);
    // The deletion itself is done: should the message not go out, the other copies still age out (WRITTEN_MS), and
    // none is ever served, because the stored text it would have to match is gone.
    await this.#forgotten.publish(k.turnForgotten, conversationId).catch(() => undefined);
  }

  /** Closes the connection that hears of deletions in other processes (the client belongs to the caller). */
  close(): Promise<void> {
    return this.#forgotten.close();
  }

  /**
   * Listens for deletions once this process holds a copy (a store that never writes opens no connection). A
   * deletion announced before the subscription is in place is not heard: that copy ages out as before.
   */
  #listen(): void {
    if (this.#listening) return;
    this.#listening = true;
    this.#forgotten
      .listen(this.#o.keys.turnForgotten, (conversationId) => {
        this.#written.delete(conversationId);
      })
      .catch(() => {
        // Not subscribed (the store is unreachable or closed): the next write tries again.
        this.#listening = false;
      });
  }

  async replay(conversationId: string, range: { first: string; last: string }): Promise<LoggedMessage[]> {
    const entries = await this.#o.client.xRange(this.#o.keys.messages(conversationId), range.first, range.last);
    const out: LoggedMessage[] = [];
    for (const e of entries ?? []) {
      const b = e.message['b'];
      if (typeof b === 'string') out.push({ id: e.id, body: decodeJson(b) });
    }
    return out;
  }
}
