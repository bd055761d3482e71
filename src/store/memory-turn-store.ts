import { migrateState } from '../engine/session-state.js';
import type { Clock } from '../shared/clock.js';
import { StoreError } from '../shared/errors.js';
import { ExpiringMap } from './expiring-map.js';
import type { LoggedMessage, MessageLog, ReplyBus, SessionStore } from './session-store.js';
import { compareMessageIds } from './message-id.js';
import { CLIENT_TURN_TTL_SECONDS, type TurnCommit, type TurnRead, type TurnReadOptions, type TurnStore, type TurnWrite } from './turn-store.js';
import type { RevokedConversations } from './revoked-conversations.js';

export interface MemoryTurnStoreOptions {
  readonly clock: Clock;
  readonly sessions: SessionStore;
  readonly messages: MessageLog;
  readonly transcripts: MessageLog;
  readonly bus: ReplyBus;
  /** The deleted conversations a read looks at when asked (`checkRevoked`). */
  readonly revoked: RevokedConversations;
}

/** The turn's read and write on the in-memory stores (one process: the runtime serialises a conversation's turns). */
export class MemoryTurnStore implements TurnStore {
  readonly #o: MemoryTurnStoreOptions;
  readonly #windows = new Map<string, { n: number; until: number }>();
  /** Per conversation: client turn id -> the log entries it wrote; the whole map expires like the Redis hash. */
  readonly #applied: ExpiringMap<Map<string, { first: string; last: string }>>;

  constructor(options: MemoryTurnStoreOptions) {
    this.#o = options;
    this.#applied = new ExpiringMap(options.clock, CLIENT_TURN_TTL_SECONDS * 1000);
  }

  async read(conversationId: string, options: TurnReadOptions): Promise<TurnRead> {
    const stored = await this.#o.sessions.get(conversationId);
    let n = 0;
    if (options.countTurn) {
      const now = this.#o.clock.now().getTime();
      if (this.#windows.size > 10_000) for (const [k, w] of this.#windows) if (w.until <= now) this.#windows.delete(k);
      const w = this.#windows.get(conversationId);
      const current = w !== undefined && w.until > now ? w : { n: 0, until: now + options.windowSeconds * 1000 };
      current.n += 1;
      this.#windows.set(conversationId, current);
      n = current.n;
    }
    const replay = options.clientTurnId === undefined ? null : (this.#applied.get(conversationId)?.get(options.clientTurnId) ?? null);
    const revoked = options.checkRevoked === true && (await this.#o.revoked.isRevoked(conversationId));
    return { stored: stored === null ? null : { rev: stored.rev, state: migrateState(stored.doc) }, turnsInWindow: n, replay, revoked };
  }

  async commit(conversationId: string, write: TurnWrite): Promise<TurnCommit | null> {
    let rev = 0;
    if (write.state !== undefined) {
      try {
        rev = await this.#o.sessions.put(conversationId, write.state.doc, write.state.expectedRev);
      } catch (e) {
        if (e instanceof StoreError && e.code === 'STORE_CONFLICT') return null;
        throw e;
      }
    }
    for (const line of write.transcript) await this.#o.transcripts.append(conversationId, line);
    const ids: string[] = [];
    for (const [i, m] of write.messages.entries()) {
      const id = await this.#o.messages.append(conversationId, m);
      ids.push(id);
      if (i >= write.publishFrom) await this.#o.bus.publish(conversationId, { id, body: m });
    }
    const first = write.replayFrom ?? ids[0];
    const last = ids[ids.length - 1] ?? first;
    if (write.clientTurnId !== undefined && first !== undefined && last !== undefined) {
      const applied = this.#applied.get(conversationId) ?? new Map<string, { first: string; last: string }>();
      applied.set(write.clientTurnId, { first, last });
      this.#applied.set(conversationId, applied);
    }
    return { rev, ids };
  }

  async forget(conversationId: string): Promise<void> {
    this.#windows.delete(conversationId);
    this.#applied.delete(conversationId);
  }

  async replay(conversationId: string, range: { first: string; last: string }): Promise<LoggedMessage[]> {
    const all = await this.#o.messages.list(conversationId);
    return all.filter((m) => compareMessageIds(m.id, range.first) >= 0 && compareMessageIds(m.id, range.last) <= 0);
  }
}
