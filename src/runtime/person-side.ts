import type { Channel, RenderedMessage, Renderer } from '../content/create-renderer.js';
import type { HumanEvent } from '../engine/step-types.js';
import { RELAY_CHANNEL, type RelayEvent } from '../handoff/relay-event.js';
import type { Ticket } from '../handoff/ticket.js';
import type { MessageLog, ReplyBus } from '../store/session-store.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { Runtime } from './handle-turn.js';
import { OFFLINE_REASONS } from './queue-handoff-port.js';

/** Sends bot messages to a person outside their own turn (their socket, poll and message log). */
export type DeliverProactive = (conversationId: string, channel: string, messages: readonly RenderedMessage[]) => Promise<void>;

export interface PersonSideDeps {
  readonly runtime: Runtime;
  readonly renderer: Renderer;
  readonly transcripts: MessageLog;
  readonly bus: ReplyBus;
  readonly deliver: DeliverProactive;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly onQueueChanged?: () => void;
}

const changeEvents: Record<'claimed' | 'released' | 'expired' | 'closed', HumanEvent> = {
  claimed: 'human_joined',
  released: 'human_requeued',
  expired: 'human_requeued',
  closed: 'human_left',
};

/**
 * The person's side of a handoff, used by the volunteer console: a volunteer's line reaches the person and the
 * transcript; a claim, release, expiry or close is told to the person by the bot (as an event turn, so the
 * conversation state follows: after a close the bot offers the menu again).
 */
export function createPersonSide(deps: PersonSideDeps) {
  const log = deps.logger.child({ module: 'person-side' });
  return {
    async sendVolunteerMessage(conversationId: string, text: string, volunteer: string): Promise<void> {
      const at = deps.clock.now().toISOString();
      const line = { at, from: 'volunteer' as const, text, volunteer };
      const id = await deps.transcripts.append(conversationId, line);
      await deps.deliver(conversationId, 'web', [{ type: 'message', text: deps.renderer.typedText(text, 'web') }]);
      const event: RelayEvent = { type: 'message', conversationId, ticketId: null, id, line };
      await deps.bus.publish(RELAY_CHANNEL, { id: '0-0', body: event });
    },
    async volunteerTyping(conversationId: string): Promise<void> {
      // Ephemeral: straight to the person's socket, never into the message log.
      await deps.bus.publish(conversationId, { id: '0-0', body: { type: 'typing' } });
    },
    async ticketChanged(ticket: Ticket, change: 'claimed' | 'released' | 'expired' | 'closed'): Promise<void> {
      deps.onQueueChanged?.();
      // Reports and callback requests are followed up outside the chat; only live chats hear of a volunteer.
      if (ticket.kind !== 'chat' || OFFLINE_REASONS.has(ticket.reason)) return;
      const channel: Channel = ticket.channel === 'plain' ? 'plain' : 'web';
      const outcome = await deps.runtime.handleTurn({ conversationId: ticket.conversationId, input: { kind: 'event', name: changeEvents[change] }, channel, locale: ticket.locale });
      if (outcome.messages.length > 0) await deps.deliver(ticket.conversationId, ticket.channel, outcome.messages);
      log.info({ conversationId: ticket.conversationId, ticketId: ticket.id, change }, 'person told of ticket change');
    },
  };
}

export type PersonSide = ReturnType<typeof createPersonSide>;
