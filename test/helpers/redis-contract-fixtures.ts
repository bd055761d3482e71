import { RedisConsoleSessionStore } from '../../src/console/auth/redis-console-session-store.js';
import { RedisVolunteerStore } from '../../src/console/auth/redis-volunteer-store.js';
import { RedisHandoffEvents } from '../../src/handoff/redis-handoff-events.js';
import { RedisHandoffQueue } from '../../src/handoff/redis-handoff-queue.js';
import type { RedisClient } from '../../src/store/connect-redis.js';
import { RedisMeldingStore } from '../../src/store/redis-melding-store.js';
import { RedisMessageLog } from '../../src/store/redis-message-log.js';
import { RedisReplyBus } from '../../src/store/redis-reply-bus.js';
import { RedisSessionStore } from '../../src/store/redis-session-store.js';
import { storeKeys } from '../../src/store/store-keys.js';
import type { OpenConsoleSessionStore } from '../console/auth/console-session-store.contract.js';
import type { OpenVolunteerStore } from '../console/auth/volunteer-store.contract.js';
import type { OpenHandoffQueue } from '../handoff/handoff-queue.contract.js';
import type { OpenMeldingStore } from '../store/melding-store.contract.js';
import type { OpenMessageLog } from '../store/message-log.contract.js';
import type { OpenReplyBus } from '../store/reply-bus.contract.js';
import type { OpenSessionStore } from '../store/session-store.contract.js';
import { manualClock, type ManualClock } from './manual-clock.js';
import { sleep } from './wait-for.js';

/**
 * How the contract suites reach a Redis: one server (redisForTest) or a cluster (redisClusterForTest).
 * A function, because the connections are opened in beforeAll, after the suites are declared.
 */
export interface RedisContractHandle {
  readonly client: RedisClient;
  /** A second connection, to play a second process. */
  readonly second: RedisClient;
  freshPrefix(): string;
  ttls(prefix: string): Promise<Map<string, number>>;
  /** Remembers something to close in afterAll. */
  onClose(close: () => Promise<void>): void;
}

type Handle = () => RedisContractHandle;

/** Moves the store's clock and really waits, so Redis's own expiry agrees with it. */
const elapseBoth = (clock: ManualClock) => async (ms: number) => {
  clock.advance(ms);
  await sleep(ms);
};
// The clock starts at the real time, so scores written by the store and Redis's own expiry agree.
const realTimeClock = (): ManualClock => manualClock(new Date().toISOString());

export const openSessionStore =
  (handle: Handle): OpenSessionStore =>
  async ({ ttlSeconds }) => {
    const h = handle();
    const keys = storeKeys(h.freshPrefix());
    return {
      store: new RedisSessionStore({ client: h.client, keys, ttlSeconds }),
      peer: new RedisSessionStore({ client: h.second, keys, ttlSeconds }),
      elapse: sleep,
      rawTtls: () => h.ttls(keys.prefix),
    };
  };

export const openMessageLog =
  (handle: Handle): OpenMessageLog =>
  async (options) => {
    const h = handle();
    const keys = storeKeys(h.freshPrefix());
    return { log: new RedisMessageLog({ client: h.client, keys, ...options }), elapse: sleep, rawTtls: () => h.ttls(keys.prefix) };
  };

export const openReplyBus =
  (handle: Handle): OpenReplyBus =>
  async () => {
    const h = handle();
    const keys = storeKeys(h.freshPrefix());
    const publisher = new RedisReplyBus({ client: h.client, keys });
    const subscriber = new RedisReplyBus({ client: h.second, keys });
    h.onClose(() => publisher.close());
    h.onClose(() => subscriber.close());
    return { publisher, subscriber };
  };

export const openMeldingStore =
  (handle: Handle): OpenMeldingStore =>
  async ({ ttlSeconds }) => {
    const h = handle();
    const keys = storeKeys(h.freshPrefix());
    const clock = manualClock();
    return {
      store: new RedisMeldingStore({ client: h.client, keys, ttlSeconds, clock }),
      peer: new RedisMeldingStore({ client: h.second, keys, ttlSeconds, clock }),
      clock,
      elapse: elapseBoth(clock),
      rawTtls: () => h.ttls(keys.prefix),
    };
  };

export const openHandoffQueue =
  (handle: Handle): OpenHandoffQueue =>
  async (options) => {
    const h = handle();
    const keys = storeKeys(h.freshPrefix());
    const clock = manualClock();
    const publisher = new RedisHandoffEvents({ client: h.client, keys });
    const listener = new RedisHandoffEvents({ client: h.second, keys });
    const peerEvents = new RedisHandoffEvents({ client: h.second, keys });
    for (const events of [publisher, listener, peerEvents]) h.onClose(() => events.close());
    return {
      queue: new RedisHandoffQueue({ ...options, client: h.client, keys, clock, events: publisher }),
      peer: new RedisHandoffQueue({ ...options, client: h.second, keys, clock, events: peerEvents }),
      clock,
      listener,
    };
  };

export const openVolunteerStore =
  (handle: Handle): OpenVolunteerStore =>
  async ({ ttlSeconds }) => {
    const h = handle();
    const clock = realTimeClock();
    const keys = storeKeys(h.freshPrefix());
    return { store: new RedisVolunteerStore({ client: h.client, keys, ttlSeconds, clock }), clock, elapse: elapseBoth(clock) };
  };

export const openConsoleSessionStore =
  (handle: Handle): OpenConsoleSessionStore =>
  async ({ idleSeconds, activeWindowSeconds }) => {
    const h = handle();
    const clock = realTimeClock();
    const keys = storeKeys(h.freshPrefix());
    return {
      store: new RedisConsoleSessionStore({ client: h.client, keys, idleSeconds, activeWindowSeconds, clock }),
      clock,
      elapse: elapseBoth(clock),
    };
  };

/** The handle for a redisForTest() or redisClusterForTest() handle plus its second connection; closers run in afterAll. */
export function contractHandle(
  source: { readonly client: RedisClient; freshPrefix(): string; ttls(prefix: string): Promise<Map<string, number>> },
  second: RedisClient,
  closers: (() => Promise<void>)[],
): RedisContractHandle {
  return {
    client: source.client,
    second,
    freshPrefix: () => source.freshPrefix(),
    ttls: (prefix) => source.ttls(prefix),
    onClose: (close) => closers.push(close),
  };
}
