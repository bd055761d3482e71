import { randomInt } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { Server as NetServer } from 'node:net';
import path from 'node:path';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { teamsEnabled, type Config } from './config.js';
import type { TeamsChannel } from './channels/teams/teams-channel.js';
import type { RetryPolicy } from './channels/teams/send-with-retry.js';
import { MemoryTeamsStore } from './store/memory-teams-store.js';
import { RedisTeamsStore } from './store/redis-teams-store.js';
import { storeKeys } from './store/store-keys.js';
import type { TeamsStore } from './store/teams-store.js';
import { loadWidget } from './channels/web/build-widget.js';
import { demoPage } from './channels/web/demo-page.js';
import { createWebChannel } from './channels/web/web-channel.js';
import { webRoutes } from './channels/web/web-routes.js';
import { attachWebSocket } from './channels/web/web-socket.js';
import type { TwilioChannel, TwilioChannelDeps } from './channels/twilio/twilio-channel.js';
import { createRenderer } from './content/create-renderer.js';
import { createTranslator } from './content/create-translator.js';
import { loadContent, type ContentBundle } from './content/load-content.js';
import { readCheckedTemplates } from './content/checked-templates.js';
import { cachedYaml } from './content/parsed-yaml.js';
import { defaultActions } from './engine/actions/action-registry.js';
import { parseDialogs } from './engine/parse-dialogs.js';
import type { DialogSet } from './engine/dialog-set.js';
import { answerClientErrors } from './http/answer-client-errors.js';
import { createApp } from './http/create-app.js';
import { createPrometheusMetrics, metricsRouter } from './http/prometheus-metrics.js';
import { withQueueMetrics } from './handoff/queue-metrics.js';
import { withTurnMetrics } from './runtime/turn-metrics.js';
import { huurtoeslagRouter } from './http/huurtoeslag-router.js';
import { createRuntime } from './runtime/handle-turn.js';
import { createPersonSide, type PersonSide } from './runtime/person-side.js';
import { queueHandoffPort } from './runtime/queue-handoff-port.js';
import { createWaitingRoomRefresher } from './runtime/waiting-room.js';
import { createChannelRegistry, type ChannelRegistry } from './runtime/channel-registry.js';
import { createHandoff, type Handoff } from './handoff/create-handoff.js';
import { createConsoleAuthStores, type ConsoleAuthStores } from './console/auth/create-console-auth-stores.js';
import { consolePageRouter, loadConsolePage } from './console/build-console-page.js';
import { loadCannedDefaults } from './console/canned-defaults.js';
import { startClaimSweeper } from './console/claim-sweeper.js';
import { consoleRouter } from './console/console-router.js';
import { createConsoleStores } from './console/create-console-stores.js';
import { isOpen } from './domain/opening-hours.js';
import { RELAY_CHANNEL } from './handoff/relay-event.js';
import { newReferenceCode } from './domain/melding/reference-code.js';
import { connectRedisTarget, describeRedisTarget } from './store/connect-redis.js';
import { createMemoryStores, createRedisStores, type Stores } from './store/create-stores.js';
import type { Clock } from './shared/clock.js';
import { DialogError } from './shared/errors.js';
import type { Logger } from './shared/logger.js';
import { Drain } from './shared/drain.js';

/** The repository root (dialogs/, content/, locales/ live there). */
export const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Huurhulp {
  readonly server: Server;
  readonly stores: Stores;
  readonly handoff: Handoff;
  readonly person: PersonSide;
  readonly consoleAuth: ConsoleAuthStores;
  /** The running channels; more channels register their adapter here. */
  readonly channels: ChannelRegistry;
  /** The Teams channel, when TEAMS_APP_ID and TEAMS_APP_PASSWORD are set. */
  readonly teams: TeamsChannel | null;
  readonly teamsStore: TeamsStore;
  readonly url: string;
  /** Stops at once (tests): open connections are cut. */
  close(): Promise<void>;
  /**
   * Graceful stop (SIGTERM, issue #11 finding 3): refuses new connections, answers every request and websocket frame
   * already taken (for at most `graceMs`), closes websockets with 1001 and console streams, then releases the stores.
   */
  shutdown(graceMs: number): Promise<void>;
}

