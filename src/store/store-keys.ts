import { RequestError } from '../shared/errors.js';

const maxIdLength = 128;
const maxPrefixLength = 64;
// Whitespace and control characters would make keys ambiguous in logs and redis-cli.
const forbiddenInId = /[\s\p{Cc}]/u;
// The prefix also ends up in SCAN MATCH patterns, so glob characters are refused too.
// Braces would turn the prefix into every key's hash tag (one Redis Cluster slot for everything).
const forbiddenInPrefix = /[\s\p{Cc}*?[\]\\{}]/u;

/** Throws unless `id` is a usable key part: 1..128 characters, no whitespace or control characters. */
export function assertStoreId(id: string, what = 'id'): string {
  if (id.length === 0 || id.length > maxIdLength || forbiddenInId.test(id)) {
    throw new RequestError('BAD_REQUEST', `Invalid ${what}: use 1 to ${maxIdLength} characters without whitespace.`);
  }
  return id;
}

// A brace inside a conversation id would move or break its `{…}` hash tag (Redis Cluster hashes the
// text between the first `{` and the next `}`), so those ids may not contain braces.
const braces = /[{}]/;

/** Throws unless `id` can be a conversation's hash tag: a store id without `{` or `}`. */
export function assertTaggableId(id: string, what = 'conversation id'): string {
  assertStoreId(id, what);
  if (braces.test(id)) throw new RequestError('BAD_REQUEST', `Invalid ${what}: { and } are not allowed.`);
  return id;
}

/**
 * The one place that names Redis keys and channels. Every key starts with `${prefix}:`, so one
 * deployment (or one test) can be listed and cleaned with `${prefix}:*`.
 *
 * Redis Cluster: keys that one MULTI or Lua script touches together must share a hash slot, so
 * they share a hash tag. One conversation's keys end in `{<conversationId>}` (`perConversation`);
 * one queue's or one index's keys share a fixed tag (`{handoff}`, `{melding}`, `{volunteer}`, `{console}`).
 * To add a kind of key, add one line below with `scoped('<kind>')`, or `perConversation('<kind>')` when
 * it belongs to one conversation and may be written together with its session or logs.
 */
