import { describe, expect, test } from 'vitest';
import { createMemoryStores } from '../../src/store/create-stores.js';
import { MemoryMessageLog } from '../../src/store/memory-message-log.js';
import { MemoryReplyBus } from '../../src/store/memory-reply-bus.js';
import { MemorySessionStore } from '../../src/store/memory-session-store.js';
import { manualClock } from '../helpers/manual-clock.js';
import { messageLogContract } from './message-log.contract.js';
import { replyBusContract } from './reply-bus.contract.js';
import { sessionStoreContract } from './session-store.contract.js';
import { conversationReferenceContract } from './conversation-reference-store.contract.js';
import { MemoryConversationReferenceStore } from '../../src/store/conversation-reference-store.js';
import { MemoryFirstSeen } from '../../src/store/first-seen.js';

sessionStoreContract('memory', 'memory', async ({ ttlSeconds }) => {
  const clock = manualClock();
  const store = new MemorySessionStore({ clock, ttlSeconds });
  return { store, peer: store, elapse: async (ms) => clock.advance(ms) };
});

messageLogContract('memory', async (options) => {
  const clock = manualClock();
  const log = new MemoryMessageLog({ clock, ...options });
  return { log, elapse: async (ms) => clock.advance(ms) };
});

conversationReferenceContract('memory', async ({ ttlSeconds }) => {
  const clock = manualClock();
  return {
    references: new MemoryConversationReferenceStore({ clock, ttlSeconds }),
    firstSeen: new MemoryFirstSeen({ clock, ttlSeconds }),
    elapse: async (ms) => clock.advance(ms),
  };
});

replyBusContract('memory', async () => {
  const bus = new MemoryReplyBus();
  return { publisher: bus, subscriber: bus };
});

describe('memory stores', () => {
  test('expired sessions are pruned, not kept forever', async () => {
    const clock = manualClock();
    const store = new MemorySessionStore({ clock, ttlSeconds: 60 });
    for (let i = 0; i < 1000; i++) await store.put(`s${i}`, { i }, 0);
    clock.advance(30_000);
    await store.put('s0', { i: 0, again: true }, 1);
    clock.advance(30_000);
    // Only s0 (rewritten half-way) is still alive; the other 999 are gone from memory.
    expect(store.size).toBe(1);
    expect(await store.get('s0')).toEqual({ rev: 2, doc: { i: 0, again: true } });
  });

  test('the TTL counts down with the clock', async () => {
    const clock = manualClock();
    const store = new MemorySessionStore({ clock, ttlSeconds: 100 });
    await store.put('c', {}, 0);
    expect(await store.ttl('c')).toBe(100);
    clock.advance(40_500);
    expect(await store.ttl('c')).toBe(60);
    clock.advance(59_500);
    expect(await store.ttl('c')).toBeNull();
  });

  test('message ids follow the clock and sort like stream ids across a digit boundary', async () => {
    const clock = manualClock('1970-01-01T00:00:00.009Z');
    const log = new MemoryMessageLog({ clock, ttlSeconds: 60 });
    const a = await log.append('c', 'a');
    const b = await log.append('c', 'b');
    clock.advance(1);
    const c = await log.append('c', 'c');
    expect([a, b, c]).toEqual(['9-0', '9-1', '10-0']);
    expect((await log.list('c', '9-1')).map((m) => m.body)).toEqual(['c']);
  });

  test('a clock that stands still or goes back still gives increasing ids', async () => {
    const clock = manualClock();
    const log = new MemoryMessageLog({ clock, ttlSeconds: 60 });
    const first = await log.append('c', 1);
    clock.advance(-5000);
    const second = await log.append('c', 2);
    expect((await log.list('c', first)).map((m) => m.id)).toEqual([second]);
  });

  test('createMemoryStores wires the three stores with one TTL and closes the bus', async () => {
    const clock = manualClock();
    const stores = createMemoryStores({ clock, sessionTtlSeconds: 10, maxMessagesPerConversation: 2 });
    expect(stores.kind).toBe('memory');
    await stores.sessions.put('w', { a: 1 }, 0);
    for (const n of [1, 2, 3]) await stores.messages.append('w', n);
    expect((await stores.messages.list('w')).map((m) => m.body)).toEqual([2, 3]);
    const received: unknown[] = [];
    await stores.bus.subscribe('w', (m) => received.push(m.body));
    await stores.close();
    await stores.bus.publish('w', { id: '1-0', body: 'after close' });
    expect(received).toEqual([]);
    clock.advance(10_000);
    expect(await stores.sessions.get('w')).toBeNull();
    expect(await stores.messages.list('w')).toEqual([]);
  });
});
