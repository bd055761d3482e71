import { HandoffError } from '../../handoff/handoff-error.js';
import type { HandoffQueue } from '../../handoff/handoff-queue.js';
import type { Ticket } from '../../handoff/ticket.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { linkCodePattern, type TeamsAddress, type TeamsStore } from '../../store/teams-store.js';
import type { TeamsActivity } from './teams-activity.js';
import { alertCard, alertFacts, viewOf, type TeamsText } from './teams-cards.js';
import type { TeamsConnector } from './teams-connector.js';
import type { CardActionAnswer } from './teams-sdk-app.js';
import type { Locale } from '../../shared/locale-registry.js';

/** What a volunteer in Teams can do to a ticket's person: the same port the console uses. */
export interface VolunteerPersonPort {
  sendVolunteerMessage(conversationId: string, text: string, volunteer: string): Promise<unknown>;
  ticketChanged(ticket: Ticket, change: 'claimed' | 'released' | 'expired' | 'closed'): Promise<void>;
}

export interface TeamsVolunteerDeps {
  readonly queue: HandoffQueue;
  readonly person: VolunteerPersonPort;
  readonly store: TeamsStore;
  readonly connector: TeamsConnector;
  readonly t: TeamsText;
  /** The console's address for one ticket. */
  readonly consoleUrl: (ticketId: string) => string;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** "meldingen hier" (after the SDK strips the @mention): this channel becomes the alert channel. */
const ALERTS_HERE = /^meldingen\s+hier[.!]?$/i;

/** A channel message's conversation id names its thread (`;messageid=`); new alerts go to the channel itself. */
export function channelRoot(address: TeamsAddress): TeamsAddress {
  return { ...address, conversationId: address.conversationId.replace(/;messageid=.*$/, '') };
}

/**
 * The volunteers' side of Teams: the alert channel command, linking by code, "Oppakken" (the same atomic claim as
 * the console) and their 1:1 lines to the person while they hold the ticket.
 */
export function createTeamsVolunteers(deps: TeamsVolunteerDeps) {
  const log = deps.logger.child({ module: 'teams-volunteers' });
  const { store, connector, t } = deps;
  const say = async (address: TeamsAddress, key: string, locale: Locale, vars?: Record<string, string | number>): Promise<void> => {
    await connector.send(address, { text: t(key, locale, vars), format: 'plain' });
  };

  /** The card for a ticket as it is now (the loser's answer, and every update). */
  const cardNow = (ticket: Ticket) => alertCard(alertFacts(ticket), viewOf(ticket), t, deps.consoleUrl(ticket.id));

  /** The volunteer's 1:1 chat: known from an earlier message, or opened now from the card press. */
  const personalChatOf = async (username: string, activity: TeamsActivity): Promise<TeamsAddress | null> => {
    if (activity.scope === 'personal') {
      await store.setPersonalChat(username, activity.address);
      return activity.address;
    }
    const known = await store.personalChat(username);
    if (known !== null) return known;
    const opened = await connector.openPersonalChat(activity.address.serviceUrl, activity.address.tenantId, activity.address.botId, activity.user.id);
    if (opened !== null) await store.setPersonalChat(username, opened);
    return opened;
  };

  return {
    /** A channel (or group chat) message: only "meldingen hier" does something. */
    async channelMessage(activity: TeamsActivity, text: string): Promise<void> {
      if (!ALERTS_HERE.test(text)) {
        await say(activity.address, 'teams:channel.unknown', activity.locale);
        return;
      }
      await store.setAlertChannel({
        address: channelRoot(activity.address),
        label: activity.channelLabel,
        setBy: activity.user.name.slice(0, 200),
        setAt: deps.clock.now().toISOString(),
        stale: false,
      });
      log.info('teams alert channel set');
      await say(activity.address, 'teams:channel.alerts_here', activity.locale);
    },

    /**
     * A 1:1 message from a Teams user. Returns false when it is not a volunteer's (the person's turn runs then).
     * A link code links; a linked volunteer's line goes to the person of the ticket they hold from Teams.
     */
    async personalMessage(activity: TeamsActivity, text: string): Promise<boolean> {
      const aad = activity.user.aadObjectId;
      const code = text.trim().toUpperCase();
      if (aad !== null && linkCodePattern.test(code)) {
        const username = await store.redeemLinkCode(code);
        if (username === null) {
          await say(activity.address, 'teams:volunteer.bad_code', activity.locale);
          return true;
        }
        await store.link(aad, username);
        await store.setPersonalChat(username, activity.address);
        await say(activity.address, 'teams:volunteer.linked', activity.locale, { name: username });
        return true;
      }
      const username = aad === null ? null : await store.volunteerOf(aad);
      if (username === null) return false;
      await store.setPersonalChat(username, activity.address);
      const ticketId = await store.focus(username);
      const ticket = ticketId === null ? null : await deps.queue.get(ticketId);
      if (ticket === null || ticket.state !== 'claimed' || ticket.claimedBy !== username) {
        await say(activity.address, 'teams:volunteer.held_elsewhere', activity.locale);
        return true;
      }
      // Heartbeat rule: every line from Teams keeps the volunteer's claims alive, like the console's heartbeat.
      await deps.queue.heartbeat(username);
      await deps.person.sendVolunteerMessage(ticket.conversationId, text, username);
      return true;
    },

    /** "Oppakken": the same atomic claim as the console. Answers with the card as it is after the press. */
    async claim(activity: TeamsActivity, ticketId: string): Promise<CardActionAnswer> {
      const aad = activity.user.aadObjectId;
      const username = aad === null ? null : await store.volunteerOf(aad);
      if (username === null) return { kind: 'message', text: t('teams:volunteer.not_linked', activity.locale) };
      const before = await deps.queue.get(ticketId);
      if (before === null) return { kind: 'message', text: t('teams:alert.gone', activity.locale) };
      let ticket: Ticket;
      try {
        ticket = await deps.queue.claim(ticketId, username);
      } catch (error) {
        if (!(error instanceof HandoffError)) throw error;
        const now = await deps.queue.get(ticketId);
        return now === null ? { kind: 'message', text: t('teams:alert.gone', activity.locale) } : { kind: 'card', card: cardNow(now) };
      }
      await store.setFocus(username, ticket.id);
      // Pressing again what one already holds only extends the lease: the person was told already.
      if (!(before.state === 'claimed' && before.claimedBy === username)) await deps.person.ticketChanged(ticket, 'claimed');
      const chat = await personalChatOf(username, activity);
      if (chat !== null) await say(chat, 'teams:volunteer.claimed', activity.locale, { minutes: Math.max(1, Math.round(deps.queue.claimTimeoutSeconds / 60)) });
      log.info({ ticketId: ticket.id }, 'ticket claimed from teams');
      return { kind: 'card', card: cardNow(ticket) };
    },

    /**
     * The Action.Submit fallback of "Oppakken" has no invoke answer: the channel's card is updated by the claim's event
     * (or already shows who has it), so only a text answer (not linked, gone) is sent to the thread.
     */
    async claimBySubmit(activity: TeamsActivity, ticketId: string): Promise<void> {
      const answer = await this.claim(activity, ticketId);
      if (answer.kind === 'message') await connector.send(activity.address, { text: answer.text, format: 'plain' });
    },
  };
}

export type TeamsVolunteers = ReturnType<typeof createTeamsVolunteers>;
