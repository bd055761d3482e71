import { ApiError } from './api-client.js';
import type { ApiClient, OutgoingTurn } from './api-client.js';
import { parseServerFrame } from './bot-message.js';
import type { BotMessage, PersonLine } from './bot-message.js';

export interface ConnectionHandlers {
  onMessage(message: BotMessage): void;
  /** The person's own line from the message log (a catch-up after a reconnect or while polling). */
  onPersonLine(line: PersonLine): void;
  /** The server kept the websocket turn with this id. */
  onAck(turnId: string): void;
  /** The socket is open and said hello: frames can go (again). */
  onOpen(): void;
  /** The socket closed (not by `stop`): frames sent on it and not acknowledged must go again. */
  onSocketDown(): void;
  onTyping(): void;
  /** The waiting room's latest place in the line. */
  onStatus(text: string): void;
  onServerError(code: string): void;
  /** The token was refused (socket close 4401 or HTTP 401): the session is gone. */
  onUnauthorized(): void;
  /** A catch-up request succeeded (true) or failed on the network or the server (false; `storeUnavailable` for a 503 STORE_UNAVAILABLE). */
  onReachable(reachable: boolean, storeUnavailable?: boolean): void;
}

export interface Connection {
  start(token: string): void;
  stop(): void;
  /** While active (panel open) and the socket is down, poll for new messages. */
  setActive(active: boolean): void;
  /** Sends a turn over the open socket; false when there is none (then use HTTP). */
  sendFrame(turn: OutgoingTurn): boolean;
  /** Tells a volunteer who holds the chat that the person is typing (socket only; dropped otherwise). */
  sendTyping(): void;
  catchUp(): void;
}

export interface ConnectionOptions {
  readonly origin: string;
  readonly api: ApiClient;
  readonly lastId: () => string | undefined;
  readonly handlers: ConnectionHandlers;
}

const unauthorizedCloseCode = 4401;
const pollEveryMs = 4_000;
const maxBackoffMs = 30_000;

/** The live link: a websocket with backoff reconnects, and HTTP polling while the socket is down. */
export function createConnection({ origin, api, lastId, handlers }: ConnectionOptions): Connection {
  let token: string | null = null;
  let socket: WebSocket | null = null;
  let socketReady = false;
  let attempt = 0;
  let reconnectTimer = 0;
  let pollTimer = 0;
  let active = false;
  let catchingUp = false;

  const socketUrl = `${origin.replace(/^http/, 'ws')}/ws`;

  function unauthorized(): void {
    stop();
    handlers.onUnauthorized();
  }

  function connect(): void {
    if (token === null || socket !== null) return;
    let ws: WebSocket;
    try {
      ws = new WebSocket(socketUrl);
    } catch {
      // Blocked by the page's policy or unsupported: HTTP polling carries the chat.
      schedulePoll();
      return;
    }
    socket = ws;
    const hello = token;
    ws.onopen = () => {
      ws.send(JSON.stringify({ type: 'hello', token: hello }));
      socketReady = true;
      attempt = 0;
      stopPolling();
      catchUp();
      handlers.onOpen();
    };
    ws.onmessage = (event: MessageEvent<unknown>) => {
      const frame = parseServerFrame(event.data);
      if (frame?.kind === 'message') handlers.onMessage(frame.message);
      else if (frame?.kind === 'ack') handlers.onAck(frame.turnId);
      else if (frame?.kind === 'typing') handlers.onTyping();
      else if (frame?.kind === 'status') handlers.onStatus(frame.text);
      else if (frame?.kind === 'error') handlers.onServerError(frame.code);
    };
    ws.onclose = (event: CloseEvent) => {
      if (socket !== ws) return;
      socket = null;
      socketReady = false;
      if (event.code === unauthorizedCloseCode) {
        unauthorized();
        return;
      }
      handlers.onSocketDown();
      schedulePoll();
      scheduleReconnect();
    };
  }

  function scheduleReconnect(): void {
    if (token === null || reconnectTimer !== 0) return;
    const base = Math.min(maxBackoffMs, 1_000 * 2 ** attempt);
    attempt += 1;
    reconnectTimer = window.setTimeout(() => {
      reconnectTimer = 0;
      connect();
    }, base * (0.8 + Math.random() * 0.4));
  }

  function schedulePoll(): void {
    if (token === null || socketReady || !active || pollTimer !== 0) return;
    pollTimer = window.setTimeout(() => {
      pollTimer = 0;
      catchUp();
      schedulePoll();
    }, pollEveryMs);
  }

  function stopPolling(): void {
    window.clearTimeout(pollTimer);
    pollTimer = 0;
  }

  function catchUp(): void {
    if (token === null || catchingUp) return;
    catchingUp = true;
    const asked = token;
    const after = lastId();
    api
      .fetchMessages(asked, after)
      // A refused `after` (say, an id the server no longer knows): ask for everything; ids dedupe it.
      .catch((error: unknown) => {
        if (after !== undefined && error instanceof ApiError && error.status === 400) return api.fetchMessages(asked, undefined);
        throw error;
      })
      .then((entries) => {
        // The session may have been dropped or replaced meanwhile: its messages no longer belong here.
        if (token !== asked) return;
        handlers.onReachable(true);
        for (const entry of entries) {
          if (entry.kind === 'bot') handlers.onMessage(entry.message);
          else handlers.onPersonLine(entry.line);
        }
      })
      .catch((error: unknown) => {
        if (token !== asked) return;
        if (error instanceof ApiError && error.status === 401) unauthorized();
        else if (!(error instanceof ApiError) || error.status === 0 || error.status >= 500) handlers.onReachable(false, error instanceof ApiError && error.code === 'STORE_UNAVAILABLE');
      })
      .finally(() => {
        catchingUp = false;
      });
  }

  function stop(): void {
    token = null;
    socketReady = false;
    stopPolling();
    window.clearTimeout(reconnectTimer);
    reconnectTimer = 0;
    const ws = socket;
    socket = null;
    if (ws) {
      ws.onclose = null;
      ws.close(1000);
    }
  }

  // A phone coming back online should not wait out the backoff.
  window.addEventListener('online', () => {
    if (token === null || socket !== null) return;
    window.clearTimeout(reconnectTimer);
    reconnectTimer = 0;
    attempt = 0;
    connect();
  });

  return {
    start(newToken) {
      stop();
      token = newToken;
      connect();
    },
    stop,
    setActive(isActive) {
      active = isActive;
      if (!active) stopPolling();
      else if (token !== null && !socketReady) {
        catchUp();
        schedulePoll();
      }
    },
    sendFrame(turn) {
      if (!socketReady || socket === null || socket.readyState !== WebSocket.OPEN) return false;
      try {
        socket.send(JSON.stringify({ type: 'message', ...turn }));
        return true;
      } catch {
        return false;
      }
    },
    sendTyping() {
      if (!socketReady || socket === null || socket.readyState !== WebSocket.OPEN) return;
      try {
        socket.send(JSON.stringify({ type: 'typing' }));
      } catch {
        // A lost typing signal does not matter.
      }
    },
    catchUp,
  };
}
