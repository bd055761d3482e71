import type { RequestHandler } from 'express';
import type { HandoffEvents } from '../handoff/handoff-events.js';
import type { HandoffQueue } from '../handoff/handoff-queue.js';
import { RELAY_CHANNEL, relayEventSchema, type RelayEvent } from '../handoff/relay-event.js';
import type { Drain } from '../shared/drain.js';
import type { Logger } from '../shared/logger.js';
import type { ReplyBus } from '../store/session-store.js';
import { consoleAuthOf } from './auth/auth-middleware.js';
import type { ConsoleSessionStore } from './auth/console-session-store.js';
import type { VolunteerRole } from './auth/volunteer-store.js';

export interface EventStreamTiming {
  /** How often an open stream extends the volunteer's claims and console session. Default 20 000. */
  readonly heartbeatMs: number;
  /** How often a comment line keeps proxies from closing an idle stream. Default 15 000. */
  readonly pingMs: number;
  /** The browser's reconnect delay after a drop (`retry:`). Default 3000. */
  readonly retryMs: number;
}

export const defaultEventStreamTiming: EventStreamTiming = { heartbeatMs: 20_000, pingMs: 15_000, retryMs: 3000 };

export interface EventStreamDeps {
  readonly queue: HandoffQueue;
  readonly handoffEvents: HandoffEvents;
  readonly bus: ReplyBus;
  readonly sessions: ConsoleSessionStore;
  readonly logger: Logger;
  readonly timing?: Partial<EventStreamTiming>;
  /** On a graceful shutdown the stream ends; the browser reconnects (to another process) after `retry`. */
  readonly drain?: Drain;
}

/**
 * Live chat lines and typing reach only the volunteer who holds the chat, and coordinators (DESIGN.md §6, issue #11
 * finding 10). A crisis alert of a chat nobody holds yet goes to every volunteer: someone must take it now.
 */
async function maySee(queue: HandoffQueue, event: RelayEvent, username: string, role: VolunteerRole): Promise<boolean> {
  if (role === 'coordinator') return true;
  const ticketId = event.type === 'typing' ? null : event.ticketId;
  const ticket = ticketId !== null ? await queue.get(ticketId) : await queue.byConversation(event.conversationId);
  if (ticket === null || ticket.conversationId !== event.conversationId) return false;
  if (event.type === 'crisis_alert' && ticket.state === 'waiting') return true;
  return ticket.state === 'claimed' && ticket.claimedBy === username;
}

/**
 * GET /events (after requireVolunteer): server-sent events. `ready` once subscribed; `ticket` for every
 * queue event (ids and states only); `message`, `typing` and `crisis_alert` for relay events as they come.
 * While open it is the console's heartbeat: it extends the volunteer's claims and session. The stream ends
 * when the session does (logout elsewhere, account removed).
 */
export function consoleEventStream(deps: EventStreamDeps): RequestHandler {
  const timing = { ...defaultEventStreamTiming, ...deps.timing };
  const { queue, handoffEvents, bus, sessions, logger } = deps;

  return async (_req, res) => {
    const { username, sessionId, role } = consoleAuthOf(res);
    const unsubscribes: (() => Promise<void>)[] = [];
    const timers: NodeJS.Timeout[] = [];
    let open = true;

    const send = (event: string, data: unknown): void => {
      // JSON.stringify escapes line breaks, so `data:` is always one line.
      if (open && !res.writableEnded) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const cleanup = async (): Promise<void> => {
      if (!open) return;
      open = false;
      for (const timer of timers) clearInterval(timer);
      await Promise.all(unsubscribes.splice(0).map((off) => off().catch((err: unknown) => logger.warn({ err }, 'console stream unsubscribe failed'))));
    };
    const end = (): void => {
      void cleanup();
      if (!res.writableEnded) res.end();
    };
    const offDrain = deps.drain?.onDrain(end) ?? (() => undefined);
    // 'close' comes when the browser goes away or the server shuts down.
    res.on('close', () => {
      offDrain();
      void cleanup();
    });

    const beat = async (): Promise<void> => {
      try {
        await queue.heartbeat(username);
        if ((await sessions.touch(sessionId)) === null) end();
      } catch (err) {
        logger.warn({ err }, 'console stream heartbeat failed');
      }
    };

    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      // Tells nginx-style proxies not to buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write(`retry: ${timing.retryMs}\n\n`);

    try {
      const offTicket = await handoffEvents.subscribe((event) => send('ticket', event));
      unsubscribes.push(offTicket);
      // Checked one after another, so a chat's lines keep their order.
      let relayed: Promise<void> = Promise.resolve();
      const offRelay = await bus.subscribe(RELAY_CHANNEL, (message) => {
        // The bus is not a trusted input: only well-formed relay events go out.
        const parsed = relayEventSchema.safeParse(message.body);
        if (!parsed.success) return;
        const event = parsed.data;
        relayed = relayed
          .then(async () => {
            if (await maySee(queue, event, username, role)) send(event.type, event);
          })
          .catch((err: unknown) => logger.warn({ err }, 'console stream relay check failed'));
      });
      unsubscribes.push(offRelay);
    } catch (err) {
      logger.warn({ err }, 'console stream could not subscribe');
      end();
      return;
    }
    // The browser may have gone while subscribing: cleanup already ran, so undo the late subscriptions.
    if (!open) {
      await Promise.all(unsubscribes.splice(0).map((off) => off().catch(() => undefined)));
      return;
    }
    timers.push(setInterval(() => void beat(), timing.heartbeatMs));
    timers.push(setInterval(() => open && !res.writableEnded && res.write(': ping\n\n'), timing.pingMs));
    send('ready', { heartbeatSeconds: timing.heartbeatMs / 1000 });
    // A reconnecting console takes its claims back at once, not only at the next beat.
    await beat();
  };
}
