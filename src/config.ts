import { z } from 'zod/v4';
import { openingHoursFormat, parseOpeningHours } from './domain/opening-hours.js';
import { ConfigError } from './shared/errors.js';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** `a,b , c` -> ['a','b','c'] (empty items dropped). */
const commaList = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

const clusterNodes = z
  .string()
  .transform(commaList)
  .pipe(
    z
      .array(
        z
          .string()
          .refine((node) => {
            const m = /^[A-Za-z0-9.-]+:(\d{1,5})$/.exec(node);
            return m !== null && Number(m[1]) >= 1 && Number(m[1]) <= 65535;
          }, 'each node must be host:port (port 1 to 65535)')
          .transform((node) => {
            const at = node.lastIndexOf(':');
            return { host: node.slice(0, at), port: Number(node.slice(at + 1)) };
          }),
      )
      .min(1, 'name at least one host:port'),
  );

/** Exact site origins (`https://www.gemeente.nl`): scheme, host and port only, as a browser sends `Origin`. */
const widgetOrigins = z
  .string()
  .transform(commaList)
  .pipe(
    z.array(
      z.string().refine((origin) => {
        try {
          const url = new URL(origin);
          return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === origin;
        } catch {
          return false;
        }
      }, 'each origin must be scheme://host[:port] without a path or a trailing slash'),
    ),
  );

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  STORE: z.enum(['auto', 'redis', 'memory']).default('auto'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ or -, at most 32').default('hh'),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  MELDING_TTL_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  ACCOUNT_TTL_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  CONSOLE_SESSION_HOURS: z.coerce.number().int().min(1).max(168).default(12),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto').transform((v) => (v === 'auto' ? v : v === 'true')),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  CLAIM_TIMEOUT_S: z.coerce.number().int().min(5).max(3600).default(120),
  OPENING_HOURS: z.string().default('ma-vr 09:00-17:00').refine((v) => parseOpeningHours(v).ok, `must be ${openingHoursFormat}`),
  TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  REDIS_CLUSTER_NODES: clusterNodes.optional(),
  WIDGET_ORIGINS: widgetOrigins.default([]),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  SESSION_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(20),
  TURN_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(30),
});

export type Config = Readonly<z.infer<typeof envSchema> & { readonly sessionSecretGenerated: boolean; readonly SESSION_SECRET: string }>;

/**
 * The only reader of process.env. Lists every invalid variable at once and never echoes values.
 * Without SESSION_SECRET a random one is made, so tokens then do not survive a restart (main.ts warns).
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env, randomSecret: () => string): Config {
  const picked = Object.fromEntries(Object.keys(envSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) throw new ConfigError([...new Set(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`))]);
  const secret = parsed.data.SESSION_SECRET;
  return Object.freeze({ ...parsed.data, SESSION_SECRET: secret ?? randomSecret(), sessionSecretGenerated: secret === undefined });
}
