import { createClient, createCluster, type RedisClientType, type RedisClusterType } from '@redis/client';
import { StoreError } from '../shared/errors.js';
import { AnswerDeadline } from './answer-deadline.js';
import { withAnswerDeadline } from './with-answer-deadline.js';

/**
 * The node-redis client type every Redis-backed store takes: one Redis, or a Redis Cluster. The stores only
 * use commands both route the same way (every MULTI and script keeps its keys in one slot, see store-keys.ts).
 */
export type RedisClient = RedisClientType | RedisClusterType;

const clusters = new WeakMap<RedisClient, boolean>();

/** True for a Redis Cluster connection (REDIS_CLUSTER_NODES). Asked on every script call, so remembered per client. */
export function isCluster(client: RedisClient): client is RedisClusterType {
  let cluster = clusters.get(client);
  if (cluster === undefined) {
    cluster = 'masters' in client;
    clusters.set(client, cluster);
  }
  return cluster;
}

export interface ConnectRedisOptions {
  /** How long the first connection may take before giving up. Default 2000 ms. */
  readonly timeoutMs?: number;
  /** Connection errors after startup (commands also reject, so this is for logging only). */
  readonly onError?: (error: Error) => void;
}

const defaultTimeoutMs = 2000;
/** A Redis that is back is found within this (issue #11 finding 2: recover by itself, soon). */
const maxReconnectDelayMs = 2000;
/**
 * A backstop for a Redis that accepts the connection but does not answer (paused, a half-open socket): the
 * command fails as unavailable instead of hanging the request (see answer-deadline.ts). A stopped Redis fails
 * faster: see failFast.
 */
export const redisCommandTimeoutMs = 3000;
/**
 * Commands waiting on one connection. While Redis hangs, every turn adds a few until the deadline fails them,
 * and the client keeps them until an answer or a closed socket: the cap bounds that memory, and a full queue
 * fails at once as unavailable. Ordinary load keeps a few hundred in flight.
 */
const maxQueuedCommands = 20_000;

/**
 * While reconnecting, commands fail at once (503 STORE_UNAVAILABLE) instead of waiting in a queue for Redis to
 * come back: a person sees "we can't save messages right now" within a second, not a spinner for minutes.
 * node-redis's own command timeout is off (0): it only covers a command until it is written, and it costs a timer
 * per command; the answer deadline replaces it.
 */
const failFast = { disableOfflineQueue: true, commandsQueueMaxLength: maxQueuedCommands, commandOptions: { timeout: 0 } } as const;

/** `redis://host:port` without user, password or path, safe to put in an error or a log line. */
export function describeRedisUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(invalid URL)';
  }
  return `${parsed.protocol}//${parsed.host}`;
}

/**
 * Connects to Redis or throws StoreError('STORE_UNAVAILABLE') within about `timeoutMs`.
 * A failed first connection is not retried (so STORE=auto can fall back to memory fast);
 * once connected, a dropped connection is retried with backoff, so a Redis restart is survived.
 */
export async function connectRedis(url: string, options: ConnectRedisOptions = {}): Promise<RedisClient> {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const where = describeRedisUrl(url);
  if (!/^rediss?:$/.test(safeProtocol(url))) {
    throw new StoreError('STORE_UNAVAILABLE', `The Redis URL ${where} must start with redis:// or rediss://.`);
  }

  const state = { connected: false };
  const client: RedisClientType = createClient({ url, ...failFast, socket: { connectTimeout: timeoutMs, reconnectStrategy: reconnectAfterStart(state) } });
  return connectOrGiveUp(client, state, options, `Redis at ${where}`);
}

/** A failed first connection is given up (its cause returned); a dropped one is retried with backoff. */
function reconnectAfterStart(state: { connected: boolean }) {
  return (retries: number, cause: Error): number | Error =>
    state.connected ? Math.min(100 * 2 ** Math.min(retries, 10), maxReconnectDelayMs) : cause;
}

