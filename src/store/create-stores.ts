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
import { MemoryAttemptLimiter, RedisAttemptLimiter, type AttemptLimiter } from './attempt-limiter.js';
import { meldingTtlSeconds } from './create-melding-store.js';
import type { MeldingStore } from './melding-store.js';
import { MemoryMeldingStore } from './memory-melding-store.js';
import { RedisMeldingStore } from './redis-melding-store.js';
import { MemoryTurnStore } from './memory-turn-store.js';
import { RedisTurnStore } from './redis-turn-store.js';
import { defaultMaxMessagesPerConversation } from './store-options.js';
import type { TurnStore } from './turn-store.js';

/** Lines kept in a conversation's transcript. */
const TRANSCRIPT_MAX = 500;
import { MemoryConversationReferenceStore, type ConversationReferenceStore } from './conversation-reference-store.js';
import { RedisConversationReferenceStore } from './redis-conversation-reference-store.js';
import { MemoryFirstSeen, RedisFirstSeen, type FirstSeen } from './first-seen.js';
import { MemoryRevokedConversations, RedisRevokedConversations, type RevokedConversations } from './revoked-conversations.js';

/** How long wrong reference codes are counted. */
const STATUS_WINDOW_SECONDS = 15 * 60;
/** How long an inbound provider message id is remembered: providers redeliver within minutes, a day is ample. */
const INBOUND_SEEN_SECONDS = 24 * 3600;

/** Everything the runtime needs to keep conversations, of one kind. */
export interface Stores {
  readonly kind: 'redis' | 'memory';
  /** The Redis connection the stores use (null on memory), for the other Redis-backed parts (queue, reports, console). */
  readonly redis: RedisClient | null;
  readonly sessions: SessionStore;
  readonly messages: MessageLog;
  readonly bus: ReplyBus;
  /** The durable transcript per conversation (same TTL as the session): what the volunteer reads. */
  readonly transcripts: MessageLog;
  /** Relatives' reports (zorgmeldingen); kept `meldingTtlSeconds` (default 90 days) after their last change. */
  readonly meldingen: MeldingStore;
  /** Wrong reference codes per conversation, counted for 15 minutes. */
  readonly statusAttempts: AttemptLimiter;
  /** New chat sessions per (hashed) address, counted per minute (SESSION_RATE_LIMIT), shared by every process. */
  readonly sessionStarts: AttemptLimiter;
  /** A turn's one read and one write (state, message log, transcript, live channel, rate count, client turn id). */
  readonly turns: TurnStore;
  /** How to reach each conversation on its own channel (same TTL as the session). */
  readonly references: ConversationReferenceStore;
  /** Inbound provider message ids already handled (one day), so a redelivered webhook is answered once. */
  readonly inboundSeen: FirstSeen;
  /** Conversations deleted on request, whose web tokens are refused (as long as a session lives); the turn's read checks them. */
  readonly revoked: RevokedConversations;
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
  readonly meldingTtlSeconds?: number;
  /** When true, close() also closes `client`. */
  readonly ownsClient?: boolean;
}

export function createRedisStores(options: RedisStoresOptions): Stores {
  const { client, sessionTtlSeconds: ttlSeconds } = options;
  const keys = storeKeys(options.prefix);
  const bus = new RedisReplyBus({ client, keys });
  const maxMessages = options.maxMessagesPerConversation ?? defaultMaxMessagesPerConversation;
  const revoked = new RedisRevokedConversations({ client, keys, ttlSeconds });
  const turns = new RedisTurnStore({ client, keys, ttlSeconds, maxMessages, maxTranscript: TRANSCRIPT_MAX });
  return {
    kind: 'redis',
    redis: client,
    turns,
    sessions: new RedisSessionStore({ client, keys, ttlSeconds }),
    messages: new RedisMessageLog({ client, keys, ttlSeconds, maxPerConversation: options.maxMessagesPerConversation }),
    // The same stream type under another key kind: one implementation, two logs.
    transcripts: new RedisMessageLog({ client, keys: { ...keys, messages: keys.transcript }, ttlSeconds, maxPerConversation: TRANSCRIPT_MAX }),
    meldingen: new RedisMeldingStore({ client, keys, ttlSeconds: options.meldingTtlSeconds ?? meldingTtlSeconds() }),
    statusAttempts: new RedisAttemptLimiter({ client, key: keys.statusAttempts, windowSeconds: STATUS_WINDOW_SECONDS }),
    sessionStarts: new RedisAttemptLimiter({ client, key: keys.sessionRate, windowSeconds: 60 }),
    references: new RedisConversationReferenceStore({ client, keys, ttlSeconds }),
    inboundSeen: new RedisFirstSeen({ client, key: keys.inboundSeen, ttlSeconds: INBOUND_SEEN_SECONDS }),
    revoked,
    bus,
    async sharedSecret(candidate) {
      await client.set(keys.secret, candidate, { condition: 'NX', expiration: { type: 'EX', value: ttlSeconds } });
      const secret = await client.get(keys.secret);
      await client.expire(keys.secret, ttlSeconds);
      return typeof secret === 'string' && secret.length >= 32 ? secret : candidate;
    },
    async close() {
      await bus.close();
      await turns.close();
      if (options.ownsClient && client.isOpen) await client.close();
    },
  };
}

export interface MemoryStoresOptions {
  readonly clock: Clock;
  readonly sessionTtlSeconds: number;
  readonly maxMessagesPerConversation?: number;
  readonly meldingTtlSeconds?: number;
}

export function createMemoryStores(options: MemoryStoresOptions): Stores {
  const { clock, sessionTtlSeconds: ttlSeconds } = options;
  const bus = new MemoryReplyBus();
  const sessions = new MemorySessionStore({ clock, ttlSeconds });
  const messages = new MemoryMessageLog({ clock, ttlSeconds, maxPerConversation: options.maxMessagesPerConversation });
  const transcripts = new MemoryMessageLog({ clock, ttlSeconds, maxPerConversation: TRANSCRIPT_MAX });
  const revoked = new MemoryRevokedConversations({ clock, ttlSeconds });
  return {
    kind: 'memory',
    redis: null,
    sessions,
    messages,
    transcripts,
    turns: new MemoryTurnStore({ clock, sessions, messages, transcripts, bus, revoked }),
    meldingen: new MemoryMeldingStore({ clock, ttlSeconds: options.meldingTtlSeconds ?? meldingTtlSeconds() }),
    statusAttempts: new MemoryAttemptLimiter({ clock, windowSeconds: STATUS_WINDOW_SECONDS }),
    sessionStarts: new MemoryAttemptLimiter({ clock, windowSeconds: 60 }),
    references: new MemoryConversationReferenceStore({ clock, ttlSeconds }),
    inboundSeen: new MemoryFirstSeen({ clock, ttlSeconds: INBOUND_SEEN_SECONDS }),
    revoked,
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
