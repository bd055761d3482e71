import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, inject, test } from 'vitest';
import { StoreError } from '../../src/shared/errors.js';
import { connectRedis, describeRedisUrl, isCluster, redisCommandTimeoutMs, type RedisClient } from '../../src/store/connect-redis.js';
import { luaScript, runScript } from '../../src/store/run-script.js';
import { isStoreUnavailable } from '../../src/store/store-unavailable.js';
import { startRedisServer } from '../helpers/redis-server.js';
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

describe('connectRedis: a Redis that stops answering after the connection is made', () => {
  test('every kind of call fails as STORE_UNAVAILABLE within the deadline, and works again once Redis answers', async () => {
    const redis = await startRedisServer();
    cleanups.push(() => redis.stop());
    const client = await connectRedis(redis.url, { timeoutMs: 2000 });
    cleanups.push(() => client.close().catch(() => undefined));
    const script = luaScript("return redis.call('GET', KEYS[1])");
    expect(await runScript(client, script, ['hung:k'], [])).toBeNull();

    redis.pause();
    const started = performance.now();
    const calls: Record<string, Promise<unknown>> = {
      named: client.get('hung:k'),
      raw: isCluster(client) ? Promise.resolve() : client.sendCommand(['GET', 'hung:k']),
      multi: client.multi().set('hung:k', 'v').expire('hung:k', 60).exec(),
      script: runScript(client, script, ['hung:k'], []),
    };
    const outcomes = await Promise.all(Object.entries(calls).map(async ([name, call]) => [name, await call.then(() => 'answered', (e: unknown) => e), performance.now() - started] as const));
    for (const [name, outcome, ms] of outcomes) {
      expect(outcome instanceof StoreError && outcome.code, name).toBe('STORE_UNAVAILABLE');
      expect(isStoreUnavailable(outcome), name).toBe(true);
      expect(ms, name).toBeGreaterThanOrEqual(redisCommandTimeoutMs - 50);
      expect(ms, name).toBeLessThan(redisCommandTimeoutMs + 1000);
    }

    redis.resume();
    // The late answers arrive in order and are dropped; the connection goes on.
    expect(await client.ping()).toBe('PONG');
    expect(await client.get('hung:k')).toBe('v');
  }, 15_000);
});
