import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RedisClusterType } from '@redis/client';
import { createConsoleStores } from '../../src/console/create-console-stores.js';
import { loadCannedDefaults } from '../../src/console/canned-defaults.js';
import { newReferenceCode } from '../../src/domain/melding/reference-code.js';
import { createHandoff } from '../../src/handoff/create-handoff.js';
import { rootDir } from '../../src/server.js';
import { newSessionState } from '../../src/engine/session-state.js';
import { createRedisStores } from '../../src/store/create-stores.js';
import { storeKeys } from '../../src/store/store-keys.js';
import { consoleSessionStoreContract } from '../console/auth/console-session-store.contract.js';
import { volunteerStoreContract } from '../console/auth/volunteer-store.contract.js';
import { consoleStoresContract } from '../console/console-stores.contract.js';
import { chatInput, handoffQueueContract } from '../handoff/handoff-queue.contract.js';
import { history, lastOf, newSession, payloads, turn } from '../channels/web/web-client.js';
import { keySlot } from '../helpers/key-slot.js';
import {
  contractHandle,
  openConsoleSessionStore,
  openHandoffQueue,
  openMeldingStore,
  openMessageLog,
  openReplyBus,
  openSessionStore,
  openVolunteerStore,
} from '../helpers/redis-contract-fixtures.js';
import { sampleMelding } from '../helpers/melding-fixture.js';
import { startApp } from '../helpers/start-app.js';
import { startRedisCluster, type RunningCluster } from '../helpers/redis-cluster.js';
import { redisClusterForTest, type RedisClusterForTest } from '../helpers/redis-cluster-test-client.js';
import { waitFor } from '../helpers/wait-for.js';
import { meldingStoreContract } from './melding-store.contract.js';
import { messageLogContract } from './message-log.contract.js';
import { replyBusContract } from './reply-bus.contract.js';
import { sessionStoreContract } from './session-store.contract.js';

/**
 * The store and queue contract suites against a real Redis Cluster of three masters (REDIS_CLUSTER_NODES):
 * a MULTI or Lua script whose keys are not in one hash slot fails there with CROSSSLOT, so every suite
 * passing here proves the key builder's hash tags hold for what the stores really do.
 */
let cluster: RunningCluster;
let redis: RedisClusterForTest;
let second: RedisClusterType;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  cluster = await startRedisCluster(3);
  redis = await redisClusterForTest(cluster);
  second = await redis.secondClient();
});

afterAll(async () => {
  for (const close of closers) await close();
  await redis?.cleanup();
  await cluster?.stop();
});

const handle = () => contractHandle(redis, second, closers);
sessionStoreContract('redis cluster', 'redis', openSessionStore(handle));
messageLogContract('redis cluster', openMessageLog(handle));
replyBusContract('redis cluster', openReplyBus(handle));
meldingStoreContract('redis cluster', 'redis', openMeldingStore(handle));
handoffQueueContract('redis cluster', openHandoffQueue(handle));
volunteerStoreContract('redis', openVolunteerStore(handle));
consoleSessionStoreContract('redis', openConsoleSessionStore(handle));

consoleStoresContract('redis cluster', async () => {
  const defaults = await loadCannedDefaults(rootDir);
  const stores = createConsoleStores({ kind: 'redis', client: redis.client, prefix: redis.freshPrefix(), ticketTtlSeconds: 3600, cannedDefaults: defaults });
  return { ...stores, defaults };
});

