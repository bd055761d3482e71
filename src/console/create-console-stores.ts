import type { Clock } from '../shared/clock.js';
import type { RedisClient } from '../store/connect-redis.js';
import { storeKeys } from '../store/store-keys.js';
import type { CannedDefaults, CannedReplyStore } from './canned-reply-store.js';
import { MemoryCannedReplyStore } from './memory-canned-reply-store.js';
import { MemoryNoteStore } from './memory-note-store.js';
import type { NoteStore } from './note-store.js';
import { RedisCannedReplyStore } from './redis-canned-reply-store.js';
import { RedisNoteStore } from './redis-note-store.js';

interface CommonOptions {
  /** The queue's ticket TTL (SESSION_TTL_DAYS * 86 400 by default): notes expire with the ticket. */
  readonly ticketTtlSeconds: number;
  /** From loadCannedDefaults(rootDir). */
  readonly cannedDefaults: CannedDefaults;
  /** Default: a year, renewed at every save. */
  readonly cannedTtlSeconds?: number;
}

export type ConsoleStoresOptions =
  | (CommonOptions & { readonly kind: 'redis'; readonly client: RedisClient; readonly prefix: string; readonly clock?: Clock })
  | (CommonOptions & { readonly kind: 'memory'; readonly clock: Clock });

/** The console's own stores (ConsoleDeps.notes and .canned), of one kind. Nothing to close: they use the client passed in. */
export interface ConsoleStores {
  readonly notes: NoteStore;
  readonly canned: CannedReplyStore;
}

export function createConsoleStores(options: ConsoleStoresOptions): ConsoleStores {
  const { ticketTtlSeconds, cannedDefaults: defaults, cannedTtlSeconds } = options;
  if (options.kind === 'memory') {
    const { clock } = options;
    return {
      notes: new MemoryNoteStore({ clock, ttlSeconds: ticketTtlSeconds }),
      canned: new MemoryCannedReplyStore({ clock, defaults, ttlSeconds: cannedTtlSeconds }),
    };
  }
  const { client, clock } = options;
  const keys = storeKeys(options.prefix);
  return {
    notes: new RedisNoteStore({ client, keys, ttlSeconds: ticketTtlSeconds, clock }),
    canned: new RedisCannedReplyStore({ client, keys, defaults, ttlSeconds: cannedTtlSeconds, clock }),
  };
}
