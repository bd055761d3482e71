import { createClient, type RedisClientType } from 'redis';
import { StoreError } from '../shared/errors.js';

/** The node-redis client type every Redis-backed store takes. */
export type RedisClient = RedisClientType;

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
 * command fails as unavailable instead of hanging the request. A stopped Redis fails faster: see disableOfflineQueue.
 */
export const redisCommandTimeoutMs = 3000;

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

  let connected = false;
  const client: RedisClient = createClient({
    url,
    // While reconnecting, commands fail at once (503 STORE_UNAVAILABLE) instead of waiting in a queue for Redis to
    // come back: a person sees "we can't save messages right now" within a second, not a spinner for minutes.
    disableOfflineQueue: true,
    commandOptions: { timeout: redisCommandTimeoutMs },
    socket: {
      connectTimeout: timeoutMs,
      reconnectStrategy: (retries, cause) =>
        connected ? Math.min(100 * 2 ** Math.min(retries, 10), maxReconnectDelayMs) : cause,
    },
  });
  // Without a listener node-redis would crash the process on the first socket error.
  client.on('error', (error: unknown) => {
    if (error instanceof Error) options.onError?.(error);
  });

  const connecting = client.connect();
  // The race below may leave this promise behind; its rejection is reported through the race.
  connecting.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([connecting, timeout]);
    connected = true;
    return client;
  } catch (cause) {
    // Idempotent in node-redis 6, and also ends a socket stuck in the handshake.
    client.destroy();
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new StoreError('STORE_UNAVAILABLE', `Redis at ${where} is not reachable: ${reason}.`, { cause });
  } finally {
    clearTimeout(timer);
  }
}

function safeProtocol(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return '';
  }
}
