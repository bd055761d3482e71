import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import { buildWidget } from './channels/web/build-widget.js';
import { demoPage } from './channels/web/demo-page.js';
import { createWebChannel } from './channels/web/web-channel.js';
import { webRoutes } from './channels/web/web-routes.js';
import { attachWebSocket } from './channels/web/web-socket.js';
import { createRenderer } from './content/create-renderer.js';
import { createTranslator } from './content/create-translator.js';
import { loadContent, type ContentBundle } from './content/load-content.js';
import { defaultActions } from './engine/actions/action-registry.js';
import { parseDialogs } from './engine/parse-dialogs.js';
import type { DialogSet } from './engine/dialog-set.js';
import { createApp } from './http/create-app.js';
import { huurtoeslagRouter } from './http/huurtoeslag-router.js';
import { createRuntime, noVolunteerQueue } from './runtime/handle-turn.js';
import { connectRedis, describeRedisUrl } from './store/connect-redis.js';
import { createMemoryStores, createRedisStores, type Stores } from './store/create-stores.js';
import type { Clock } from './shared/clock.js';
import { DialogError } from './shared/errors.js';
import type { Logger } from './shared/logger.js';

/** The repository root (dialogs/, content/, locales/ live there). */
export const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Huurhulp {
  readonly server: Server;
  readonly stores: Stores;
  readonly url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Injected stores (tests); otherwise chosen by config.STORE. */
  readonly stores?: Stores;
}

/** Reads and validates every dialog file; a broken set refuses to boot with the path to each fault. */
export async function loadDialogs(dir = path.join(rootDir, 'dialogs')): Promise<DialogSet> {
  const names = (await readdir(dir)).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  const sources = await Promise.all(names.map(async (name) => ({ name, text: await readFile(path.join(dir, name), 'utf8') })));
  const parsed = parseDialogs(sources, defaultActions);
  if (!parsed.ok) throw new DialogError(parsed.errors);
  return parsed.dialogs;
}

/** Every label text of a key in every language, so a typed "Ik huur zelf" matches the button in either language. */
export function labelLookup(bundle: ContentBundle): (ns: string, key: string) => readonly string[] {
  return (ns, key) => bundle.languages.map((lng) => bundle.labels[lng]?.[ns]?.[key]).filter((t): t is string => t !== undefined);
}

/** STORE=auto: Redis when it answers, else memory with a loud warning (DESIGN.md §7). */
export async function chooseStores(config: Config, logger: Logger, clock: Clock): Promise<Stores> {
  const sessionTtlSeconds = config.SESSION_TTL_DAYS * 86_400;
  if (config.STORE === 'memory') return createMemoryStores({ clock, sessionTtlSeconds });
  try {
    const client = await connectRedis(config.REDIS_URL, { onError: (err) => logger.warn({ err }, 'redis connection error') });
    logger.info({ redis: describeRedisUrl(config.REDIS_URL), prefix: config.REDIS_PREFIX }, 'using Redis store');
    return createRedisStores({ client, prefix: config.REDIS_PREFIX, sessionTtlSeconds, ownsClient: true });
  } catch (e) {
    if (config.STORE === 'redis') throw e;
    logger.warn(
      { redis: describeRedisUrl(config.REDIS_URL) },
      'Redis is not reachable: using the in-memory store. Conversations are LOST on restart and only one process can run. Start redis-server or set REDIS_URL for production.',
    );
    return createMemoryStores({ clock, sessionTtlSeconds });
  }
}

/** Wires everything and listens. Used by main.ts and by the tests (with port 0). */
export async function startHuurhulp(options: StartOptions): Promise<Huurhulp> {
  const { config, logger, clock } = options;
  const [dialogs, bundle, widget] = await Promise.all([loadDialogs(), loadContent(rootDir), buildWidget()]);
  const translator = createTranslator(bundle);
  const renderer = createRenderer(bundle, translator);
  const stores = options.stores ?? (await chooseStores(config, logger, clock));
  const secret = config.sessionSecretGenerated ? await stores.sharedSecret(config.SESSION_SECRET) : config.SESSION_SECRET;
  const runtime = createRuntime({
    sessions: stores.sessions,
    messages: stores.messages,
    dialogs,
    lexicon: bundle.lexicon,
    actions: defaultActions,
    renderer,
    labelTexts: labelLookup(bundle),
    handoff: noVolunteerQueue,
    clock,
    logger,
  });
  const channel = createWebChannel({ runtime, messages: stores.messages, bus: stores.bus });
  const app = createApp({
    logger,
    trustProxy: config.TRUST_PROXY,
    storeKind: () => stores.kind,
    storePing: async () => {
      // Any answer (even "absent") proves the store is reachable; a down Redis rejects.
      await stores.sessions.get('healthcheck-probe');
      return true;
    },
    routers: [
      { path: '/api/huurtoeslag', router: huurtoeslagRouter({ translate: (locale, key) => translator.t(key, { lng: locale }) }) },
      {
        path: '/',
        router: webRoutes({ channel, messages: stores.messages, secret, sessionTtlSeconds: config.SESSION_TTL_DAYS * 86_400, clock, widget, demoPage }),
      },
    ],
  });
  const server = createServer(app);
  const ws = attachWebSocket(server, { channel, messages: stores.messages, bus: stores.bus, secret, clock, logger });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.PORT;
  const url = config.PUBLIC_URL ?? `http://localhost:${port}`;
  logger.info({ url, store: stores.kind, gzipWidgetBytes: widget.gzipBytes }, 'huurhulp is listening');
  return {
    server,
    stores,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await ws.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stores.close();
    },
  };
}