export interface StartOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Injected stores (tests); otherwise chosen by config.STORE. */
  readonly stores?: Stores;
  /** Whether volunteers can answer now (tests); otherwise opening hours and who is signed in. */
  readonly online?: (now: Date) => Promise<boolean>;
  /** Tests: outbound Teams tokens through the SDK's `token` option instead of Entra (the app password is then unused). */
  readonly teamsToken?: (scope: string | string[], tenantId?: string) => Promise<string>;
  readonly teamsRetryPolicy?: RetryPolicy;
}

/** Reads and validates every dialog file; a broken set refuses to boot with the path to each fault. */
export async function loadDialogs(dir = path.join(rootDir, 'dialogs')): Promise<DialogSet> {
  const names = (await readdir(dir)).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  const sources = await Promise.all(
    names.map(async (name) => {
      const text = await readFile(path.join(dir, name), 'utf8');
      // The build's parsed value of exactly this text, when it has one: the same schema checks follow.
      return { name, text, parsed: await cachedYaml(text) };
    }),
  );
  const parsed = parseDialogs(sources, defaultActions);
  if (!parsed.ok) throw new DialogError(parsed.errors);
  return parsed.dialogs;
}

/** Every label text of a key in every language, so a typed "Ik huur zelf" matches the button in either language. */
export function labelLookup(bundle: ContentBundle): (ns: string, key: string) => readonly string[] {
  // The bundle does not change after loading: each key's list is built once, on first use.
  const known = new Map<string, readonly string[]>();
  return (ns, key) => {
    const id = `${ns}:${key}`;
    let texts = known.get(id);
    if (texts === undefined) {
      texts = bundle.languages.map((lng) => bundle.labels[lng]?.[ns]?.[key]).filter((t): t is string => t !== undefined);
      known.set(id, texts);
    }
    return texts;
  };
}

