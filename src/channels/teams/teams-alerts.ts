import type { HandoffEvent, HandoffEvents } from '../../handoff/handoff-events.js';
import type { HandoffQueue } from '../../handoff/handoff-queue.js';
import { RELAY_CHANNEL, relayEventSchema } from '../../handoff/relay-event.js';
import type { Ticket } from '../../handoff/ticket.js';
import type { Logger } from '../../shared/logger.js';
import type { ReplyBus } from '../../store/session-store.js';
import type { TeamsStore } from '../../store/teams-store.js';
import { alertCard, alertFacts, viewOf, type TeamsText } from './teams-cards.js';
import type { TeamsConnector } from './teams-connector.js';
import { sourceLocale } from '../../shared/locale-registry.js';

export interface TeamsAlertDeps {
  readonly queue: HandoffQueue;
  readonly events: HandoffEvents;
  readonly bus: ReplyBus;
  readonly store: TeamsStore;
  readonly connector: TeamsConnector;
  readonly t: TeamsText;
  readonly consoleUrl: (ticketId: string) => string;
  readonly logger: Logger;
  /** How long a handled event or relayed line is remembered across processes (deduplication). */
  readonly dedupeSeconds?: number;
}

const ALERT_URGENCIES: ReadonlySet<Ticket['urgency']> = new Set(['urgent', 'crisis']);

/**
 * Keeps Teams in step with the queue, in every process: an alert card for each urgent or crisis ticket (posted once
 * across processes), the card updated on every change wherever it was made, the volunteer told in their 1:1 chat when
 * a Teams claim ends, and the person's lines relayed to the volunteer who holds the chat from Teams.
 * Every handler catches its own faults: a Teams or store error never reaches the event bus.
 */
export function startTeamsAlerts(deps: TeamsAlertDeps) {
  const log = deps.logger.child({ module: 'teams-alerts' });
  const dedupe = deps.dedupeSeconds ?? 3600;
  const { store, connector, t } = deps;
  const pending = new Set<Promise<void>>();
  const track = (work: Promise<void>): void => {
    const p = work.catch((err: unknown) => log.warn({ err }, 'teams alert handling failed')).finally(() => pending.delete(p));
    pending.add(p);
  };

  const cardOf = (ticket: Ticket | null, ticketId: string, fallback: HandoffEvent) =>
    alertCard(ticket === null ? { ticketId, urgency: fallback.urgency, kind: fallback.kind, reason: 'other', waitingSince: fallback.at } : alertFacts(ticket), viewOf(ticket), t, deps.consoleUrl(ticketId));

  async function postOrUpdate(event: HandoffEvent): Promise<void> {
    // One process handles each event; the others skip it (the card ends up the same either way).
    if (!(await store.once('handoff-event', `${event.ticketId}:${event.type}:${event.at}`, dedupe))) return;
    // Null after "verwijder mijn gegevens": the card then says the conversation is gone.
    const ticket = await deps.queue.get(event.ticketId);
    const record = await store.alertCard(event.ticketId);
    if (record !== null && record.activityId !== '') {
      const result = await connector.update(record.address, record.activityId, { card: cardOf(ticket, event.ticketId, event) });
      if (!result.ok && result.reason === 'stale') await store.markAlertChannelStale(record.address.conversationId);
    } else if (record === null && ticket !== null && ticket.state === 'waiting' && ALERT_URGENCIES.has(ticket.urgency)) {
      await postAlert(ticket);
    }
    await tellVolunteer(event);
  }

  async function postAlert(ticket: Ticket): Promise<void> {
    const channel = await store.alertChannel();
    if (channel === null || channel.stale) return;
    if (!(await store.reserveAlertCard(ticket.id, channel.address))) return;
    const result = await connector.send(channel.address, { card: alertCard(alertFacts(ticket), viewOf(ticket), t, deps.consoleUrl(ticket.id)) });
    if (result.ok) {
      await store.setAlertCard(ticket.id, { activityId: result.activityId, address: channel.address });
      log.info({ ticketId: ticket.id }, 'teams alert card posted');
      return;
    }
    // Not posted: a later event of this ticket may try again.
    await store.forgetAlertCard(ticket.id);
    if (result.reason === 'stale') {
      await store.markAlertChannelStale(channel.address.conversationId);
      log.warn('teams alert channel refused the bot (403): coordinators see it in the console');
    }
  }

  /** A Teams holder hears in their 1:1 chat that their claim ended without them (expiry, close or cancel elsewhere). */
  async function tellVolunteer(event: HandoffEvent): Promise<void> {
    if (event.volunteerId === null || !['expired', 'closed', 'cancelled', 'released'].includes(event.type)) return;
    if ((await store.focus(event.volunteerId)) !== event.ticketId) return;
    await store.forgetFocus(event.volunteerId);
    const chat = await store.personalChat(event.volunteerId);
    if (chat === null || event.type === 'released') return;
    const result = await connector.send(chat, { text: t(event.type === 'expired' ? 'teams:volunteer.expired' : 'teams:volunteer.ended', sourceLocale), format: 'plain' });
    if (!result.ok && result.reason === 'stale') await store.forgetPersonalChat(event.volunteerId);
  }

  /** The person's line reaches the volunteer's Teams 1:1 chat when they hold the ticket from Teams. */
  async function relayToVolunteer(body: unknown): Promise<void> {
    const parsed = relayEventSchema.safeParse(body);
    if (!parsed.success || parsed.data.type !== 'message' || parsed.data.line.from !== 'person') return;
    const event = parsed.data;
    const ticket = await deps.queue.byConversation(event.conversationId);
    if (ticket === null || ticket.state !== 'claimed' || ticket.claimedBy === null) return;
    if ((await store.focus(ticket.claimedBy)) !== ticket.id) return;
    const chat = await store.personalChat(ticket.claimedBy);
    if (chat === null) return;
    if (!(await store.once('relay', `${event.conversationId}:${event.id}`, dedupe))) return;
    const result = await connector.send(chat, { text: t('teams:volunteer.from_person', sourceLocale, { text: event.line.text }), format: 'plain' });
    if (!result.ok && result.reason === 'stale') await store.forgetPersonalChat(ticket.claimedBy);
  }

  const subscriptions = Promise.all([
    deps.events.subscribe((event) => track(postOrUpdate(event))),
    deps.bus.subscribe(RELAY_CHANNEL, (message) => track(relayToVolunteer(message.body))),
  ]);

  return {
    /** Resolves once both subscriptions are live. */
    ready: async (): Promise<void> => void (await subscriptions),
    /** Waits until no handler is under way, including events published just before the call (tests, shutdown). */
    async idle(): Promise<void> {
      do {
        await new Promise((resolve) => setTimeout(resolve, 10));
        await Promise.all([...pending]);
      } while (pending.size > 0);
    },
    async stop(): Promise<void> {
      const unsubscribers = await subscriptions;
      await Promise.all(unsubscribers.map((unsubscribe) => unsubscribe()));
      await Promise.all([...pending]);
    },
  };
}

export type TeamsAlerts = ReturnType<typeof startTeamsAlerts>;
