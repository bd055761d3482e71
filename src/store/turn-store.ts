import type { SessionState } from '../engine/session-state.js';
import type { LoggedMessage } from './session-store.js';

/** What a turn reads before the engine step: all of it in one round trip on Redis. */
export interface TurnRead {
  /** The conversation's stored state and its revision; `state` is null when what is stored cannot be read (the turn starts over). */
  readonly stored: { readonly rev: number; readonly state: SessionState | null } | null;
  /** Turns of this conversation counted in the current rate-limit window, this one included (0 when not counted). */
  readonly turnsInWindow: number;
  /** When the client turn id was already applied: the message log entries it wrote (the person's line first). */
  readonly replay: { readonly first: string; readonly last: string } | null;
  /** True when asked (`checkRevoked`) and the conversation was deleted on request: its web token is refused. */
  readonly revoked: boolean;
}

export interface TurnReadOptions {
  /** The client's turn id: when it was applied already, `replay` says what it wrote. */
  readonly clientTurnId?: string;
  /** Count this turn in the conversation's rate window. */
  readonly countTurn: boolean;
  readonly windowSeconds: number;
  /** Also look whether the conversation was deleted on request (RevokedConversations), in the same read. */
  readonly checkRevoked?: boolean;
}

/** What a turn writes after the step: one atomic script on Redis. */
export interface TurnWrite {
  /** The state and the revision it was read at (compare-and-set); absent: the state is not touched. */
  readonly state?: { readonly doc: SessionState; readonly expectedRev: number };
  /** Lines for the volunteer's transcript (person, bot). */
  readonly transcript: readonly unknown[];
  /** Entries for the conversation's message log (the person's line, the bot's messages). */
  readonly messages: readonly unknown[];
  /** Message log entries from this index on are also published to the conversation's live channel. */
  readonly publishFrom: number;
  /** The client's turn id: remembered with the entries written, so a retry is answered from the log. */
  readonly clientTurnId?: string;
  /** When the turn wrote log entries in an earlier commit: the first of them (the remembered range starts there). */
  readonly replayFrom?: string;
}

export interface TurnCommit {
  /** The new revision of the state (0 when the state was not written). */
  readonly rev: number;
  /** Ids of the message log entries, in order. */
  readonly ids: readonly string[];
}

/**
 * The hot path of a turn: one read and one write. `commit` returns null when the state changed since it was read
 * (another turn of the same conversation won); nothing is written then.
 */
export interface TurnStore {
  read(conversationId: string, options: TurnReadOptions): Promise<TurnRead>;
  commit(conversationId: string, write: TurnWrite): Promise<TurnCommit | null>;
  /** Removes the conversation's rate count and remembered client turn ids (data deletion on request). */
  forget(conversationId: string): Promise<void>;
  /** The message log entries from `first` to `last` (inclusive), for a retried turn. */
  replay(conversationId: string, range: { readonly first: string; readonly last: string }): Promise<LoggedMessage[]>;
}

/** How long a client turn id is remembered: retries come within minutes (a timeout, a reconnect, a crash). */
export const CLIENT_TURN_TTL_SECONDS = 24 * 3600;

/** A client turn id: 8..64 characters of A-Z a-z 0-9 _ - (checked at the edge; the stores rely on it). */
export const clientTurnIdPattern = /^[A-Za-z0-9_-]{8,64}$/;
