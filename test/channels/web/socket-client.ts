import WebSocket from 'ws';
import { waitFor } from '../../helpers/wait-for.js';

/** A test client for /ws: every frame the server sends is kept, parsed, in order. */
export interface TestSocket {
  readonly ws: WebSocket;
  readonly frames: unknown[];
  /** Resolves with the close code once the socket is closed. */
  readonly closed: Promise<number>;
  send(frame: unknown): void;
  /** Waits until `count` frames of `type` have arrived; returns them. */
  frameOfType(type: string, count?: number, timeoutMs?: number): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function framesOfType(frames: readonly unknown[], type: string): Record<string, unknown>[] {
  return frames.filter(isRecord).filter((f) => f['type'] === type);
}

export async function openSocket(httpUrl: string): Promise<TestSocket> {
  const ws = new WebSocket(`${httpUrl.replace(/^http/, 'ws')}/ws`);
  const frames: unknown[] = [];
  ws.on('message', (data: WebSocket.RawData) => {
    frames.push(JSON.parse(data.toString()));
  });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    frames,
    closed,
    send(frame) {
      ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
    },
    async frameOfType(type, count = 1, timeoutMs = 2000) {
      await waitFor(() => framesOfType(frames, type).length >= count, `${count} "${type}" frame(s); got ${JSON.stringify(frames)}`, timeoutMs);
      return framesOfType(frames, type);
    },
    async close() {
      if (ws.readyState === WebSocket.CLOSED) return;
      ws.close();
      await closed;
    },
  };
}

/** Opens a socket and says hello; resolves once the server answered `ready`. */
export async function helloSocket(httpUrl: string, token: string, after?: string): Promise<TestSocket> {
  const socket = await openSocket(httpUrl);
  socket.send({ type: 'hello', token, ...(after !== undefined ? { after } : {}) });
  await socket.frameOfType('ready');
  return socket;
}