/** The version in package.json (shown in the OpenAPI document). */
async function packageVersion(): Promise<string> {
  const pkg: unknown = JSON.parse(await readFile(path.join(rootDir, 'package.json'), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

/** STORE=auto: Redis when it answers, else memory with a loud warning (DESIGN.md §7). */
export async function chooseStores(config: Config, logger: Logger, clock: Clock): Promise<Stores> {
  const sessionTtlSeconds = config.SESSION_TTL_DAYS * 86_400;
  if (config.STORE === 'memory') return createMemoryStores({ clock, sessionTtlSeconds, meldingTtlSeconds: config.MELDING_TTL_DAYS * 86_400 });
  const redisTarget = { url: config.REDIS_URL, clusterNodes: config.REDIS_CLUSTER_NODES };
  try {
    // Errors of the first attempt are reported once below; later ones (a dropped connection) are worth a warning each.
    let connected = false;
    const client = await connectRedisTarget(redisTarget, { onError: (err) => connected && logger.warn({ err }, 'redis connection error') });
    connected = true;
    logger.info({ redis: describeRedisTarget(redisTarget), prefix: config.REDIS_PREFIX }, 'using Redis store');
    return createRedisStores({ client, prefix: config.REDIS_PREFIX, sessionTtlSeconds, meldingTtlSeconds: config.MELDING_TTL_DAYS * 86_400, ownsClient: true });
  } catch (e) {
    if (config.STORE === 'redis') throw e;
    logger.warn(
      { redis: describeRedisTarget(redisTarget) },
      'Redis is not reachable: using the in-memory store. Conversations are LOST on restart and only one process can run. Start redis-server or set REDIS_URL for production.',
    );
    return createMemoryStores({ clock, sessionTtlSeconds, meldingTtlSeconds: config.MELDING_TTL_DAYS * 86_400 });
  }
}

/**
 * SMS and WhatsApp over Twilio, when its account SID and auth token are configured (else null). The SDK is loaded
 * only then, like the Teams SDK: a channel that is off costs no start time and no memory (issue #12).
 */
async function startTwilio(config: Config, deps: TwilioChannelDeps): Promise<TwilioChannel | null> {
  if (config.TWILIO_ACCOUNT_SID === undefined || config.TWILIO_AUTH_TOKEN === undefined || config.PUBLIC_URL === undefined) return null;
  const { createTwilioChannel } = await import('./channels/twilio/twilio-channel.js');
  return createTwilioChannel(
    {
      accountSid: config.TWILIO_ACCOUNT_SID,
      authToken: config.TWILIO_AUTH_TOKEN,
      publicUrl: config.PUBLIC_URL,
      apiBaseUrl: config.TWILIO_API_BASE_URL,
      ...(config.TWILIO_SMS_FROM ? { smsFrom: config.TWILIO_SMS_FROM } : {}),
      ...(config.TWILIO_WHATSAPP_FROM ? { whatsappFrom: config.TWILIO_WHATSAPP_FROM } : {}),
      ...(config.TWILIO_WHATSAPP_TEMPLATE_SID ? { whatsappTemplateSid: config.TWILIO_WHATSAPP_TEMPLATE_SID } : {}),
    },
    deps,
  );
}

/** Wires everything and listens. Used by main.ts and by the tests (with port 0). */
export async function startHuurhulp(options: StartOptions): Promise<Huurhulp> {
  const { config, logger, clock } = options;
  const [dialogs, bundle, widget, consolePage, cannedDefaults, version, checked] = await Promise.all([
    loadDialogs(),
    loadContent(rootDir),
    loadWidget(),
    loadConsolePage(),
    loadCannedDefaults(rootDir),
    packageVersion(),
    readCheckedTemplates(),
  ]);
  const translator = createTranslator(bundle);
  const renderer = createRenderer(bundle, translator, { checked });
  const stores = options.stores ?? (await chooseStores(config, logger, clock));
  const secret = config.sessionSecretGenerated ? await stores.sharedSecret(config.SESSION_SECRET) : config.SESSION_SECRET;
  const sessionTtlSeconds = config.SESSION_TTL_DAYS * 86_400;
  const handoff =
    stores.redis !== null
      ? createHandoff({ kind: 'redis', client: stores.redis, prefix: config.REDIS_PREFIX, clock, claimTimeoutSeconds: config.CLAIM_TIMEOUT_S, ticketTtlSeconds: sessionTtlSeconds })
      : createHandoff({ kind: 'memory', clock, claimTimeoutSeconds: config.CLAIM_TIMEOUT_S, ticketTtlSeconds: sessionTtlSeconds });
  const consoleAuth =
    stores.redis !== null
      ? createConsoleAuthStores({ kind: 'redis', client: stores.redis, prefix: config.REDIS_PREFIX, clock, accountTtlSeconds: config.ACCOUNT_TTL_DAYS * 86_400, sessionIdleSeconds: config.CONSOLE_SESSION_HOURS * 3600 })
      : createConsoleAuthStores({ kind: 'memory', clock, accountTtlSeconds: config.ACCOUNT_TTL_DAYS * 86_400, sessionIdleSeconds: config.CONSOLE_SESSION_HOURS * 3600 });
  const consoleStores =
    stores.redis !== null
      ? createConsoleStores({ kind: 'redis', client: stores.redis, prefix: config.REDIS_PREFIX, clock, ticketTtlSeconds: sessionTtlSeconds, cannedDefaults })
      : createConsoleStores({ kind: 'memory', clock, ticketTtlSeconds: sessionTtlSeconds, cannedDefaults });
  // GET /metrics (METRICS_TOKEN); the queue depth is read on each scrape, not kept up to date.
  const metrics = createPrometheusMetrics({
    queueDepth: async () => {
      const depth: Record<string, number> = { crisis: 0, urgent: 0, soon: 0, normal: 0 };
      for (const ticket of await handoff.queue.list('waiting')) depth[ticket.urgency] = (depth[ticket.urgency] ?? 0) + 1;
      return depth;
    },
  });
  // Claims and expiries are counted where a volunteer claims (console) and where claims expire (sweeper).
  const countedQueue = withQueueMetrics(handoff.queue, metrics, clock);
  // Volunteers can answer now: within opening hours and at least one signed in to the console (DESIGN.md §5).
  const online =
    options.online ?? (async (now: Date) => isOpen(now, config.OPENING_HOURS) && (await consoleAuth.sessions.anyActive(now)));
  // The channel edge: every channel registers its adapter; proactive messages go through the conversation's own.
  const channels = createChannelRegistry({ references: stores.references, logger });
  const waitingRoom = createWaitingRoomRefresher({ queue: handoff.queue, renderer, channels, logger });
  const revoked = stores.revoked;
  const runtime = withTurnMetrics(createRuntime({
    revoked,
    sessions: stores.sessions,
    turns: stores.turns,
    turnRateLimit: config.TURN_RATE_LIMIT,
    messages: stores.messages,
    transcripts: stores.transcripts,
        meldingen: stores.meldingen,
        statusAttempts: stores.statusAttempts,
    bus: stores.bus,
    newCode: () => newReferenceCode(() => randomInt(2 ** 32) / 2 ** 32),
    onQueueChanged: () => waitingRoom.changed(),
    openingHours: config.OPENING_HOURS === 'always' ? '' : config.OPENING_HOURS,
    dialogs,
    lexicon: bundle.lexicon,
    actions: defaultActions,
    renderer,
    channelCapabilities: (id) => channels.capabilities(id),
    references: stores.references,
    labelTexts: labelLookup(bundle),
    handoff: queueHandoffPort({ queue: handoff.queue, online, onErased: async (ticketId) => void (await consoleStores.notes.delete(ticketId)) }),
    clock,
    logger,
  }), metrics);
  const channel = createWebChannel({ runtime, messages: stores.messages, bus: stores.bus });
  channels.register(channel.adapter);
  const twilioChannel = await startTwilio(config, { runtime, renderer, references: stores.references, inboundSeen: stores.inboundSeen, secret, clock, logger });
  for (const adapter of twilioChannel?.adapters ?? []) channels.register(adapter);
  const person = createPersonSide({
    runtime,
    renderer,
    transcripts: stores.transcripts,
    bus: stores.bus,
    clock,
    logger,
    onQueueChanged: () => waitingRoom.changed(),
    channels,
    channelOf: async (conversationId) => (await handoff.queue.byConversation(conversationId))?.channel ?? null,
  });
  const drain = new Drain();
  const widgetOrigins = { allowed: config.WIDGET_ORIGINS, publicUrl: config.PUBLIC_URL };
  const teamsStore: TeamsStore =
    stores.redis !== null
      ? new RedisTeamsStore({ client: stores.redis, keys: storeKeys(config.REDIS_PREFIX), linkTtlSeconds: config.ACCOUNT_TTL_DAYS * 86_400, ticketTtlSeconds: sessionTtlSeconds })
      : new MemoryTeamsStore({ clock, linkTtlSeconds: config.ACCOUNT_TTL_DAYS * 86_400, ticketTtlSeconds: sessionTtlSeconds });
  // Loaded only when on: the Teams SDK (axios, MSAL, jsonwebtoken) adds seconds to every start otherwise.
  const teams = teamsEnabled(config)
    ? await (await import('./channels/teams/teams-channel.js')).startTeamsChannel({
        settings: {
          appId: config.TEAMS_APP_ID,
          appPassword: options.teamsToken === undefined ? config.TEAMS_APP_PASSWORD : null,
          tenantId: config.TEAMS_TENANT_ID ?? null,
          openIdMetadataUrl: config.TEAMS_OPENID_METADATA_URL,
          loginEndpoint: config.TEAMS_LOGIN_ENDPOINT,
          ...(options.teamsToken === undefined ? {} : { token: options.teamsToken }),
        },
        turn: (conversationId, input, locale) => runtime.handleTurn({ conversationId, input, channel: 'teams', locale }),
        saveReference: (reference) => stores.references.put(reference),
        eraseReference: async (conversationId) => void (await stores.references.delete(conversationId)),
        secret,
        queue: handoff.queue,
        events: handoff.events,
        bus: stores.bus,
        person,
        store: teamsStore,
        t: (key, locale, vars) => translator.t(key, { lng: locale, ...vars }),
        publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
        clock,
        logger,
        ...(options.teamsRetryPolicy === undefined ? {} : { retryPolicy: options.teamsRetryPolicy }),
      })
    : null;
  if (teams !== null) channels.register(teams.adapter);
  const web = webRoutes({ channel, messages: stores.messages, secret, sessionTtlSeconds: config.SESSION_TTL_DAYS * 86_400, clock, widget, demoPage, origins: widgetOrigins, sessionStarts: stores.sessionStarts, sessionRateLimit: config.SESSION_RATE_LIMIT, revoked });
  const app = createApp({
    logger,
    version,
    trustProxy: config.TRUST_PROXY,
    draining: () => drain.draining,
    storeKind: () => stores.kind,
    webhooks: [...(twilioChannel ? [{ path: '/', router: twilioChannel.router }] : []), ...(teams === null ? [] : [{ path: '/', router: teams.router }])],
    storePing: async () => {
      // Any answer (even "absent") proves the store is reachable; a down Redis rejects.
      await stores.sessions.get('healthcheck-probe');
      return true;
    },
    metrics,
    // The person's turn (POST /api/messages) is by far the most frequent request: the app tries it first.
    turn: web.turn,
    routers: [
      { path: '/', router: web.router },
      {
        path: '/api/console',
        router: consoleRouter({
          queue: countedQueue,
          handoffEvents: handoff.events,
          transcripts: stores.transcripts,
          bus: stores.bus,
          person,
          clock,
          logger,
          auth: { ...consoleAuth, cookieSecure: config.COOKIE_SECURE },
          notes: consoleStores.notes,
          canned: consoleStores.canned,
          teams: { enabled: teams !== null, store: teamsStore },
          drain,
        }),
      },
      { path: '/', router: consolePageRouter(consolePage, { teams: teams !== null }) },
      { path: '/api/huurtoeslag', router: huurtoeslagRouter({ translate: (locale, key) => translator.t(key, { lng: locale }) }) },
      { path: '/', router: metricsRouter(metrics, config.METRICS_TOKEN) },
    ],
  });
  const sweeper = startClaimSweeper({ queue: countedQueue, person, logger });
  const server = createServer(app);
  answerClientErrors(server);
  const ws = attachWebSocket(server, {
    origins: widgetOrigins,
    metrics,
    channel,
    messages: stores.messages,
    bus: stores.bus,
    secret,
    clock,
    logger,
    drain,
    revoked,
    // Only a volunteer who holds the chat sees "typt…"; other conversations' typing goes nowhere.
    onTyping: async (conversationId) => {
      const ticket = await handoff.queue.byConversation(conversationId);
      if (ticket?.state === 'claimed') await stores.bus.publish(RELAY_CHANNEL, { id: '0-0', body: { type: 'typing', conversationId, from: 'person' } });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.PORT;
  const url = config.PUBLIC_URL ?? `http://localhost:${port}`;
  logger.info({ url, store: stores.kind, teams: teams !== null, gzipWidgetBytes: widget.gzipBytes, browserBundles: { widget: widget.source, console: consolePage.source } }, 'huurhulp is listening');
  const close = async (): Promise<void> => {
    await teams?.close();
    await sweeper.stop();
    await waitingRoom.stop();
    await ws.close();
    await twilioChannel?.drain();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await handoff.close();
    await stores.close();
  };
  return {
    server,
    stores,
    url: `http://127.0.0.1:${port}`,
    handoff,
    person,
    consoleAuth,
    channels,
    teams,
    teamsStore,
    close,
    async shutdown(graceMs) {
      const deadline = Date.now() + graceMs;
      const log = logger.child({ module: 'shutdown' });
      // Stop listening only. http.Server#close would also drop every connection without a request in progress,
      // including one whose request is on its way but not read yet. Closing the listener resets the connections
      // the kernel has queued but we have not accepted yet (a client that connected just before the signal), so
      // it closes after a short pause and one more turn of the event loop, which accepts everything queued.
      const acceptWindowMs = Math.min(200, graceMs / 4);
      const allClosed = new Promise<void>((resolve) => {
        setTimeout(() => setImmediate(() => NetServer.prototype.close.call(server, () => resolve())), acceptWindowMs);
      });
      const drained = drain.start();
      // Idle keep-alive connections are closed once requests already on their way have been read: after a quiet
      // half second without a new request (a busy event loop reads late). Answers given while draining carry
      // `Connection: close`.
      let lastRequestAt = Date.now();
      const onRequest = (): void => void (lastRequestAt = Date.now());
      server.on('request', onRequest);
      const earliest = Date.now() + Math.min(1000, graceMs / 2);
      const quietMs = Math.min(500, graceMs / 4);
      const idle = setInterval(() => {
        if (Date.now() < earliest || Date.now() - lastRequestAt < quietMs) return;
        setImmediate(() => server.closeIdleConnections());
      }, 100);
      let graceTimer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<boolean>((resolve) => {
        graceTimer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
      });
      const inTime = await Promise.race([Promise.all([allClosed, drained]).then(() => true), graceOver]);
      clearInterval(idle);
      server.off('request', onRequest);
      clearTimeout(graceTimer);
      if (!inTime) log.warn({ graceMs }, 'grace period over: closing the connections that are still open');
      await close();
    },
  };
}
