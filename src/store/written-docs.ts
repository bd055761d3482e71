interface Written<T> {
  readonly text: string;
  readonly doc: T;
  readonly at: number;
}

export interface WrittenDocsOptions {
  /** Conversations remembered at most; the least recently written is dropped first. */
  readonly maxEntries: number;
  /** How long after its write a document is remembered (ms). */
  readonly maxAgeMs: number;
  /** Monotonic milliseconds (tests pass their own). */
  readonly now?: () => number;
}

/**
 * The document this process last wrote for each conversation, with the JSON text it was stored as (issue #12). A
 * read that finds exactly that text gets the written object back, instead of parsing and validating the text again.
 * Text equality is the proof: a write by another process, an older version or a changed value is other text, and is
 * parsed and validated as before. Bounded in number and age, so a conversation's state does not stay in memory long
 * after its last turn. The object is shared with the turn that wrote it: the engine never changes a state, it makes a
 * new one.
 */
export class WrittenDocs<T> {
  readonly #entries = new Map<string, Written<T>>();
  readonly #max: number;
  readonly #maxAgeMs: number;
  readonly #now: () => number;

  constructor(options: WrittenDocsOptions) {
    this.#max = options.maxEntries;
    this.#maxAgeMs = options.maxAgeMs;
    this.#now = options.now ?? (() => performance.now());
  }

  remember(conversationId: string, text: string, doc: T): void {
    const now = this.#now();
    this.#prune(now);
    // Re-inserted at the end: the Map's order stays the order of the writes, oldest first.
    this.#entries.delete(conversationId);
    this.#entries.set(conversationId, { text, doc, at: now });
    if (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
  }

  /** The document written as exactly `text`, if that is the conversation's last write remembered here. */
  recall(conversationId: string, text: string): T | undefined {
    this.#prune(this.#now());
    const entry = this.#entries.get(conversationId);
    return entry !== undefined && entry.text === text ? entry.doc : undefined;
  }

  forget(conversationId: string): void {
    this.#entries.delete(conversationId);
  }

  /** Conversations remembered now (for tests). */
  get size(): number {
    this.#prune(this.#now());
    return this.#entries.size;
  }

  #prune(now: number): void {
    for (const [id, entry] of this.#entries) {
      if (now - entry.at <= this.#maxAgeMs) break;
      this.#entries.delete(id);
    }
  }
}
