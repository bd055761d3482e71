/**
 * Conversation state storage. Documents are opaque JSON (the engine parses and migrates them);
 * `rev` is a revision counter used for compare-and-set so concurrent turns never overwrite each other.
 */
export interface StoredDocument {
  readonly doc: unknown;
  readonly rev: number;
}

export interface SessionStore {
  readonly kind: 'redis' | 'memory';
  /** The current document and its revision, or null when absent or expired. */
  get(conversationId: string): Promise<StoredDocument | null>;
  /**
   * Writes `doc` only if the stored revision equals `expectedRev` (0 = must not exist yet).
   * Returns the new revision. Throws StoreError('STORE_CONFLICT') when someone else wrote first.
   * Every write (re)sets the TTL.
   */
  put(conversationId: string, doc: unknown, expectedRev: number): Promise<number>;
  /** Removes the session. Returns whether something was deleted. */
  delete(conversationId: string): Promise<boolean>;
  /** Seconds until the session expires, or null when absent. */
  ttl(conversationId: string): Promise<number | null>;
}

/** One bot or person message kept for a conversation, for reconnecting sockets and polling clients. */
export interface LoggedMessage {
  readonly id: string;
  readonly body: unknown;
}

export interface MessageLog {
  /** Appends a message and returns its id; ids sort in append order. Keeps at most `maxPerConversation` (oldest dropped). */
  append(conversationId: string, body: unknown): Promise<string>;
  /** Messages after `afterId` (all kept ones when undefined), oldest first. */
  list(conversationId: string, afterId?: string): Promise<LoggedMessage[]>;
  delete(conversationId: string): Promise<boolean>;
}

/** Live fan-out of replies to whichever process holds the person's socket. */
export interface ReplyBus {
  publish(conversationId: string, message: LoggedMessage): Promise<void>;
  /** Subscribes to one conversation; returns an unsubscribe function. */
  subscribe(conversationId: string, onMessage: (message: LoggedMessage) => void): Promise<() => Promise<void>>;
}
