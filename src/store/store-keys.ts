import { RequestError } from '../shared/errors.js';

const maxIdLength = 128;
const maxPrefixLength = 64;
// Whitespace and control characters would make keys ambiguous in logs and redis-cli.
const forbiddenInId = /[\s\p{Cc}]/u;
// The prefix also ends up in SCAN MATCH patterns, so glob characters are refused too.
const forbiddenInPrefix = /[\s\p{Cc}*?[\]\\]/u;

/** Throws unless `id` is a usable key part: 1..128 characters, no whitespace or control characters. */
export function assertStoreId(id: string, what = 'id'): string {
  if (id.length === 0 || id.length > maxIdLength || forbiddenInId.test(id)) {
    throw new RequestError('BAD_REQUEST', `Invalid ${what}: use 1 to ${maxIdLength} characters without whitespace.`);
  }
  return id;
}

/**
 * The one place that names Redis keys and channels. Every key starts with `${prefix}:`, so one
 * deployment (or one test) can be listed and cleaned with `${prefix}:*`.
 * To add a kind of key, add one line below with `scoped('<kind>')`.
 */
export function storeKeys(prefix: string) {
  if (prefix.length === 0 || prefix.length > maxPrefixLength || forbiddenInPrefix.test(prefix)) {
    throw new RequestError(
      'BAD_REQUEST',
      `Invalid key prefix: use 1 to ${maxPrefixLength} characters without whitespace or * ? [ ] \\.`,
    );
  }
  const scoped =
    (kind: string) =>
    (id: string): string =>
      `${prefix}:${kind}:${assertStoreId(id)}`;

  return {
    prefix,
    /** SCAN MATCH pattern covering every key of this prefix. */
    pattern: `${prefix}:*`,
    /** Hash `{ rev, doc }` with the conversation state. */
    session: scoped('session'),
    /** Stream with the conversation's recent messages. */
    messages: scoped('msgs'),
    /** Pub/sub channel (not a key) for live replies. */
    replies: scoped('replies'),
    /** String: the token-signing secret generated when SESSION_SECRET is unset, shared by processes and restarts. */
    secret: `${prefix}:secret`,
  } as const;
}

export type StoreKeys = ReturnType<typeof storeKeys>;
