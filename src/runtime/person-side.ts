import type { Renderer } from '../content/create-renderer.js';
import type { HumanEvent } from '../engine/step-types.js';
import { RELAY_CHANNEL, type RelayEvent } from '../handoff/relay-event.js';
import type { Ticket } from '../handoff/ticket.js';
import type { MessageLog, ReplyBus } from '../store/session-store.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { ChannelRegistry } from './channel-registry.js';
import type { DeliveryResult } from './channel-port.js';
import type { Runtime } from './handle-turn.js';
import { OFFLINE_REASONS } from './queue-handoff-port.js';

export interface PersonSideDeps {
  readonly runtime: Runtime;
  readonly renderer: Renderer;
  readonly transcripts: MessageLog;
  readonly bus: ReplyBus;
  /** Every proactive message goes through the conversation's own channel. */
  readonly channels: ChannelRegistry;
  /** The channel stored with the conversation's open ticket (for channels that keep no reference), or null. */
  readonly channelOf: (conversationId: string) => Promise<string | null>;
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
    async sendVolunteerMessage(conversationId: string, text: string, volunteer: string): Promise<DeliveryResult> {
      const at = deps.clock.now().toISOString();
      const line = { at, from: 'volunteer' as const, text, volunteer };
      const id = await deps.transcripts.append(conversationId, line);
      const reference = await deps.channels.reference(conversationId, await deps.channelOf(conversationId));
      const result: DeliveryResult =
        reference === null
          ? { ok: false, reason: 'stale' }
          : await deps.channels.deliver(reference, [{ type: 'message', text: deps.renderer.typedText(text, deps.channels.capabilities(reference.channel)) }]);
      const event: RelayEvent = { type: 'message', conversationId, ticketId: null, id, line };
      await deps.bus.publish(RELAY_CHANNEL, { id: '0-0', body: event });
      return result;
    },
    async volunteerTyping(conversationId: string): Promise<void> {
      // Ephemeral, and only where the channel can show it.
      const reference = await deps.channels.reference(conversationId, await deps.channelOf(conversationId));
      if (reference === null) return;
      await deps.channels.adapter(reference.channel)?.typing?.(reference);
    },
    async ticketChanged(ticket: Ticket, change: 'claimed' | 'released' | 'expired' | 'closed'): Promise<void> {
      deps.onQueueChanged?.();
      // Reports and callback requests are followed up outside the chat; only live chats hear of a volunteer.
      if (ticket.kind !== 'chat' || OFFLINE_REASONS.has(ticket.reason)) return;
      const reference = await deps.channels.reference(ticket.conversationId, ticket.channel);
      if (reference === null) {
        log.warn({ conversationId: ticket.conversationId, ticketId: ticket.id, change }, 'no way to reach the person of this ticket');
        return;
      }
      const outcome = await deps.runtime.handleTurn({ conversationId: ticket.conversationId, input: { kind: 'event', name: changeEvents[change] }, channel: reference.channel, locale: ticket.locale });
      // The turn's own write kept and published the messages on the web's live channel; other channels deliver here.
      if (outcome.messages.length > 0 && (reference.channel !== 'web' || !outcome.published)) await deps.channels.deliver(reference, outcome.messages);
      log.info({ conversationId: ticket.conversationId, ticketId: ticket.id, change }, 'person told of ticket change');
    },
  };
}

export type PersonSide = ReturnType<typeof createPersonSide>;
