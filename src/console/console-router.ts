import express, { type RequestHandler, type Router } from 'express';
import type { HandoffEvents } from '../handoff/handoff-events.js';
import { HandoffError } from '../handoff/handoff-error.js';
import type { HandoffQueue } from '../handoff/handoff-queue.js';
import { transcriptLineSchema, type TranscriptLine } from '../handoff/relay-event.js';
import type { Ticket } from '../handoff/ticket.js';
import type { Clock } from '../shared/clock.js';
import { RequestError } from '../shared/errors.js';
import type { Drain } from '../shared/drain.js';
import type { Logger } from '../shared/logger.js';
import type { MessageLog, ReplyBus } from '../store/session-store.js';
import { consoleAuthOf, requireCoordinator, requireCsrf, requireVolunteer } from './auth/auth-middleware.js';
import { consoleAuthRouter, type ConsoleAuthRouterDeps } from './auth/auth-routes.js';
import type { CannedReplyStore } from './canned-reply-store.js';
import {
  cannedBodySchema,
  cannedQuerySchema,
  closeBodySchema,
  emptyBodySchema,
  messageBodySchema,
  noteBodySchema,
  parseInput,
  ticketListQuerySchema,
} from './console-bodies.js';
import { consoleEventStream, type EventStreamTiming } from './console-event-stream.js';
import type { NoteStore } from './note-store.js';
import type { PersonSide, TicketChange } from './person-side.js';
import { consoleTeamsRoutes, type ConsoleTeamsDeps } from './teams-routes.js';
import { ticketView } from './ticket-view.js';

export interface ConsoleDeps {
  readonly queue: HandoffQueue;
  readonly handoffEvents: HandoffEvents;
  /** stores.transcripts: TranscriptLine bodies per conversation. */
  readonly transcripts: MessageLog;
  /** stores.bus: relay events arrive on RELAY_CHANNEL. */
  readonly bus: ReplyBus;
  readonly person: PersonSide;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The sign-in layer (accounts, sessions, login settings): its routes are part of this router. */
  readonly auth: ConsoleAuthRouterDeps;
  readonly notes: NoteStore;
  readonly canned: CannedReplyStore;
  /** Event stream timing (tests shorten it). */
  readonly eventStream?: Partial<EventStreamTiming>;
  /** The Teams corner: alert channel (coordinators) and one-time link codes. */
  readonly teams?: ConsoleTeamsDeps;
  /** A graceful shutdown ends the open event streams. */
  readonly drain?: Drain;
}

/** One transcript line with its log id, in order. */
export type TranscriptEntry = TranscriptLine & { readonly id: string };

/**
 * The volunteer console's JSON API, mounted at /api/console. It includes the sign-in routes
 * (POST /login, POST /logout, GET /me); everything else needs a console session, and every
 * POST/PUT also the session's CSRF token in `x-csrf-token`:
 *
 * GET  /tickets?state=waiting|claimed|closed  -> { tickets: TicketView[] }
 * GET  /tickets/:id                           -> { ticket, transcript: TranscriptEntry[], notes: ConsoleNote[] }
 * POST /tickets/:id/claim                     -> { ticket }  (409 TICKET_CLAIMED when someone else holds it)
 * POST /tickets/:id/messages { text }         -> 204         (holder only: 409 TICKET_NOT_HELD)
 * POST /tickets/:id/typing                    -> 204         (holder only)
 * POST /tickets/:id/notes { text }            -> 201 { note }
 * POST /tickets/:id/release                   -> { ticket }  (a coordinator may release anyone's claim)
 * POST /tickets/:id/takeover                  -> { ticket }  (coordinator: claims it, also from another volunteer)
 * POST /tickets/:id/close { outcome }         -> { ticket }
 * POST /heartbeat                             -> { tickets: ids whose claim was extended }
 * GET  /events                                -> server-sent events (see console-event-stream.ts)
 * GET  /canned?locale=nl|en                   -> CannedReplyList
 * PUT  /canned { locale, replies }            -> CannedReplyList (coordinator)
 * GET  /stats                                 -> QueueStats & { signedIn, loginFailures } (coordinator)
 */
