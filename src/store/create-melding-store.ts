import type { Clock } from '../shared/clock.js';
import type { RedisClient } from './connect-redis.js';
import type { MeldingStore } from './melding-store.js';
import { MemoryMeldingStore } from './memory-melding-store.js';
import { RedisMeldingStore } from './redis-melding-store.js';
import { storeKeys } from './store-keys.js';

/** Default retention of a melding after its last change: 90 days (config MELDING_TTL_DAYS). */
export const defaultMeldingTtlDays = 90;

export function meldingTtlSeconds(days: number = defaultMeldingTtlDays): number {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`The melding TTL must be a whole number of days >= 1, got ${days}.`);
  return days * 86_400;
}

export type MeldingStoreOptions =
  | {
      readonly kind: 'redis';
      readonly client: RedisClient;
      /** Key prefix shared by every key, e.g. `hh` (the same as the other stores). */
      readonly prefix: string;
      /** Default: 90 days. */
      readonly ttlSeconds?: number;
      /** For `updatedAt` on status changes. Default: the system clock. */
      readonly clock?: Clock;
    }
  | {
      readonly kind: 'memory';
      readonly clock: Clock;
      /** Default: 90 days. */
      readonly ttlSeconds?: number;
    };

export function createMeldingStore(options: MeldingStoreOptions): MeldingStore {
  const ttlSeconds = options.ttlSeconds ?? meldingTtlSeconds();
  if (options.kind === 'memory') return new MemoryMeldingStore({ clock: options.clock, ttlSeconds });
  return new RedisMeldingStore({ client: options.client, keys: storeKeys(options.prefix), ttlSeconds, clock: options.clock });
}
