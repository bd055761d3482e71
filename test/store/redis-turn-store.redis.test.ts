import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSessionState, type SessionState } from '../../src/engine/session-state.js';
import { RedisTurnStore } from '../../src/store/redis-turn-store.js';
import { RedisRevokedConversations } from '../../src/store/revoked-conversations.js';
import { storeKeys, type StoreKeys } from '../../src/store/store-keys.js';
import { redisForTest, type RedisForTest } from '../helpers/redis-test-client.js';

let redis: RedisForTest;

beforeAll(async () => {
  redis = await redisForTest();
});

afterAll(async () => {
  await redis.cleanup();
});

const readOptions = { countTurn: false, windowSeconds: 60 };
const write = (doc: SessionState, expectedRev: number) => ({ state: { doc, expectedRev }, transcript: [], messages: [], publishFrom: 0 });

function turnStore(keys: StoreKeys): RedisTurnStore {
  return new RedisTurnStore({ client: redis.client, keys, ttlSeconds: 600, maxMessages: 50, maxTranscript: 50 });
}

describe('RedisTurnStore: the state a process wrote itself (issue #12)', () => {
  const state = (turn: number): SessionState => ({ ...newSessionState('nl', new Date('2026-12-05T10:00:00Z')), status: 'active', turn });

  it('reads back the very state object it wrote, while the stored text is unchanged', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const turns = turnStore(keys);
    const written = state(1);
    expect(await turns.commit('c1', write(written, 0))).toEqual({ rev: 1, ids: [] });
    const read = await turns.read('c1', readOptions);
    expect(read.stored?.rev).toBe(1);
    expect(read.stored?.state).toBe(written);
  });

  it('parses and validates the state another process wrote', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const here = turnStore(keys);
    const there = turnStore(keys);
    await here.commit('c2', write(state(1), 0));
    const theirs = state(2);
    await there.commit('c2', write(theirs, 1));
    const read = await here.read('c2', readOptions);
    expect(read.stored?.rev).toBe(2);
    expect(read.stored?.state).toEqual(theirs);
    expect(read.stored?.state).not.toBe(theirs);
  });

  it('parses a stored value that changed behind its back, and gives null for one that is not a state', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const turns = turnStore(keys);
    await turns.commit('c3', write(state(1), 0));
    const changed = { ...state(1), locale: 'en' };
    await redis.client.hSet(keys.session('c3'), 'doc', JSON.stringify(changed));
    expect((await turns.read('c3', readOptions)).stored?.state).toEqual(changed);
    await redis.client.hSet(keys.session('c3'), 'doc', JSON.stringify({ ...state(1), status: 'gone' }));
    expect((await turns.read('c3', readOptions)).stored).toEqual({ rev: 1, state: null });
  });

  it('keeps no copy of a conversation it was told to forget', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const turns = turnStore(keys);
    const written = state(1);
    await turns.commit('c4', write(written, 0));
    await turns.forget('c4');
    const read = await turns.read('c4', readOptions);
    expect(read.stored?.state).toEqual(written);
    expect(read.stored?.state).not.toBe(written);
  });

  it('keeps its copy for 5 minutes after the write, no longer', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const clock = { ms: Date.parse('2026-12-05T10:00:00Z'), now: () => new Date(clock.ms) };
    const turns = new RedisTurnStore({ client: redis.client, keys, ttlSeconds: 600, maxMessages: 50, maxTranscript: 50, clock });
    const written = state(1);
    await turns.commit('c6', write(written, 0));
    clock.ms += 5 * 60_000 - 1;
    expect((await turns.read('c6', readOptions)).stored?.state).toBe(written);
    clock.ms += 1;
    const read = await turns.read('c6', readOptions);
    expect(read.stored?.state).toEqual(written);
    expect(read.stored?.state).not.toBe(written);
  });

  it('remembers nothing from a commit that lost to a concurrent write', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const here = turnStore(keys);
    const there = turnStore(keys);
    await there.commit('c5', write(state(1), 0));
    const losing = state(7);
    expect(await here.commit('c5', write(losing, 0))).toBeNull();
    const read = await here.read('c5', readOptions);
    expect(read.stored?.state).toEqual(state(1));
  });
});

describe('RedisTurnStore: the deletion mark, in the same read', () => {
  it('says a conversation was deleted on request when asked, and only then', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const turns = turnStore(keys);
    const revoked = new RedisRevokedConversations({ client: redis.client, keys, ttlSeconds: 600 });
    expect((await turns.read('gone', { ...readOptions, checkRevoked: true })).revoked).toBe(false);
    await revoked.revoke('gone');
    expect((await turns.read('gone', { ...readOptions, checkRevoked: true })).revoked).toBe(true);
    expect((await turns.read('gone', readOptions)).revoked).toBe(false);
    expect((await turns.read('other', { ...readOptions, checkRevoked: true })).revoked).toBe(false);
  });
});
