import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Locale } from '../../shared/locale-registry.js';
import type { Clock } from '../../shared/clock.js';
import type { Drain } from '../../shared/drain.js';
import { HuurhulpError, errorCodes } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { isMessageId } from '../../store/message-id.js';
import type { RevokedConversations } from '../../store/revoked-conversations.js';
import { isStoreUnavailable } from '../../store/store-unavailable.js';
import type { LoggedMessage, MessageLog, ReplyBus } from '../../store/session-store.js';
import { verifyToken } from './session-token.js';
import type { WebChannel } from './web-channel.js';
import { helloSchema, webTurnSchema } from './web-input.js';
import { webInput } from './web-routes.js';
import { judgeOrigin, type WidgetOrigins } from './widget-origins.js';
import type { Metrics } from '../../shared/metrics.js';

export const WS_PATH = '/ws';
export const CLOSE_UNAUTHORIZED = 4401;
/** The server shuts down: the widget reconnects (to another process behind the balancer). */
export const CLOSE_GOING_AWAY = 1001;
const HELLO_TIMEOUT_MS = 10_000;
const HEARTBEAT_MS = 30_000;
/**
 * Frames other than turns (typing signals, junk) per socket per 10 s; more is a script. Turns themselves are limited
 * per conversation in the store (TURN_RATE_LIMIT), over HTTP and every socket together.
 */
const MAX_OTHER_FRAMES_PER_10S = 20;

export interface WebSocketDeps {
  readonly channel: WebChannel;
  readonly messages: MessageLog;
  readonly bus: ReplyBus;
  readonly secret: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The person is typing (ephemeral; forwarded to a volunteer who holds the chat). */
  readonly onTyping?: (conversationId: string) => Promise<void>;
  /** On a graceful shutdown every socket finishes the frames it took, then closes with 1001. */
  readonly drain?: Drain;
  /** Conversations deleted on request: their tokens are refused (close 4401). */
  readonly revoked?: RevokedConversations;
  /** The sites that may open the socket (WIDGET_ORIGINS); default: our own origin only. */
  readonly origins?: WidgetOrigins;
  /** Counts open sockets (GET /metrics). */
  readonly metrics?: Metrics;
  /** How often every socket is pinged; one that has not answered by the next ping is closed (tests shorten it). */
  readonly heartbeatMs?: number;
}

/**
 * The widget's live connection. The first frame must be `{type:"hello", token}`; anything else, or a bad token,
 * closes with 4401. Replies reach the socket through the reply bus, so any process may have handled the turn.
 */
