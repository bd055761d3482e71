import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { passwordHasher } from '../../src/console/auth/password-hash.js';
import { startHuurhulp, type Huurhulp, type StartOptions } from '../../src/server.js';
import { connectRedis, connectRedisCluster, type ClusterNode } from '../../src/store/connect-redis.js';
import { createMemoryStores, createRedisStores } from '../../src/store/create-stores.js';
import { fixedClock, systemClock, type Clock } from '../../src/shared/clock.js';
import { createLogger, type Logger } from '../../src/shared/logger.js';

export interface StartAppOptions {
  readonly store?: 'memory' | 'redis';
  /** Freeze the clock at this ISO time (the engine's "today"). */
  readonly now?: string;
  readonly clock?: Clock;
  /** Share one secret between processes/restarts. */
  readonly secret?: string;
  /** Redis key prefix, to share data between two app instances in one test. */
  readonly prefix?: string;
  readonly logger?: Logger;
  /** Volunteer accounts to create (console tests). */
  readonly volunteers?: readonly { readonly username: string; readonly password: string; readonly role: 'volunteer' | 'coordinator' }[];
  /**
   * Whether volunteers can answer now; default: yes (opening hours and presence are tested on their own).
   * 'real': as in production, OPENING_HOURS (env) and at least one volunteer signed in to the console.
   */
  readonly online?: boolean | 'real';
  readonly env?: Readonly<Record<string, string>>;
  /** store 'redis' on this Redis instead of the shared test one (the fault tests stop and restart their own). */
  readonly redisUrl?: string;
  /** With store 'redis': use this Redis Cluster instead of the test Redis. */
  readonly clusterNodes?: readonly ClusterNode[];
  /** Teams: outbound tokens through the SDK's `token` option (no Entra), and fast send retries. */
  readonly teams?: Pick<StartOptions, 'teamsToken' | 'teamsRetryPolicy'>;
}

export interface StartedApp extends Huurhulp {
  readonly prefix: string;
}

/** Starts the real server (HTTP + websocket + Botkit channel) on a free port, with memory or real Redis stores. */
export async function startApp(options: StartAppOptions = {}): Promise<StartedApp> {
  const clock = options.clock ?? (options.now ? fixedClock(options.now) : systemClock);
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const prefix = options.prefix ?? `t${randomBytes(6).toString('hex')}`;
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STORE: options.store ?? 'memory', SESSION_SECRET: secret, REDIS_PREFIX: prefix, LOG_LEVEL: 'silent', ...options.env }, () => secret);
  const logger = options.logger ?? createLogger('silent');
  const sessionTtlSeconds = config.SESSION_TTL_DAYS * 86_400;
  const stores =
    options.store === 'redis'
      ? createRedisStores({
          client: options.clusterNodes ? await connectRedisCluster(options.clusterNodes) : await connectRedis(options.redisUrl ?? inject('redisUrl')),
          prefix,
          sessionTtlSeconds,
          ownsClient: true,
        })
      : createMemoryStores({ clock, sessionTtlSeconds });
  const online = options.online ?? true;
  const app = await startHuurhulp({ config, logger, clock, stores, ...options.teams, ...(online === 'real' ? {} : { online: async () => online }) });
  for (const v of options.volunteers ?? []) {
    await app.consoleAuth.accounts.add({ username: v.username, role: v.role, passwordHash: await passwordHasher.hash(v.password) });
  }
  return { ...app, prefix, close: app.close };
}
