import { createServer, type Server } from 'node:http';
import request from 'supertest';
import { createConsoleAuthStores, type ConsoleAuthStores } from '../../src/console/auth/create-console-auth-stores.js';
import { createPasswordHasher } from '../../src/console/auth/password-hash.js';
import type { VolunteerRole } from '../../src/console/auth/volunteer-store.js';
import { loadCannedDefaults } from '../../src/console/canned-defaults.js';
import type { ConsoleStores } from '../../src/console/create-console-stores.js';
import { createConsoleStores } from '../../src/console/create-console-stores.js';
import { consoleRouter } from '../../src/console/console-router.js';
import type { EventStreamTiming } from '../../src/console/console-event-stream.js';
import { createHandoff, type Handoff } from '../../src/handoff/create-handoff.js';
import type { HandoffEvent, HandoffEvents } from '../../src/handoff/handoff-events.js';
import type { EnqueueInput } from '../../src/handoff/ticket.js';
import { createApp } from '../../src/http/create-app.js';
import { rootDir } from '../../src/server.js';
import { createLogger } from '../../src/shared/logger.js';
import type { RedisClient } from '../../src/store/connect-redis.js';
import { createMemoryStores, createRedisStores, type Stores } from '../../src/store/create-stores.js';
import type { ManualClock } from '../helpers/manual-clock.js';
import { RecordingPerson } from './recording-person.js';

export const password = 'correct horse battery staple';
// Cheap scrypt parameters: the tests exercise the flow, not the cost.
const hasher = createPasswordHasher({ N: 2 ** 10, r: 8, p: 1 });

export const ticketTtlSeconds = 30 * 86_400;
export const cannedTtlSeconds = 365 * 86_400;

export interface SignedIn {
  readonly username: string;
  readonly cookie: string;
  readonly csrf: string;
}

export interface ConsoleFixture {
  readonly url: string;
  readonly clock: ManualClock;
  readonly handoff: Handoff;
  readonly stores: Stores;
  readonly auth: ConsoleAuthStores;
  readonly console: ConsoleStores;
  readonly person: RecordingPerson;
  /** Open subscriptions on the handoff events (to see that streams clean up). */
  subscriptions(): number;
  addAccount(username: string, role: VolunteerRole): Promise<void>;
  login(username: string): Promise<SignedIn>;
  /** A waiting chat ticket for a new conversation. */
  enqueue(conversationId: string, extra?: Partial<EnqueueInput>): Promise<string>;
  close(): Promise<void>;
}

export type FixtureStore = { readonly kind: 'memory' } | { readonly kind: 'redis'; readonly client: RedisClient; readonly prefix: string };

/** Counts live subscriptions of a real HandoffEvents (it passes everything through). */
function counting(events: HandoffEvents): { events: HandoffEvents; count: () => number } {
  let live = 0;
  return {
    count: () => live,
    events: {
      publish: (event: HandoffEvent) => events.publish(event),
      close: () => events.close(),
      async subscribe(onEvent) {
        const off = await events.subscribe(onEvent);
        live += 1;
        return async () => {
          live -= 1;
          await off();
        };
      },
    },
  };
}

/**
 * The console API on a real HTTP server built from the app shell (JSON limit, error handler), with the real
 * auth router and stores of one kind, and a recording PersonSide.
 */
export async function startConsole(store: FixtureStore, clock: ManualClock, timing: Partial<EventStreamTiming> = {}): Promise<ConsoleFixture> {
  const cannedDefaults = await loadCannedDefaults(rootDir);
  const sessionTtlSeconds = ticketTtlSeconds;
  const common = { accountTtlSeconds: 86_400, sessionIdleSeconds: 3600 };
  const handoff =
    store.kind === 'redis'
      ? createHandoff({ kind: 'redis', client: store.client, prefix: store.prefix, clock, claimTimeoutSeconds: 120, ticketTtlSeconds })
      : createHandoff({ kind: 'memory', clock, claimTimeoutSeconds: 120, ticketTtlSeconds });
  const stores =
    store.kind === 'redis' ? createRedisStores({ client: store.client, prefix: store.prefix, sessionTtlSeconds }) : createMemoryStores({ clock, sessionTtlSeconds });
  const auth =
    store.kind === 'redis'
      ? createConsoleAuthStores({ kind: 'redis', client: store.client, prefix: store.prefix, clock, ...common })
      : createConsoleAuthStores({ kind: 'memory', clock, ...common });
  const consoleStores =
    store.kind === 'redis'
      ? createConsoleStores({ kind: 'redis', client: store.client, prefix: store.prefix, clock, ticketTtlSeconds, cannedDefaults, cannedTtlSeconds })
      : createConsoleStores({ kind: 'memory', clock, ticketTtlSeconds, cannedDefaults, cannedTtlSeconds });
  const person = new RecordingPerson();
  const counted = counting(handoff.events);
  const logger = createLogger('silent');
  const router = consoleRouter({
    queue: handoff.queue,
    handoffEvents: counted.events,
    transcripts: stores.transcripts,
    bus: stores.bus,
    person,
    clock,
    logger,
    auth: { ...auth, passwords: hasher },
    notes: consoleStores.notes,
    canned: consoleStores.canned,
    eventStream: timing,
  });
  const app = createApp({ logger, trustProxy: false, storeKind: () => store.kind, storePing: async () => true, routers: [{ path: '/api/console', router }] });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the test server has no port');
  const url = `http://127.0.0.1:${address.port}`;

  return {
    url,
    clock,
    handoff,
    stores,
    auth,
    console: consoleStores,
    person,
    subscriptions: counted.count,
    async addAccount(username, role) {
      await auth.accounts.add({ username, role, passwordHash: await hasher.hash(password) });
    },
    async login(username) {
      const res = await request(url).post('/api/console/login').send({ username, password }).expect(200);
      const setCookie = res.headers['set-cookie'];
      const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
      const cookie = first?.split(';')[0];
      if (cookie === undefined) throw new Error('login set no cookie');
      return { username, cookie, csrf: String(res.body.csrfToken) };
    },
    async enqueue(conversationId, extra = {}) {
      const { ticket } = await handoff.queue.enqueue({
        kind: 'chat',
        conversationId,
        channel: 'web',
        locale: 'nl',
        urgency: 'normal',
        reason: 'asked_for_human',
        summary: { phase: 2 },
        ...extra,
      });
      return ticket.id;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await handoff.close();
      await stores.close();
    },
  };
}