export function storeKeys(prefix: string) {
  if (prefix.length === 0 || prefix.length > maxPrefixLength || forbiddenInPrefix.test(prefix)) {
    throw new RequestError(
      'BAD_REQUEST',
      `Invalid key prefix: use 1 to ${maxPrefixLength} characters without whitespace or * ? [ ] \\ { }.`,
    );
  }
  const scoped =
    (kind: string) =>
    (id: string): string =>
      `${prefix}:${kind}:${assertStoreId(id)}`;
  const perConversation =
    (kind: string) =>
    (conversationId: string): string =>
      `${prefix}:${kind}:{${assertTaggableId(conversationId)}}`;

  return {
    prefix,
    /** SCAN MATCH pattern covering every key of this prefix. */
    pattern: `${prefix}:*`,
    /** Hash `{ rev, doc }` with the conversation state. */
    session: perConversation('session'),
    /** Stream with the conversation's recent messages (the person's lines and the bot's). */
    messages: perConversation('msgs'),
    /** Pub/sub channel (not a key) for live replies. */
    replies: perConversation('replies'),
    /** Stream: the durable transcript of a conversation (person, bot and volunteer lines) for the volunteer. */
    transcript: perConversation('transcript'),
    /** Counter: turns of a conversation in the current rate-limit window (TURN_RATE_LIMIT). */
    turnRate: perConversation('turn-rate'),
    /** Hash client turn id -> `<first id> <last id>`: the message log entries that turn wrote, to answer a retry from the log. */
    clientTurns: perConversation('turns'),
    /** Counter: new chat sessions from one address (hashed) in the current minute (SESSION_RATE_LIMIT). */
    sessionRate: scoped('session-rate'),
    /** Pub/sub channel (not a key): a conversation deleted on request, so every process drops its copy of the state. */
    turnForgotten: `${prefix}:turn-forgotten`,
    /** Pub/sub channel (not a key) for live relay events between person and console. */
    relay: `${prefix}:relay`,
    /** Hash `{ rev, doc }` with one melding (a relative's report), by reference code. Melding keys share the `{melding}` hash tag: one script touches several. */
    melding: scoped('{melding}:doc'),
    /** Set of the reference codes of the meldingen a conversation made. */
    meldingenOf: scoped('{melding}:by-conversation'),
    /** Sorted set of every melding's code, scored by creation time, for the coordinator's list. */
    meldingIndex: `${prefix}:{melding}:index`,
    /** Hash with one handoff ticket. Handoff keys share the `{handoff}` hash tag: one Lua script touches several (Redis Cluster). */
    handoffTicket: scoped('{handoff}:ticket'),
    /** Hash conversation id -> id of its open (waiting or claimed) ticket. */
    handoffOpen: `${prefix}:{handoff}:open`,
    /** Sorted set of waiting ticket ids; the score orders by urgency, then waiting time (see src/handoff/queue-order.ts). */
    handoffWaiting: `${prefix}:{handoff}:waiting`,
    /** Sorted set of claimed ticket ids, scored by the claim's lease deadline (ms). */
    handoffClaimed: `${prefix}:{handoff}:claimed`,
    /** Sorted set of recently closed ticket ids, scored by closing time (ms). */
    handoffClosed: `${prefix}:{handoff}:closed`,
    /** Sorted set of wait samples `<ticket id>:<ms from enqueue to first claim>`, scored by claim time (ms). */
    handoffWaits: `${prefix}:{handoff}:waits`,
    /** Pub/sub channel (not a key) for handoff queue events. */
    handoffEvents: `${prefix}:{handoff}:events`,
    /** Hash with one volunteer console account (role, scrypt hash, dates). Account keys share the `{volunteer}` hash tag: one script touches several. */
    volunteerAccount: scoped('{volunteer}:account'),
    /** Sorted set of account usernames, scored by when each account expires (ms), for listing. */
    volunteerIndex: `${prefix}:{volunteer}:index`,
    /** Hash with one console session, keyed by the SHA-256 of its id (never the id itself). Shares the `{console}` hash tag with the presence set. */
    consoleSession: scoped('{console}:session'),
    /** Sorted set of hashed console session ids, scored by last activity (ms), for "who is signed in". */
    consolePresence: `${prefix}:{console}:presence`,
    /** Counter of failed console logins for one rate-limit key (IP, or IP + username). */
    consoleLoginFailures: scoped('console-login-failures'),
    /** Hash `{ f: failures, t: last failure ms }` of one console account's failed sign-ins (the per-account backoff). */
    consoleLoginBackoff: scoped('{console}:login-backoff'),
    /** Sorted set of usernames with failed sign-ins, scored by the last failure (ms), for the coordinator. */
    consoleLoginBackoffIndex: `${prefix}:{console}:login-backoff-index`,
    /** List of one ticket's private volunteer notes (JSON), never shown to the person; expires with the ticket. */
    consoleNotes: scoped('console-notes'),
    /** String: the console's canned replies for one language (JSON list), kept long and renewed on every write. */
    cannedReplies: scoped('console-canned'),
    /** Counter: wrong reference codes typed in a conversation ("status HH-…"), for rate limiting. */
    statusAttempts: perConversation('status-attempts'),
    /** String: a conversation deleted on request; its chat token is refused until the token would have expired. */
    revokedConversation: perConversation('revoked'),
    /** String (JSON): how to reach a conversation on its own channel (holds the channel address; same TTL as the session). */
    conversationRef: perConversation('conversation-ref'),
    /** String: an inbound provider message id already handled (webhook redeliveries are answered once). */
    inboundSeen: scoped('inbound-seen'),
    /** Strings (JSON) of the Teams channel (src/store/teams-store.ts): links, codes, 1:1 chats, the alert channel, alert cards, last question cards. Share the `{teams}` hash tag. */
    teams: scoped('{teams}'),
    /** String: the token-signing secret generated when SESSION_SECRET is unset, shared by processes and restarts. */
    secret: `${prefix}:secret`,
  } as const;
}

export type StoreKeys = ReturnType<typeof storeKeys>;
