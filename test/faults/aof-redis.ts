import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@redis/client';
import { waitFor } from '../helpers/wait-for.js';

/** A throwaway redis-server with AOF on, that can be restarted on the same port with the same data. */
export interface AofRedis {
  readonly url: string;
  /** SIGTERM (Redis writes the AOF on shutdown), then start again on the same port and directory. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startAofRedis(): Promise<AofRedis> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hh-aof-'));
  const port = await new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const a = probe.address();
      probe.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', ''], { stdio: 'ignore' });
    let up = false;
    const deadline = Date.now() + 10_000;
    while (!up && Date.now() < deadline) {
      const c = createClient({ url, socket: { reconnectStrategy: false } });
      c.on('error', () => undefined);
      up = await c.connect().then(
        async () => (await c.ping()) === 'PONG' && (await c.close(), true),
        () => false,
      );
      if (!up) await new Promise((r) => setTimeout(r, 50));
    }
    if (!up) throw new Error('redis-server (AOF) did not start');
  };
  const stopChild = async (): Promise<void> => {
    const c = child;
    child = null;
    if (c === null || c.exitCode !== null) return;
    let exited = false;
    c.once('exit', () => (exited = true));
    c.kill('SIGTERM');
    await waitFor(() => exited, 'redis-server to stop', 10_000);
  };
  await start();
  return {
    url,
    async restart(downMs = 300) {
      await stopChild();
      await new Promise((r) => setTimeout(r, downMs));
      await start();
    },
    async stop() {
      await stopChild();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
