import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of Redis that counts what a client really sends: commands (RESP arrays, so an EVALSHA is one
 * command whatever its script does inside) and round trips (a burst of client writes after an answer from the server).
 */
export interface CountingProxy {
  readonly url: string;
  /** Commands and round trips since the last reset, with the command names in order. */
  counts(): { commands: number; roundTrips: number; names: string[] };
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const { hostname, port } = new URL(target);
  let names: string[] = [];
  let roundTrips = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect({ host: hostname, port: Number(port) });
    sockets.add(client);
    sockets.add(upstream);
    let lastFromServer = true;
    let pending: Buffer = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      if (lastFromServer) roundTrips++;
      lastFromServer = false;
      pending = Buffer.concat([pending, chunk]);
      pending = parseCommands(pending, (name) => names.push(name));
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      lastFromServer = true;
      client.write(chunk);
    });
    const end = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    url: `redis://127.0.0.1:${address.port}`,
    counts: () => ({ commands: names.length, roundTrips, names: [...names] }),
    reset() {
      names = [];
      roundTrips = 0;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Reads complete RESP arrays of bulk strings (how clients send commands) from `buf`; returns what is left over. */
function parseCommands(buf: Buffer, onCommand: (name: string) => void): Buffer {
  let at = 0;
  for (;;) {
    const start = at;
    const header = readLine(buf, at);
    if (header === null) return buf.subarray(start);
    if (!header.line.startsWith('*')) throw new Error(`unexpected RESP from the client: ${header.line}`);
    const n = Number(header.line.slice(1));
    at = header.next;
    let name = '';
    let complete = true;
    for (let i = 0; i < n; i++) {
      const len = readLine(buf, at);
      if (len === null) {
        complete = false;
        break;
      }
      const size = Number(len.line.slice(1));
      if (len.next + size + 2 > buf.length) {
        complete = false;
        break;
      }
      if (i === 0) name = buf.subarray(len.next, len.next + size).toString().toUpperCase();
      at = len.next + size + 2;
    }
    if (!complete) return buf.subarray(start);
    onCommand(name);
  }
}

function readLine(buf: Buffer, at: number): { line: string; next: number } | null {
  const end = buf.indexOf('\r\n', at);
  return end < 0 ? null : { line: buf.subarray(at, end).toString(), next: end + 2 };
}
