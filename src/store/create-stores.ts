import type { Clock } from '../shared/clock.js';
import type { RedisClient } from './connect-redis.js';
import { MemoryMessageLog } from './memory-message-log.js';
import { MemoryReplyBus } from './memory-reply-bus.js';
import { MemorySessionStore } from './memory-session-store.js';
import { RedisMessageLog } from './redis-message-log.js';
import { RedisReplyBus } from './redis-reply-bus.js';
import { RedisSessionStore } from './redis-session-store.js';
import type { MessageLog, ReplyBus, SessionStore } from './session-store.js';
import { storeKeys } from './store-keys.js';

/** Everything the runtime needs to keep conversations, of one kind. */
export interface Stores {
  readonly kind: 'redis' | 'memory';
  readonly sessions: SessionStore;
  readonly messages: MessageLog;
  readonly bus: ReplyBus;
  /**
   * The secret every process should sign tokens with when none is configured: the first one stored wins,
   * so tokens survive a restart on Redis. The key expires with the sessions and is renewed at each start.
   */
  sharedSecret(candidate: string): Promise<string>;
  /** Releases what the stores opened themselves (not a client passed in, unless `ownsClient`). */
  close(): Promise<void>;
}

export interface RedisStoresOptions {
  readonly client: RedisClient;
  /** Key prefix shared by every key, e.g. `huurhulp`. */
  readonly prefix: string;
  /** TTL of sessions and message logs (config default: 30 days). */
  readonly sessionTtlSeconds: number;
  readonly maxMessagesPerConversation?: number;
  /** When true, close() also closes `client`. */
  readonly ownsClient?: boolean;
}

export function createRedisStores(options: RedisStoresOptions): Stores {
  const { client, sessionTtlSeconds: ttlSeconds } = options;
  const keys = storeKeys(options.prefix);
  const bus = new RedisReplyBus({ client, keys });
  return {
    kind: 'redis',
    sessions: new RedisSessionStore({ client, keys, ttlSeconds }),
    messages: new RedisMessageLog({ client, keys, ttlSeconds, maxPerConversation: options.maxMessagesPerConversation }),
    bus,
    async sharedSecret(candidate) {
      await client.set(keys.secret, candidate, { condition: 'NX', expiration: { type: 'EX', value: ttlSeconds } });
      const secret = await client.get(keys.secret);
      await client.expire(keys.secret, ttlSeconds);
      return typeof secret === 'string' && secret.length >= 32 ? secret : candidate;
    },
    async close() {
      await bus.close();
      if (options.ownsClient && client.isOpen) await client.close();
    },
  };
}

export interface MemoryStoresOptions {
  readonly clock: Clock;
  readonly sessionTtlSeconds: number;
  readonly maxMessagesPerConversation?: number;
}

export function createMemoryStores(options: MemoryStoresOptions): Stores {
  const { clock, sessionTtlSeconds: ttlSeconds } = options;
  const bus = new MemoryReplyBus();
  return {
    kind: 'memory',
    sessions: new MemorySessionStore({ clock, ttlSeconds }),
    messages: new MemoryMessageLog({ clock, ttlSeconds, maxPerConversation: options.maxMessagesPerConversation }),
    bus,
    // One process only: nothing to share.
    async sharedSecret(candidate) {
      return candidate;
    },
    async close() {
      await bus.close();
    },
  };
}
