import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createClient } from '@redis/client';
import { freeLoopbackPort, startRedisServer, type RunningServer } from './redis-server.js';

const run = promisify(execFile);
const readyTimeoutMs = 20_000;
/** Redis Cluster talks between nodes on the client port + 10000. */
const busOffset = 10_000;

export interface RunningCluster {
  /** `127.0.0.1:<port>` of every master. */
  readonly nodes: readonly { readonly host: string; readonly port: number }[];
  stop(): Promise<void>;
}

/**
 * A throwaway Redis Cluster of `masters` masters (no replicas) on free loopback ports, without persistence:
 * redis-server --cluster-enabled yes per node, then `redis-cli --cluster create … --cluster-yes`, then waits
 * until every node reports cluster_state:ok.
 */
export async function startRedisCluster(masters = 3): Promise<RunningCluster> {
  const dir = await mkdtemp(path.join(tmpdir(), 'huurhulp-cluster-'));
  const servers: RunningServer[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(servers.map((s) => s.stop()));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters; i++) {
      servers.push(
        await startRedisServer(
          (port) => ['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '5000', '--dir', dir],
          portWithFreeBus,
        ),
      );
    }
    const addresses = servers.map((s) => `127.0.0.1:${s.port}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], { timeout: readyTimeoutMs });
    await Promise.all(servers.map((s) => waitForClusterOk(s.url)));
    return { nodes: servers.map((s) => ({ host: '127.0.0.1', port: s.port })), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A free port below 55536 whose bus port (+10000) is free as well. */
async function portWithFreeBus(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 35_000);
    try {
      await freeLoopbackPort(port);
      await freeLoopbackPort(port + busOffset);
      return port;
    } catch {
      // Taken: try another.
    }
  }
  throw new Error('No free port pair for a cluster node.');
}

async function waitForClusterOk(url: string): Promise<void> {
  const client = createClient({ url, socket: { reconnectStrategy: false } });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const deadline = Date.now() + readyTimeoutMs;
    while (Date.now() < deadline) {
      if ((await client.clusterInfo()).includes('cluster_state:ok')) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Redis Cluster node ${url} did not reach cluster_state:ok within ${readyTimeoutMs} ms.`);
  } finally {
    await client.close();
  }
}
