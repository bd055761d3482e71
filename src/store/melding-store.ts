import type { Melding, MeldingOutcome, MeldingStatus } from '../domain/melding/melding.js';

export interface MeldingListOptions {
  /** Only meldingen with this status. */
  readonly status?: MeldingStatus;
  /** At most this many (default 100). */
  readonly limit?: number;
}

/**
 * Stored meldingen (relatives' reports), by reference code. Every key expires `ttlSeconds` after the
 * melding's last write (create or status change). Codes may be passed in any form
 * `normalizeReferenceCode` accepts; text that is no code is simply not found.
 */
export interface MeldingStore {
  readonly kind: 'redis' | 'memory';
  /**
   * Stores a new melding (validated against the schema: RequestError('VALIDATION_FAILED') otherwise).
   * Throws StoreError('STORE_CONFLICT') when the code is taken: the caller retries with a new code.
   */
  create(melding: Melding): Promise<void>;
  /** For the coordinator: the melding, or null when absent or expired. */
  get(code: string): Promise<Melding | null>;
  /** For the chat: the melding only when `conversationId` made it, else null (as if it did not exist). */
  getForConversation(code: string, conversationId: string): Promise<Melding | null>;
  /** The meldingen this conversation made, oldest first. */
  listByConversation(conversationId: string): Promise<Melding[]>;
  /** Most urgent first, then longest waiting first. */
  list(options?: MeldingListOptions): Promise<Melding[]>;
  /**
   * Moves the melding to `status` (see changeMeldingStatus: an outcome is required for, and only for,
   * `closed`; a move that is not allowed throws RequestError('BAD_REQUEST')). Returns the updated
   * melding, or null when there is none. Restarts the TTL.
   */
  setStatus(code: string, status: MeldingStatus, outcome?: MeldingOutcome | null): Promise<Melding | null>;
  /** Erases the melding. Returns whether there was one. */
  delete(code: string): Promise<boolean>;
  /** Erases every melding this conversation made; returns their codes, sorted. */
  deleteByConversation(conversationId: string): Promise<string[]>;
  /** Seconds until the melding expires, or null when absent. */
  ttl(code: string): Promise<number | null>;
}

export const defaultMeldingListLimit = 100;

/** Throws unless `limit` is a whole number >= 1. */
export function assertListLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a whole number >= 1, got ${limit}.`);
  return limit;
}
