import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { issueToken } from '../../../src/channels/web/session-token.js';
import { webCapabilities, type WebChannel } from '../../../src/channels/web/web-channel.js';
import { attachWebSocket } from '../../../src/channels/web/web-socket.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createLogger } from '../../../src/shared/logger.js';
import { MemoryMessageLog } from '../../../src/store/memory-message-log.js';
import { MemoryReplyBus } from '../../../src/store/memory-reply-bus.js';
import type { ReplyBus } from '../../../src/store/session-store.js';
import { sleep, waitFor } from '../../helpers/wait-for.js';

const secret = randomBytes(32).toString('base64url');
const HEARTBEAT_MS = 60;
const noTurns = async (): Promise<never> => {
  throw new Error('no turns in this test');
};
const channel: WebChannel = { receive: noTurns, adapter: { id: 'web', capabilities: webCapabilities, deliver: noTurns } };

describe('the websocket heartbeat (one sweep for every socket)', () => {
  let server: Server;
  let sockets: { close(): Promise<void> };
  let url: string;
  let subscribed = 0;
  const clients: WebSocket[] = [];

  beforeEach(async () => {
    const inner = new MemoryReplyBus();
    // Counts the live reply subscriptions: a closed socket must let go of its own.
    const bus: ReplyBus = {
      publish: (id, m) => inner.publish(id, m),
      async subscribe(id, onMessage) {
        const unsubscribe = await inner.subscribe(id, onMessage);
        subscribed++;
        return async () => {
          subscribed--;
          await unsubscribe();
        };
      },
    };
    server = createServer();
    const messages = new MemoryMessageLog({ clock: systemClock, ttlSeconds: 3600 });
    sockets = attachWebSocket(server, { channel, messages, bus, secret, clock: systemClock, logger: createLogger('silent'), heartbeatMs: HEARTBEAT_MS });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `ws://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/ws`;
  });
  afterEach(async () => {
    for (const ws of clients.splice(0)) ws.terminate();
    await sockets.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    subscribed = 0;
  });

  const connect = async (conversationId: string, autoPong: boolean): Promise<{ ws: WebSocket; closed: Promise<number> }> => {
    const ws = new WebSocket(url, { autoPong });
    clients.push(ws);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const ready = new Promise<void>((resolve) => ws.once('message', () => resolve()));
    ws.send(JSON.stringify({ type: 'hello', token: issueToken(secret, { conversationId, locale: 'nl', exp: Math.floor(Date.now() / 1000) + 3600 }) }));
    await ready;
    return { ws, closed };
  };

  it('keeps a socket that answers the pings, and closes one that does not within two sweeps, releasing its subscription', async () => {
    const live = await connect('aaaaaaaaaa', true);
    const dead = await connect('bbbbbbbbbb', false);
    let pings = 0;
    live.ws.on('ping', () => pings++);
    expect(subscribed).toBe(2);
    // No pong ever comes back from `dead`: the sweep after its first ping closes it (the client sees 1006).
    expect(await Promise.race([dead.closed, sleep(2000).then(() => 'still open')])).toBe(1006);
    await waitFor(() => subscribed === 1, 'the dead socket released its subscription', 2000);
    await waitFor(() => pings >= 4, 'four more pings on the live socket', 2000);
    expect(live.ws.readyState).toBe(WebSocket.OPEN);
  });
});
