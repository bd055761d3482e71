import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, inject, test } from 'vitest';
import { StoreError } from '../../src/shared/errors.js';
import { connectRedis, describeRedisUrl, type RedisClient } from '../../src/store/connect-redis.js';
import { sleep, waitFor } from '../helpers/wait-for.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A TCP server that accepts connections and then says nothing (or hangs up at once). */
async function fakeServer(
  behaviour: 'silent' | 'hang-up',
): Promise<{ port: number; connections: () => number; open: () => number }> {
  const sockets: Socket[] = [];
  let connections = 0;
  let open = 0;
  const server: Server = createServer((socket) => {
    connections += 1;
    open += 1;
    sockets.push(socket);
    socket.on('close', () => (open -= 1));
    // Read (and ignore) what the client sends, so its hang-up is noticed.
    socket.resume();
    if (behaviour === 'hang-up') socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return { port: address.port, connections: () => connections, open: () => open };
}

/** A loopback port that nothing listens on (it was free a moment ago). */
async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function failureOf(promise: Promise<RedisClient>): Promise<StoreError> {
  const error: unknown = await promise.then(
    async (client) => {
      await client.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  if (!(error instanceof StoreError)) throw new Error(`expected a StoreError, got ${String(error)}`);
  return error;
}

describe('connectRedis', () => {
  test('connects to a live Redis and the client works', async () => {
    const client = await connectRedis(inject('redisUrl'), { timeoutMs: 2000 });
    cleanups.push(() => client.close());
    expect(await client.ping()).toBe('PONG');
  });

  test('a refused port fails fast with STORE_UNAVAILABLE and no retry loop', async () => {
    const port = await unusedPort();
    const started = Date.now();
    const error = await failureOf(connectRedis(`redis://127.0.0.1:${port}`, { timeoutMs: 1000 }));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error.code).toBe('STORE_UNAVAILABLE');
    expect(error.message).toContain(`redis://127.0.0.1:${port}`);
  });

  test('a server that never answers fails after the timeout', async () => {
    const server = await fakeServer('silent');
    const started = Date.now();
    const error = await failureOf(connectRedis(`redis://127.0.0.1:${server.port}`, { timeoutMs: 300 }));
    const took = Date.now() - started;
    expect(error.code).toBe('STORE_UNAVAILABLE');
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(1500);
    // The half-open connection is closed, not left behind.
    await waitFor(() => server.open() === 0, 'the abandoned connection to close');
    expect(server.connections()).toBe(1);
  });

  test('a server that hangs up is tried once, not in a loop', async () => {
    const server = await fakeServer('hang-up');
    const error = await failureOf(connectRedis(`redis://127.0.0.1:${server.port}`, { timeoutMs: 1000 }));
    expect(error.code).toBe('STORE_UNAVAILABLE');
    await sleep(400);
    expect(server.connections()).toBe(1);
  });

  test('never puts the password of the URL in the error', async () => {
    const { port } = await fakeServer('hang-up');
    const error = await failureOf(connectRedis(`redis://user:s3cret-pw@127.0.0.1:${port}/0`, { timeoutMs: 500 }));
    expect(error.message).not.toContain('s3cret-pw');
    expect(error.message).toContain(`redis://127.0.0.1:${port}`);
  });

  test('refuses a URL that is not redis:// or rediss://', async () => {
    for (const url of ['not a url', 'http://127.0.0.1:6379']) {
      const error = await failureOf(connectRedis(url, { timeoutMs: 200 }));
      expect(error.code).toBe('STORE_UNAVAILABLE');
      expect(error.message).toMatch(/redis:\/\/ or rediss:\/\//);
    }
  });

  test('describeRedisUrl keeps only scheme, host and port', () => {
    expect(describeRedisUrl('rediss://default:pw@cache.example:6380/2')).toBe('rediss://cache.example:6380');
    expect(describeRedisUrl('::nonsense::')).toBe('(invalid URL)');
  });
});
