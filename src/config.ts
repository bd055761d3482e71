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
  SHUTDOWN_GRACE_S: z.coerce.number().int().min(0).max(600).default(10),
  REDIS_CLUSTER_NODES: clusterNodes.optional(),
  WIDGET_ORIGINS: widgetOrigins.default([]),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  SESSION_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(20),
  TURN_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(30),
  // Microsoft Teams (docs: README "Microsoft Teams"). The channel is off unless the app id and password are both set.
  TEAMS_APP_ID: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be the bot\'s Microsoft app id (a GUID)').optional(),
  TEAMS_APP_PASSWORD: z.string().min(1).optional(),
  TEAMS_TENANT_ID: z.string().regex(/^[A-Za-z0-9.-]{1,128}$/, 'must be the Entra tenant id (a GUID) or domain').optional(),
  // The SDK derives the signing keys' address from this URL (…/openidconfiguration -> …/keys), so it must end that way.
  TEAMS_OPENID_METADATA_URL: z.url().regex(/\/openidconfiguration$/, 'must end with /openidconfiguration').default('https://login.botframework.com/v1/.well-known/openidconfiguration'),
  TEAMS_LOGIN_ENDPOINT: z.url().regex(/^[^?#]*[^/?#]$/, 'must not end with a slash').default('https://login.microsoftonline.com'),
  // SMS and WhatsApp over Twilio: off unless the account SID and auth token are set.
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be AC followed by 32 hex characters').optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  TWILIO_SMS_FROM: z.string().regex(/^\+[1-9]\d{5,14}$/, 'must be a number in E.164 form, e.g. +3197010000000').optional(),
  TWILIO_WHATSAPP_FROM: z.string().regex(/^whatsapp:\+[1-9]\d{5,14}$/, 'must look like whatsapp:+31612345678').optional(),
  TWILIO_API_BASE_URL: z.url().default('https://api.twilio.com'),
  TWILIO_WHATSAPP_TEMPLATE_SID: z.string().regex(/^HX[0-9a-fA-F]{32}$/, 'must be a Content SID: HX followed by 32 hex characters').optional(),
});

export type Config = Readonly<z.infer<typeof envSchema> & { readonly sessionSecretGenerated: boolean; readonly SESSION_SECRET: string }>;

/** The Teams channel runs only with both the app id and its password (the SDK needs both to send). */
export function teamsEnabled(config: Config): config is Config & { readonly TEAMS_APP_ID: string; readonly TEAMS_APP_PASSWORD: string } {
  return config.TEAMS_APP_ID !== undefined && config.TEAMS_APP_PASSWORD !== undefined;
}

/**
 * The only reader of process.env. Lists every invalid variable at once and never echoes values.
 * Without SESSION_SECRET a random one is made, so tokens then do not survive a restart (main.ts warns).
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env, randomSecret: () => string): Config {
  const picked = Object.fromEntries(Object.keys(envSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = envSchema
    .superRefine((_c, ctx) => {
      // Presence as given (a value that failed its own check is still "set"), so each problem is named once.
      const set = (key: string): boolean => picked[key] !== undefined;
      const need = (key: string, why: string) => ctx.addIssue({ code: 'custom', path: [key], message: why });
      const twilio = set('TWILIO_ACCOUNT_SID') || set('TWILIO_AUTH_TOKEN');
      if (twilio && !set('TWILIO_ACCOUNT_SID')) need('TWILIO_ACCOUNT_SID', 'is needed with TWILIO_AUTH_TOKEN');
      if (twilio && !set('TWILIO_AUTH_TOKEN')) need('TWILIO_AUTH_TOKEN', 'is needed with TWILIO_ACCOUNT_SID');
      // Twilio signs the public URL of the webhook; without it no signature can be checked.
      if (twilio && !set('PUBLIC_URL')) need('PUBLIC_URL', 'is needed for the Twilio channel (webhook signatures are made over it)');
      if (twilio && !set('TWILIO_SMS_FROM') && !set('TWILIO_WHATSAPP_FROM')) need('TWILIO_SMS_FROM', 'set TWILIO_SMS_FROM and/or TWILIO_WHATSAPP_FROM');
    })
    .safeParse(picked);
  if (!parsed.success) throw new ConfigError([...new Set(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`))]);
  const secret = parsed.data.SESSION_SECRET;
  return Object.freeze({ ...parsed.data, SESSION_SECRET: secret ?? randomSecret(), sessionSecretGenerated: secret === undefined });
}
