import { ApiError } from './api-client.js';
import type { ApiClient, OutgoingTurn } from './api-client.js';
import type { BotMessage } from './bot-message.js';
import type { Connection } from './connection.js';
import type { WidgetStringKey } from './widget-strings.js';

/** A person's message until the server has confirmed it (a websocket ack or an HTTP answer). */
export interface OutboxEntry {
  readonly turn: OutgoingTurn;
  /** The line as the person saw it. */
  readonly line: string;
  /** The newest message log id the page had when it was sent. */
  readonly after: string | undefined;
}

export type DelayReason = Extract<WidgetStringKey, 'unavailable' | 'offline' | 'failed'>;

export interface OutboxHandlers {
  /** The token to send with: the session's, or a new session's (throws when none can be made). */
  session(): Promise<{ readonly token: string }>;
  /** Something went out (again): the person waits for an answer. */
  sending(): void;
  /** The bot's answer to a message sent over HTTP (it left the outbox). */
  answered(entry: OutboxEntry, messages: readonly BotMessage[]): void;
  /** Not taken now; it stays and is sent again by itself. */
  delayed(reason: DelayReason): void;
  /** Refused for good (a 4xx, an expired token, or no session to send in): these entries left the outbox. */
  refused(entries: readonly OutboxEntry[], key: WidgetStringKey): void;
  /** HTTP said the token is no longer valid: drop the session; the outbox sends to a new one, once. */
  tokenRefused(): void;
  /** What is unconfirmed now, oldest first: kept so a reload sends it again. */
  persist(entries: readonly OutboxEntry[]): void;
}

export interface Outbox {
  readonly size: number;
  add(entry: OutboxEntry): void;
  /** Entries kept from before a reload; they go out once the socket opens (or over HTTP soon after). */
  restore(entries: readonly OutboxEntry[]): void;
  socketOpened(): void;
  socketDown(): void;
  ack(turnId: string): void;
  /** An error frame: it answers the oldest frame on this socket still waiting; false when none was. */
  frameError(code: string): boolean;
  /** A catch-up over HTTP worked: the server is back, do not wait out the backoff. */
  reachable(): void;
  /** The session is gone: takes out what is not in an HTTP request (that one's answer decides for it). */
  abandon(): OutboxEntry[];
  /** The session was dropped: nothing counts as sent on a socket any more. */
  reset(): void;
}

export interface OutboxDeps {
  readonly connection: Pick<Connection, 'sendFrame'>;
  readonly api: Pick<ApiClient, 'sendMessage'>;
  readonly handlers: OutboxHandlers;
}

interface Slot {
  readonly entry: OutboxEntry;
  /** The socket (its generation) it was last sent on; 0: none. */
  sentOn: number;
  httpBusy: boolean;
  failures: number;
  sessionRetried: boolean;
}

// Sent on a socket and no ack after this long: the same turn goes over HTTP too (the turn id keeps it single).
const ackWaitMs = 8_000;
// A socket that went down usually comes back within a second or two; after that, HTTP carries the messages.
const socketDownWaitMs = 1_500;
// Retries after 2 s, 4 s, 8 s, then every 15 s while the store or the network is down.
const retryMs = 2_000;
const retryMaxMs = 15_000;
// A server error (500) that does not go away is not tried for ever: the person gets the message back.
const maxServerFailures = 4;

/**
 * The widget's outbox: every message carries a turn id; it is sent over the socket when one is open (all waiting
 * ones, in order), otherwise over HTTP (the oldest first, one at a time, so the order holds), and kept until the
 * server confirms it. A reconnect or a reload sends the unconfirmed ones again with the same ids.
 */
