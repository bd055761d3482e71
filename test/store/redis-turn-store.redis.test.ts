import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSessionState, type SessionState } from '../../src/engine/session-state.js';
import { RedisTurnStore } from '../../src/store/redis-turn-store.js';
import { RedisRevokedConversations } from '../../src/store/revoked-conversations.js';
import { storeKeys, type StoreKeys } from '../../src/store/store-keys.js';
import { redisForTest, type RedisForTest } from '../helpers/redis-test-client.js';
import { subscribersOf, waitForSubscribers } from '../helpers/subscribers.js';

let redis: RedisForTest;
/** Every store a test made: each may have opened the connection that hears of deletions. */
const opened: RedisTurnStore[] = [];

beforeAll(async () => {
  redis = await redisForTest();
});

afterAll(async () => {
  await Promise.all(opened.map((t) => t.close()));
  await redis.cleanup();
});

const readOptions = { countTurn: false, windowSeconds: 60 };
const write = (doc: SessionState, expectedRev: number) => ({ state: { doc, expectedRev }, transcript: [], messages: [], publishFrom: 0 });

function turnStore(keys: StoreKeys, clock?: { now(): Date }): RedisTurnStore {
  const store = new RedisTurnStore({ client: redis.client, keys, ttlSeconds: 600, maxMessages: 50, maxTranscript: 50, ...(clock ? { clock } : {}) });
  opened.push(store);
  return store;
}

/** Waits until the store listens for deletions (it starts once it holds a copy). */
function listening(keys: StoreKeys): Promise<void> {
  return waitForSubscribers(redis.client, keys.turnForgotten, 1, 'the turn store to listen for deletions');
}

/** Reads until the state is no longer the object `written` (the copy was dropped), for at most 2 s. */
async function copyDropped(turns: RedisTurnStore, conversationId: string, written: SessionState): Promise<boolean> {
  const deadline = Date.now() + 2000;
  while (Date.now() <= deadline) {
    if ((await turns.read(conversationId, readOptions)).stored?.state !== written) return true;
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
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

  it('drops its copy when another process deletes the conversation, without waiting for the copy to age out', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const here = turnStore(keys);
    const there = turnStore(keys);
    const written = state(1);
    const kept = state(2);
    await here.commit('c7', write(written, 0));
    await here.commit('c8', write(kept, 0));
    await listening(keys);
    // The session hash is still there with the same text: only the copy's identity tells whether it was dropped.
    await there.forget('c7');
    expect(await copyDropped(here, 'c7', written)).toBe(true);
    expect((await here.read('c7', readOptions)).stored?.state).toEqual(written);
    // Only that conversation.
    expect((await here.read('c8', readOptions)).stored?.state).toBe(kept);
  });

  it('opens no connection for deletions until it holds a copy, and closes it on close()', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const turns = turnStore(keys);
    await turns.read('c9', readOptions);
    await turns.forget('c9');
    expect(await subscribersOf(redis.client, keys.turnForgotten)).toBe(0);
    await turns.commit('c9', write(state(1), 0));
    await listening(keys);
    await turns.close();
    expect(await subscribersOf(redis.client, keys.turnForgotten)).toBe(0);
  });

  it('keeps its copy for 5 minutes after the write, no longer', async () => {
    const keys = storeKeys(redis.freshPrefix());
    const clock = { ms: Date.parse('2026-12-05T10:00:00Z'), now: () => new Date(clock.ms) };
    const turns = turnStore(keys, clock);
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