async function connectOrGiveUp<C extends RedisClient>(client: C, state: { connected: boolean }, options: ConnectRedisOptions, what: string): Promise<C> {
  // Without a listener node-redis would crash the process on the first socket error.
  client.on('error', (error: unknown) => {
    if (error instanceof Error) options.onError?.(error);
  });
  try {
    await withinTimeout(client.connect(), options.timeoutMs ?? defaultTimeoutMs);
    state.connected = true;
    const deadline = new AnswerDeadline(redisCommandTimeoutMs, (count) => {
      options.onError?.(new StoreError('STORE_UNAVAILABLE', `${what} did not answer ${count} command(s) within ${redisCommandTimeoutMs} ms.`));
    });
    return withAnswerDeadline(client, deadline);
  } catch (cause) {
    // Idempotent in node-redis 6, and also ends a socket stuck in the handshake.
    client.destroy();
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new StoreError('STORE_UNAVAILABLE', `${what} is not reachable: ${reason}.`, { cause });
  }
}

/** One Redis Cluster node to discover the cluster from. */
export interface ClusterNode {
  readonly host: string;
  readonly port: number;
}

/**
 * Connects to a Redis Cluster (node-redis createCluster) through the given nodes, or throws
 * StoreError('STORE_UNAVAILABLE') within about `timeoutMs`. `credentialsUrl` (REDIS_URL) lends its user,
 * password and TLS (`rediss://`) to every node; its host is not used.
 */
export async function connectRedisCluster(
  nodes: readonly ClusterNode[],
  options: ConnectRedisOptions & { readonly credentialsUrl?: string } = {},
): Promise<RedisClusterType> {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const where = nodes.map((n) => `${n.host}:${n.port}`).join(',');
  const credentials = options.credentialsUrl === undefined ? undefined : safeUrl(options.credentialsUrl);
  const state = { connected: false };
  const cluster = createCluster({
    // The cluster client has its own default command timeout for the commands it routes (see failFast).
    commandOptions: failFast.commandOptions,
    rootNodes: nodes.map((n) => ({ socket: { host: n.host, port: n.port } })),
    defaults: {
      ...failFast,
      ...(credentials?.username ? { username: decodeURIComponent(credentials.username) } : {}),
      ...(credentials?.password ? { password: decodeURIComponent(credentials.password) } : {}),
      socket: {
        connectTimeout: timeoutMs,
        ...(credentials?.protocol === 'rediss:' ? { tls: true as const } : {}),
        reconnectStrategy: reconnectAfterStart(state),
      },
    },
  });
  return connectOrGiveUp(cluster, state, options, `Redis Cluster at ${where}`);
}

/** Resolves with `work`, or rejects after `timeoutMs`; a rejection of `work` after the timeout is swallowed. */
async function withinTimeout(work: Promise<unknown>, timeoutMs: number): Promise<void> {
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function safeProtocol(url: string): string {
  return safeUrl(url)?.protocol ?? '';
}

/** Where the stores live: REDIS_URL, or a Redis Cluster when REDIS_CLUSTER_NODES is set (REDIS_URL then lends its credentials). */
export interface RedisTarget {
  readonly url: string;
  readonly clusterNodes?: readonly ClusterNode[] | undefined;
}

/** Connects to the target: a cluster when nodes are given, else the one Redis at `url`. */
export function connectRedisTarget(target: RedisTarget, options: ConnectRedisOptions = {}): Promise<RedisClient> {
  return target.clusterNodes !== undefined && target.clusterNodes.length > 0
    ? connectRedisCluster(target.clusterNodes, { ...options, credentialsUrl: target.url })
    : connectRedis(target.url, options);
}

/** The target without credentials, for logs and errors. */
export function describeRedisTarget(target: RedisTarget): string {
  return target.clusterNodes !== undefined && target.clusterNodes.length > 0
    ? `cluster ${target.clusterNodes.map((n) => `${n.host}:${n.port}`).join(',')}`
    : describeRedisUrl(target.url);
}