export function createOutbox({ connection, api, handlers }: OutboxDeps): Outbox {
  let slots: Slot[] = [];
  let generation = 0;
  let socketUp = false;
  /** Turn ids sent on the current socket, oldest first, neither acknowledged nor answered by an error frame. */
  let onSocket: string[] = [];
  let retryTimer = 0;
  let ackTimer = 0;
  let creating = false;

  const save = (): void => handlers.persist(slots.map((s) => s.entry));

  function remove(slot: Slot): void {
    if (!slots.includes(slot)) return;
    slots = slots.filter((s) => s !== slot);
    onSocket = onSocket.filter((id) => id !== slot.entry.turn.turnId);
    save();
    if (slots.length === 0) {
      window.clearTimeout(retryTimer);
      retryTimer = 0;
    }
  }

  function refuse(gone: readonly Slot[], key: WidgetStringKey): void {
    for (const slot of gone) remove(slot);
    handlers.refused(
      gone.map((s) => s.entry),
      key,
    );
  }

  function later(ms: number): void {
    window.clearTimeout(retryTimer);
    retryTimer = window.setTimeout(() => {
      retryTimer = 0;
      void flush();
    }, ms);
  }

  const backoff = (failures: number): number => Math.min(retryMaxMs, retryMs * 2 ** Math.max(0, failures - 1));

  function armAck(): void {
    if (ackTimer !== 0) return;
    ackTimer = window.setTimeout(() => {
      ackTimer = 0;
      if (slots[0]?.sentOn === generation) void flush(true);
    }, ackWaitMs);
  }

  function disarmAck(): void {
    window.clearTimeout(ackTimer);
    ackTimer = 0;
  }

  async function flush(httpOnly = false): Promise<void> {
    if (slots.length === 0 || creating) return;
    window.clearTimeout(retryTimer);
    retryTimer = 0;
    let token: string;
    creating = true;
    try {
      token = (await handlers.session()).token;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STORE_UNAVAILABLE') {
        const head = slots[0];
        if (head) head.failures += 1;
        handlers.delayed('unavailable');
        later(backoff(head?.failures ?? 1));
        return;
      }
      // No conversation could be started: everything goes back to the person.
      refuse([...slots], error instanceof ApiError && error.status === 0 ? 'offline' : 'failed');
      return;
    } finally {
      creating = false;
    }
    // A new session: what waits is kept under it now.
    save();
    // While the oldest is in an HTTP request, the rest wait for its answer: sent now, they could overtake it.
    if (socketUp && !httpOnly && slots[0]?.httpBusy !== true) {
      let sent = false;
      for (const slot of slots) {
        if (slot.sentOn === generation) continue;
        if (!connection.sendFrame(slot.entry.turn)) break;
        slot.sentOn = generation;
        onSocket.push(slot.entry.turn.turnId);
        sent = true;
      }
      if (sent) handlers.sending();
      if (slots.every((s) => s.sentOn === generation)) {
        armAck();
        return;
      }
    }
    const head = slots[0];
    if (head === undefined || head.httpBusy) return;
    sendHttp(head, token);
  }

  function sendHttp(slot: Slot, token: string): void {
    slot.httpBusy = true;
    handlers.sending();
    api.sendMessage(token, slot.entry.turn).then(
      (messages) => {
        slot.httpBusy = false;
        remove(slot);
        handlers.answered(slot.entry, messages);
        void flush();
      },
      (error: unknown) => {
        slot.httpBusy = false;
        // Acknowledged on the socket meanwhile: nothing to do.
        if (!slots.includes(slot)) return;
        retryAfterFailure(slot, error);
      },
    );
  }

  function retryAfterFailure(slot: Slot, error: unknown): void {
    const status = error instanceof ApiError ? error.status : 0;
    if (status === 401) {
      if (slot.sessionRetried) return refuse([slot], 'expired');
      // An expired token: a fresh conversation, quietly, with the same messages (once).
      for (const s of slots) {
        s.sessionRetried = true;
        s.sentOn = 0;
      }
      handlers.tokenRefused();
      void flush();
      return;
    }
    if (error instanceof ApiError && error.code === 'STORE_UNAVAILABLE') {
      slot.failures += 1;
      handlers.delayed('unavailable');
      later(backoff(slot.failures));
      return;
    }
    if (status === 0 || status >= 500) {
      slot.failures += 1;
      if (status !== 0 && slot.failures > maxServerFailures) {
        refuse([slot], 'failed');
        void flush();
        return;
      }
      handlers.delayed(status === 0 ? 'offline' : 'failed');
      later(backoff(slot.failures));
      return;
    }
    // Refused as it is (too long, an unknown button, too many messages): sending it again would not help.
    refuse([slot], 'failed');
    void flush();
  }

  return {
    get size() {
      return slots.length;
    },
    add(entry) {
      slots.push({ entry, sentOn: 0, httpBusy: false, failures: 0, sessionRetried: false });
      save();
      void flush();
    },
    restore(entries) {
      for (const entry of entries) slots.push({ entry, sentOn: 0, httpBusy: false, failures: 0, sessionRetried: false });
      if (slots.length > 0) later(socketDownWaitMs);
    },
    socketOpened() {
      generation += 1;
      socketUp = true;
      onSocket = [];
      disarmAck();
      void flush();
    },
    socketDown() {
      socketUp = false;
      onSocket = [];
      disarmAck();
      if (slots.length > 0) later(socketDownWaitMs);
    },
    ack(turnId) {
      const index = onSocket.indexOf(turnId);
      // Frames before it got no ack (their turn was not kept): they stay in the outbox and go again.
      if (index >= 0) onSocket = onSocket.slice(index + 1);
      const slot = slots.find((s) => s.entry.turn.turnId === turnId);
      if (slot) remove(slot);
      disarmAck();
      if (slots.some((s) => s.sentOn === generation)) armAck();
    },
    frameError(code) {
      const turnId = onSocket.shift();
      if (turnId === undefined) return false;
      const slot = slots.find((s) => s.entry.turn.turnId === turnId);
      if (!slot) return true;
      if (code === 'STORE_UNAVAILABLE') {
        slot.sentOn = 0;
        slot.failures += 1;
        handlers.delayed('unavailable');
        later(backoff(slot.failures));
      } else {
        refuse([slot], code === 'TOKEN_INVALID' ? 'expired' : 'failed');
      }
      return true;
    },
    reachable() {
      if (!socketUp && slots.length > 0 && !slots.some((s) => s.httpBusy)) void flush();
    },
    abandon() {
      const gone = slots.filter((s) => !s.httpBusy);
      for (const slot of gone) remove(slot);
      return gone.map((s) => s.entry);
    },
    reset() {
      socketUp = false;
      onSocket = [];
      disarmAck();
      for (const slot of slots) slot.sentOn = 0;
    },
  };
}