describe('Redis Cluster: where the keys land', () => {
  test('the cluster is real: three masters, and our slot helper agrees with CLUSTER KEYSLOT', async () => {
    expect(redis.client.masters).toHaveLength(3);
    const keys = storeKeys('huurhulp');
    for (const key of ['foo', keys.session('web:abc'), keys.handoffWaiting, keys.melding('HH-7K3M9P'), 'a{}b']) {
      const node = await redis.client.nodeClient(redis.client.masters[0]!);
      expect(await node.clusterKeySlot(key)).toBe(keySlot(key));
    }
  });

  test("a conversation's keys share one slot, and different conversations spread over the masters", async () => {
    const prefix = redis.freshPrefix();
    const stores = createRedisStores({ client: redis.client, prefix, sessionTtlSeconds: 600 });
    const ids = Array.from({ length: 12 }, (_, i) => `web:spread-${i}`);
    for (const id of ids) {
      await stores.sessions.put(id, { step: 'start' }, 0);
      await stores.messages.append(id, { text: 'hoi' });
      await stores.transcripts.append(id, { from: 'person', text: 'hoi' });
      await stores.statusAttempts.fail(id);
      await stores.meldingen.create(sampleMelding({ conversationId: id, code: newReferenceCode(Math.random) }));
    }
    const all = await redis.keys(prefix);
    for (const id of ids) {
      const own = all.filter((key) => key.endsWith(`{${id}}`));
      expect(own).toHaveLength(4);
      expect(new Set(own.map(keySlot)).size).toBe(1);
    }
    const nodesUsed = new Set(ids.map((id) => redis.client.slots[keySlot(storeKeys(prefix).session(id))]?.master.port));
    expect(nodesUsed.size).toBeGreaterThan(1);
    for (const [key, ttl] of await redis.ttls(prefix)) expect({ key, ttl: ttl > 0 }).toEqual({ key, ttl: true });
    await stores.close();
  });

  test('a key set outside one slot is refused by the cluster (what the hash tags prevent)', async () => {
    const prefix = redis.freshPrefix();
    await expect(redis.client.eval('return 1', { keys: [`${prefix}:a`, `${prefix}:b`] })).rejects.toThrow(/CROSSSLOT/);
  });

  test('the whole app on the cluster: a chat over HTTP, its history, a second process reading it', async () => {
    const secret = 'c'.repeat(43);
    const prefix = redis.freshPrefix();
    const one = await startApp({ store: 'redis', clusterNodes: cluster.nodes, prefix, secret });
    const two = await startApp({ store: 'redis', clusterNodes: cluster.nodes, prefix, secret });
    closers.push(() => one.close(), () => two.close());
    const session = await newSession(one.url);
    const greeting = await turn(one.url, session.token, { text: 'hoi' });
    expect(payloads(lastOf(greeting))).toContain('choice:tenant');
    const next = await turn(two.url, session.token, { payload: 'choice:tenant' });
    expect(payloads(lastOf(next))).toContain('choice:dagvaarding');
    expect(await history(one.url, session.token)).toEqual([...greeting, ...next]);
    const own = (await redis.keys(prefix)).filter((key) => key.includes(session.conversationId));
    expect(own.length).toBeGreaterThanOrEqual(3);
    expect(new Set(own.map(keySlot)).size).toBe(1);
  });

  test("a deletion in one process drops the other process's copy of the state (sharded pub/sub)", async () => {
    const prefix = redis.freshPrefix();
    const here = createRedisStores({ client: redis.client, prefix, sessionTtlSeconds: 600 });
    const there = createRedisStores({ client: second, prefix, sessionTtlSeconds: 600 });
    closers.push(() => here.close(), () => there.close());
    const doc = { ...newSessionState('nl', new Date('2026-12-05T10:00:00Z')), status: 'active' as const, turn: 1 };
    const read = async () => (await here.turns.read('web:forgotten', { countTurn: false, windowSeconds: 60 })).stored?.state;
    await here.turns.commit('web:forgotten', { state: { doc, expectedRev: 0 }, transcript: [], messages: [], publishFrom: 0 });
    expect(await read()).toBe(doc);
    // `here` subscribes after its write, a moment later: the deletion is announced until it is heard.
    const deadline = Date.now() + 3000;
    while ((await read()) === doc && Date.now() < deadline) {
      await there.turns.forget('web:forgotten');
      await new Promise((r) => setTimeout(r, 20));
    }
    const after = await read();
    expect(after).not.toBe(doc);
    expect(after).toEqual(doc);
  });

  test('createHandoff on a cluster: events from one connection reach a subscriber on another', async () => {
    const prefix = redis.freshPrefix();
    const here = createHandoff({ kind: 'redis', client: redis.client, prefix });
    const there = createHandoff({ kind: 'redis', client: second, prefix });
    closers.push(() => here.close(), () => there.close());
    const seen: string[] = [];
    await there.events.subscribe((e) => seen.push(e.type));
    const { ticket } = await here.queue.enqueue(chatInput('cluster-live'));
    await there.queue.claim(ticket.id, 'vol-a');
    await waitFor(() => seen.length === 2, 'two events');
    expect(seen).toEqual(['created', 'claimed']);
  });
});