export function consoleRouter(deps: ConsoleDeps): Router {
  const { queue, person, logger } = deps;
  const router = express.Router();

  // Every answer here is about people: never cached by a browser or proxy.
  const noStore: RequestHandler = (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  };
  router.use(noStore);
  router.use(consoleAuthRouter(deps.auth));
  router.use(requireVolunteer(deps.auth), requireCsrf);

  /** After a change the console made: the person hears of it. A failure does not undo the change. */
  const tell = async (ticket: Ticket, change: TicketChange): Promise<void> => {
    try {
      await person.ticketChanged(ticket, change);
    } catch (err) {
      logger.warn({ err, ticketId: ticket.id, change }, 'could not tell the person about the ticket change');
    }
  };

  const existing = async (ticketId: string): Promise<Ticket> => {
    const ticket = await queue.get(ticketId);
    if (ticket === null) throw new HandoffError('TICKET_NOT_FOUND', ticketId);
    return ticket;
  };

  /** The ticket, when the caller holds its claim now. */
  const held = async (ticketId: string, username: string): Promise<Ticket> => {
    const ticket = await existing(ticketId);
    if (ticket.state === 'closed') throw new HandoffError('TICKET_CLOSED', ticketId);
    if (ticket.claimedBy !== username) throw new HandoffError('TICKET_NOT_HELD', ticketId);
    return ticket;
  };

  router.get('/tickets', async (req, res) => {
    const { state } = parseInput(ticketListQuerySchema, req.query);
    const tickets = await queue.list(state, deps.clock.now());
    res.json({ tickets: tickets.map(ticketView) });
  });

  router.get('/tickets/:id', async (req, res) => {
    const ticket = await existing(req.params.id);
    const [logged, notes] = await Promise.all([deps.transcripts.list(ticket.conversationId), deps.notes.list(ticket.id)]);
    const transcript: TranscriptEntry[] = [];
    for (const entry of logged) {
      // Skips anything in the log that is not a transcript line rather than failing the whole view.
      const line = transcriptLineSchema.safeParse(entry.body);
      if (line.success) transcript.push({ id: entry.id, ...line.data });
    }
    res.json({ ticket: ticketView(ticket), transcript, notes });
  });

  router.post('/tickets/:id/claim', async (req, res) => {
    parseInput(emptyBodySchema, req.body);
    const { username } = consoleAuthOf(res);
    const before = await existing(req.params.id);
    const ticket = await queue.claim(before.id, username);
    // Claiming again what one already holds only extends the lease: the person was told already.
    if (!(before.state === 'claimed' && before.claimedBy === username)) await tell(ticket, 'claimed');
    res.json({ ticket: ticketView(ticket) });
  });

  router.post('/tickets/:id/messages', async (req, res) => {
    const { text } = parseInput(messageBodySchema, req.body);
    const { username } = consoleAuthOf(res);
    const ticket = await held(req.params.id, username);
    const delivery = await person.sendVolunteerMessage(ticket.conversationId, text, username);
    // The line is in the transcript either way; the volunteer must see when it did not reach the person.
    if (delivery.ok) res.status(204).end();
    else res.json({ delivered: false, reason: delivery.reason });
  });

  router.post('/tickets/:id/typing', async (req, res) => {
    parseInput(emptyBodySchema, req.body);
    const ticket = await held(req.params.id, consoleAuthOf(res).username);
    await person.volunteerTyping(ticket.conversationId);
    res.status(204).end();
  });

  router.post('/tickets/:id/notes', async (req, res) => {
    const { text } = parseInput(noteBodySchema, req.body);
    const ticket = await existing(req.params.id);
    const note = await deps.notes.add(ticket.id, { by: consoleAuthOf(res).username, text }, deps.clock.now());
    res.status(201).json({ note });
  });

  router.post('/tickets/:id/release', async (req, res) => {
    parseInput(emptyBodySchema, req.body);
    const { username, role } = consoleAuthOf(res);
    const before = await existing(req.params.id);
    // An abandoned claim need not wait for the lease to run out: a coordinator gives it back at once.
    const forced = role === 'coordinator' && before.state === 'claimed' && before.claimedBy !== username;
    const ticket = forced ? await queue.forceRelease(before.id) : await queue.release(before.id, username);
    if (forced) logger.info({ ticketId: ticket.id, by: username }, 'coordinator released a claim');
    await tell(ticket, 'released');
    res.json({ ticket: ticketView(ticket) });
  });

  router.post('/tickets/:id/takeover', async (req, res) => {
    parseInput(emptyBodySchema, req.body);
    const { username, role } = consoleAuthOf(res);
    if (role !== 'coordinator') throw new RequestError('FORBIDDEN_ROLE');
    const before = await existing(req.params.id);
    const ticket = await queue.takeOver(before.id, username);
    if (before.state === 'claimed' && before.claimedBy !== username) logger.info({ ticketId: ticket.id, by: username }, 'coordinator took over a claim');
    // The person hears a (new) volunteer is there, unless the coordinator already held it.
    if (!(before.state === 'claimed' && before.claimedBy === username)) await tell(ticket, 'claimed');
    res.json({ ticket: ticketView(ticket) });
  });

  router.post('/tickets/:id/close', async (req, res) => {
    const { outcome } = parseInput(closeBodySchema, req.body);
    const ticket = await queue.close(req.params.id, consoleAuthOf(res).username, outcome);
    await tell(ticket, 'closed');
    res.json({ ticket: ticketView(ticket) });
  });

  router.post('/heartbeat', async (req, res) => {
    parseInput(emptyBodySchema, req.body);
    res.json({ tickets: await queue.heartbeat(consoleAuthOf(res).username) });
  });

  router.get(
    '/events',
    consoleEventStream({ queue, handoffEvents: deps.handoffEvents, bus: deps.bus, sessions: deps.auth.sessions, logger, timing: deps.eventStream, drain: deps.drain }),
  );

  router.get('/canned', async (req, res) => {
    const { locale } = parseInput(cannedQuerySchema, req.query);
    res.json(await deps.canned.get(locale));
  });

  router.put('/canned', requireCoordinator, async (req, res) => {
    const { locale, replies } = parseInput(cannedBodySchema, req.body);
    res.json(await deps.canned.set(locale, replies, consoleAuthOf(res).username, deps.clock.now()));
  });

  if (deps.teams !== undefined) router.use(consoleTeamsRoutes(deps.teams));

  router.get('/stats', requireCoordinator, async (_req, res) => {
    const now = deps.clock.now();
    const [stats, signedIn, loginFailures] = await Promise.all([queue.stats(now), deps.auth.sessions.activeVolunteers(now), deps.auth.loginBackoff?.recent() ?? []]);
    res.json({ ...stats, signedIn, loginFailures });
  });

  return router;
}
