import type { Store } from 'express-rate-limit';
import { systemClock, type Clock } from '../../shared/clock.js';
import { MemoryLoginBackoff, RedisLoginBackoff, type LoginBackoff } from './login-backoff.js';
import type { RedisClient } from '../../store/connect-redis.js';
import { storeKeys } from '../../store/store-keys.js';
import type { ConsoleSessionStore } from './console-session-store.js';
import { MemoryConsoleSessionStore } from './memory-console-session-store.js';
import { MemoryVolunteerStore } from './memory-volunteer-store.js';
import { RedisConsoleSessionStore } from './redis-console-session-store.js';
import { RedisLoginFailureStore } from './redis-login-failure-store.js';
import { RedisVolunteerStore } from './redis-volunteer-store.js';
import type { VolunteerStore } from './volunteer-store.js';

interface CommonOptions {
  /** ACCOUNT_TTL_DAYS * 86 400: an account expires this long after it was added or last logged in. */
  readonly accountTtlSeconds: number;
  /** CONSOLE_SESSION_HOURS * 3600: a session ends this long after its last request. */
  readonly sessionIdleSeconds: number;
  /** Default 180: "signed in now" means a request within this many seconds. */
  readonly activeWindowSeconds?: number;
}

export type ConsoleAuthStoresOptions =
  | (CommonOptions & { readonly kind: 'redis'; readonly client: RedisClient; readonly prefix: string; readonly clock?: Clock })
  | (CommonOptions & { readonly kind: 'memory'; readonly clock: Clock });

/** The stores consoleAuthRouter and requireVolunteer take (spread them into their deps). */
export interface ConsoleAuthStores {
  readonly accounts: VolunteerStore;
  readonly sessions: ConsoleSessionStore;
  /** Redis only: shares the login limit between processes. Undefined means in-process counters. */
  readonly loginFailureStore?: (limiter: 'user' | 'ip') => Store;
  /** Failed sign-ins per account, from any address: a growing wait, shown to coordinators. */
  readonly loginBackoff: LoginBackoff;
}

export function createConsoleAuthStores(options: ConsoleAuthStoresOptions): ConsoleAuthStores {
  const { accountTtlSeconds, sessionIdleSeconds: idleSeconds, activeWindowSeconds } = options;
  if (options.kind === 'memory') {
    const { clock } = options;
    return {
      accounts: new MemoryVolunteerStore({ clock, ttlSeconds: accountTtlSeconds }),
      sessions: new MemoryConsoleSessionStore({ clock, idleSeconds, activeWindowSeconds }),
      loginBackoff: new MemoryLoginBackoff(clock),
    };
  }
  const { client, clock } = options;
  const keys = storeKeys(options.prefix);
  return {
    accounts: new RedisVolunteerStore({ client, keys, ttlSeconds: accountTtlSeconds, clock }),
    sessions: new RedisConsoleSessionStore({ client, keys, idleSeconds, activeWindowSeconds, clock }),
    loginFailureStore: (limiter) => new RedisLoginFailureStore({ client, keys, name: `login-${limiter}` }),
    loginBackoff: new RedisLoginBackoff({ client, keys, clock: clock ?? systemClock }),
  };
}
