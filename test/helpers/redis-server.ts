import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';

/**
 * A throwaway redis-server on a free loopback port, without persistence: for the Redis-backed tests
 * (redis-global-setup.ts) and the benchmarks. Stops with the process if nobody calls stop().
 */

const startTimeoutMs = 10_000;
const stopTimeoutMs = 5_000;

const installHint =
  'redis-server was not found on PATH. The Redis-backed tests (*.redis.test.ts) start their own throwaway ' +
  'server. Install it with `sudo apt-get install redis-server` (Debian/Ubuntu) or `brew install redis` (macOS), ' +
  'or set REDIS_URL to a Redis you may write test keys to.';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
  /** Freezes the server (SIGSTOP): it keeps its connections open but answers nothing, as a hung Redis does. */
  pause(): void;
  /** Lets a paused server run again (SIGCONT); it then answers what it was sent. */
  resume(): void;
}

/**
 * `extraArgs` go to redis-server after the defaults (e.g. cluster mode); `pickPort` finds the port to try
 * (default: any free loopback port).
 */
export async function startRedisServer(
  extraArgs: (port: number) => readonly string[] = () => [],
  pickPort: () => Promise<number> = freeLoopbackPort,
): Promise<RunningServer> {
  // A free port can be taken between probing and binding, so try a few.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await pickPort();
    try {
      return await startOn(port, extraArgs(port));
    } catch (error) {
      if (error instanceof RedisServerMissing) throw error;
      lastError = error;
    }
  }
  throw new Error('Could not start redis-server for the tests.', { cause: lastError });
}

export class RedisServerMissing extends Error {}

/** A throwaway redis-server on a given port: to bring one back where it was (the fault tests stop and restart it). */
export function startRedisServerOn(port: number, extraArgs: readonly string[] = []): Promise<RunningServer> {
  return startOn(port, extraArgs);
}

async function startOn(port: number, extraArgs: readonly string[]): Promise<RunningServer> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // If vitest dies without running teardown, do not leave the server behind.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new RedisServerMissing(installHint) : error);
    });
    child.once('exit', (code, signal) => {
      reject(new Error(`redis-server exited early (code ${code}, signal ${signal}):\n${output}`));
    });
  });
  exited.catch(() => undefined);

  try {
    await Promise.race([waitForPong(port), exited]);
  } catch (error) {
    process.off('exit', killOnExit);
    await stopChild(child);
    throw error;
  }

  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      process.off('exit', killOnExit);
      // A paused server would not act on SIGTERM until it runs again.
      child.kill('SIGCONT');
      await stopChild(child);
    },
    pause() {
      child.kill('SIGSTOP');
    },
    resume() {
      child.kill('SIGCONT');
    },
  };
}

async function waitForPong(port: number): Promise<void> {
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (await answersPing(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server on port ${port} did not answer PING within ${startTimeoutMs} ms.`);
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

/** A loopback port nobody listens on now (`port` 0 lets the system choose; another number checks that one). */
export function freeLoopbackPort(port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('Could not find a free port.'));
      });
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  // No pid: it never started (e.g. ENOENT), so there is nothing to stop or wait for.
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
  await exited;
  clearTimeout(timer);
}
