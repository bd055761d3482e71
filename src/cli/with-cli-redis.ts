import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../config.js';
import { HuurhulpError } from '../shared/errors.js';
import { connectRedisTarget, type RedisClient } from '../store/connect-redis.js';

export interface CliRedisOptions {
  /** The command's name, in front of every error line. */
  readonly tool: string;
  /** What the command manages, for the messages ("meldingen", "console accounts"). */
  readonly what: string;
  readonly err: (text: string) => void;
}

/**
 * The shared start of the coordinator commands: read the config, refuse STORE=memory (the data lives inside the
 * server then), connect to Redis, run `body`, close. Returns the exit code (1 on any failure).
 */
export async function withCliRedis(options: CliRedisOptions, body: (client: RedisClient, config: Config) => Promise<number>): Promise<number> {
  const { tool, what, err } = options;
  let config: Config;
  try {
    // loadConfig reads the environment itself (its default), as the only reader of process.env.
    config = loadConfig(undefined, () => randomBytes(32).toString('base64url'));
  } catch (error) {
    err(`${tool}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  if (config.STORE === 'memory') {
    err(`${tool}: STORE=memory keeps ${what} inside the running server, out of reach of this command.\nRun the server with Redis (STORE=redis or auto, REDIS_URL) to keep ${what} and manage them here.\n`);
    return 1;
  }
  let client: RedisClient;
  try {
    client = await connectRedisTarget({ url: config.REDIS_URL, clusterNodes: config.REDIS_CLUSTER_NODES }, { timeoutMs: 3000 });
  } catch (error) {
    err(`${tool}: ${error instanceof Error ? error.message : String(error)}\n${what} are kept in Redis: check that it runs and that REDIS_URL (or REDIS_CLUSTER_NODES) points to it.\n`);
    return 1;
  }
  try {
    return await body(client, config);
  } catch (error) {
    // Our errors name codes and fields, never what was typed.
    err(`${tool}: ${error instanceof HuurhulpError ? error.message : 'unexpected error'}\n`);
    if (!(error instanceof HuurhulpError)) err(`${error instanceof Error ? error.name : 'Error'}\n`);
    return 1;
  } finally {
    if (client.isOpen) await client.close();
  }
}