export function attachWebSocket(server: Server, deps: WebSocketDeps): { close(): Promise<void> } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const log = deps.logger.child({ module: 'ws' });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (deps.drain?.draining === true || new URL(req.url ?? '/', 'http://x').pathname !== WS_PATH) {
      socket.destroy();
      return;
    }
    // Browsers always send Origin on a websocket; another site's page is refused before the upgrade.
    if (judgeOrigin(deps.origins ?? { allowed: [] }, req.headers.origin, req.headers.host) === 'refused') {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws));
  };
  server.on('upgrade', onUpgrade);

  const send = (ws: WebSocket, frame: unknown): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const sendError = (ws: WebSocket, e: unknown): void => {
    const code = e instanceof HuurhulpError ? e.code : isStoreUnavailable(e) ? 'STORE_UNAVAILABLE' : 'INTERNAL';
    send(ws, { type: 'error', error: { code, message: e instanceof HuurhulpError ? e.message : errorCodes[code].message } });
  };

  // One socket's state, in one small object: an idle conversation should cost little (issue #12 asks for 10,000 of
  // them in 300 MB). The event handlers are shared by every socket and find the state through `connections`.
  interface Connection {
    claims: { conversationId: string; locale: Locale } | null;
    unsubscribe: (() => Promise<void>) | null;
    /** Times of this socket's recent frames other than turns (null until the first). */
    frames: number[] | null;
    /** Frames of one socket are handled one after another: quick clicks stay in order, and a frame right behind
     * the hello waits until the reply subscription is in place. */
    queue: Promise<void>;
    /** Until the hello has come; dropped after it. */
    helloTimer: NodeJS.Timeout | null;
    /** Pinged by the last heartbeat and not answered yet. */
    awaitingPong: boolean;
  }
  const connections = new Map<WebSocket, Connection>();

  // One heartbeat for all sockets instead of a timer each: every sweep closes the sockets that did not answer the
  // previous sweep's ping and pings the others, so a dead peer is gone within two sweeps, as before.
  const heartbeat = setInterval(() => {
    for (const [ws, conn] of connections) {
      if (conn.awaitingPong) {
        ws.terminate();
        continue;
      }
      conn.awaitingPong = true;
      ws.ping();
    }
  }, deps.heartbeatMs ?? HEARTBEAT_MS);
  // The sockets keep the process alive, not their heartbeat.
  heartbeat.unref();
  function onPong(this: WebSocket): void {
    const conn = connections.get(this);
    if (conn !== undefined) conn.awaitingPong = false;
  }
  // ws emits 'error' for an oversized or malformed frame and then closes (1009/1002); an 'error' event
  // without a listener would throw and take the whole process down.
  const onError = (e: Error): void => log.info({ err: e }, 'websocket closed on a bad frame');
  function onClose(this: WebSocket): void {
    const conn = connections.get(this);
    if (conn === undefined) return;
    connections.delete(this);
    deps.metrics?.socket(-1);
    if (conn.helloTimer !== null) clearTimeout(conn.helloTimer);
    void conn.unsubscribe?.().catch(() => undefined);
  }
  function onMessage(this: WebSocket, data: RawData): void {
    const conn = connections.get(this);
    // Draining: frames already taken are answered, later ones are left to the widget, which resends what was not
    // acknowledged once it has reconnected elsewhere.
    if (conn === undefined || deps.drain?.draining === true) return;
    conn.queue = conn.queue.then(() => handleFrame(this, conn, data));
  }
  const frameOf = (m: LoggedMessage): Record<string, unknown> => ({ id: m.id, ...(typeof m.body === 'object' && m.body !== null ? m.body : {}) });
  // Made here, not inside the frame handler, so the subscription keeps only its socket (not the hello frame).
  const relayTo =
    (ws: WebSocket) =>
    (m: LoggedMessage): void =>
      send(ws, frameOf(m));
  // On a graceful shutdown every socket finishes the frames it took, then closes with 1001.
  deps.drain?.onDrain(async () => {
    await Promise.all(
      [...connections].map(async ([ws, conn]) => {
        await conn.queue;
        ws.close(CLOSE_GOING_AWAY, 'server shutting down');
      }),
    );
  });

  function serve(ws: WebSocket): void {
    if (deps.drain?.draining === true) {
      ws.close(CLOSE_GOING_AWAY, 'server shutting down');
      return;
    }
    const conn: Connection = {
      claims: null,
      unsubscribe: null,
      frames: null,
      queue: Promise.resolve(),
      helloTimer: setTimeout(() => ws.close(CLOSE_UNAUTHORIZED, 'hello expected'), HELLO_TIMEOUT_MS),
      awaitingPong: false,
    };
    connections.set(ws, conn);
    deps.metrics?.socket(1);
    ws.on('pong', onPong);
    ws.on('error', onError);
    ws.on('close', onClose);
    ws.on('message', onMessage);
  }

  const handleFrame = (ws: WebSocket, conn: Connection, data: RawData): Promise<void> =>
    (async () => {
      let json: unknown;
      try {
        json = JSON.parse(data.toString());
      } catch {
        return conn.claims === null ? ws.close(CLOSE_UNAUTHORIZED, 'hello expected') : sendError(ws, new HuurhulpError('BAD_REQUEST'));
      }
      if (conn.claims === null) {
        const hello = helloSchema.safeParse(json);
        const verified = hello.success ? verifyToken(deps.secret, hello.data.token, deps.clock.now().getTime()) : null;
        if (!hello.success || verified === null) return ws.close(CLOSE_UNAUTHORIZED, 'invalid token');
        if ((await deps.revoked?.isRevoked(verified.conversationId)) === true) return ws.close(CLOSE_UNAUTHORIZED, 'conversation deleted');
        if (conn.helloTimer !== null) clearTimeout(conn.helloTimer);
        conn.helloTimer = null;
        conn.claims = verified;
        const cid = verified.conversationId;
        conn.unsubscribe = await deps.bus.subscribe(cid, relayTo(ws));
        // Closed while subscribing: the close handler found nothing to unsubscribe yet.
        if (!connections.has(ws)) void conn.unsubscribe().catch(() => undefined);
        if (hello.data.after !== undefined && !isMessageId(hello.data.after)) {
          // The token is fine, so the socket stays: the client hears its `after` was refused and can catch up over HTTP.
          sendError(ws, new HuurhulpError('BAD_REQUEST', 'after must be a message id.'));
        } else if (hello.data.after !== undefined) {
          for (const m of await deps.messages.list(cid, hello.data.after)) send(ws, frameOf(m));
        }
        send(ws, { type: 'ready' });
        return;
      }
      const claims = conn.claims;
      const isTurn = typeof json === 'object' && json !== null && 'type' in json && json.type === 'message';
      if (!isTurn) {
        const now = Date.now();
        const frames = (conn.frames ?? []).filter((t) => now - t < 10_000);
        frames.push(now);
        conn.frames = frames;
        if (frames.length > MAX_OTHER_FRAMES_PER_10S) return sendError(ws, new HuurhulpError('RATE_LIMITED'));
      }
      if (typeof json === 'object' && json !== null && 'type' in json && json.type === 'typing') {
        await deps.onTyping?.(claims.conversationId);
        return;
      }
      const turn = webTurnSchema.safeParse(json);
      if (!turn.success) return sendError(ws, new HuurhulpError('VALIDATION_FAILED', undefined, turn.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)));
      send(ws, { type: 'typing' });
      const result = await deps.channel.receive(claims.conversationId, webInput(turn.data), claims.locale);
      // The live channel failed: the replies (the calm error message) go to this socket directly.
      if (!result.published) for (const m of result.messages) send(ws, m);
      // Only a kept turn is acknowledged: the widget resends what is not, after a reconnect.
      if (turn.data.turnId !== undefined && result.applied) send(ws, { type: 'ack', turnId: turn.data.turnId });
    })().catch((e: unknown) => {
      log.warn({ err: e }, 'websocket frame failed');
      sendError(ws, e);
    });

  return {
    async close() {
      clearInterval(heartbeat);
      server.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
