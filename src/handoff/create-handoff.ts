import { systemClock, type Clock } from '../shared/clock.js';
import type { RedisClient } from '../store/connect-redis.js';
import { storeKeys } from '../store/store-keys.js';
import type { HandoffEvents } from './handoff-events.js';
import type { HandoffQueue, HandoffQueueOptions } from './handoff-queue.js';
import { MemoryHandoffEvents } from './memory-handoff-events.js';
import { MemoryHandoffQueue } from './memory-handoff-queue.js';
import { RedisHandoffEvents } from './redis-handoff-events.js';
import { RedisHandoffQueue } from './redis-handoff-queue.js';

/** The queue and its live events, of one kind. The queue publishes every state change on `events`. */
export interface Handoff {
  readonly kind: 'redis' | 'memory';
  readonly queue: HandoffQueue;
  readonly events: HandoffEvents;
  /** Ends the event subscriptions (and the Redis subscriber connection); the client passed in stays open. */
  close(): Promise<void>;
}

/** Queue settings shared by both kinds (see HandoffQueueOptions). */
export type HandoffSettings = Pick<
  HandoffQueueOptions,
  'claimTimeoutSeconds' | 'ticketTtlSeconds' | 'waitSamples' | 'onEventError' | 'newId'
>;

export type CreateHandoffOptions =
  | ({ readonly kind: 'redis'; readonly client: RedisClient; readonly prefix: string; readonly clock?: Clock } & HandoffSettings)
  | ({ readonly kind: 'memory'; readonly clock: Clock } & HandoffSettings);

export function createHandoff(options: CreateHandoffOptions): Handoff {
  if (options.kind === 'redis') {
    const { client, prefix, clock, kind, ...settings } = options;
    const keys = storeKeys(prefix);
    const events = new RedisHandoffEvents({ client, keys });
    const queue = new RedisHandoffQueue({ ...settings, client, keys, clock: clock ?? systemClock, events });
    return { kind, queue, events, close: () => events.close() };
  }
  const { clock, kind, ...settings } = options;
  const events = new MemoryHandoffEvents();
  const queue = new MemoryHandoffQueue({ ...settings, clock, events });
  return { kind, queue, events, close: () => events.close() };
}
