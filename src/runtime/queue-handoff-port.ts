import type { HandoffQueue } from '../handoff/handoff-queue.js';
import { isLiveChat } from '../handoff/ticket.js';
import type { HandoffPort } from './handoff-port.js';
import { meldingSummary } from './melding-from-answers.js';

export interface QueueHandoffPortDeps {
  readonly queue: HandoffQueue;
  /** Opening hours and volunteers signed in (the console's presence). */
  readonly online: (now: Date) => Promise<boolean>;
  /** After a ticket was erased on request: remove what else hangs on it (the volunteers' private notes). */
  readonly onErased?: (ticketId: string) => Promise<void>;
}

export { OFFLINE_REASONS } from '../handoff/ticket.js';

/** The runtime's view of the real volunteer queue. */
export function queueHandoffPort(deps: QueueHandoffPortDeps): HandoffPort {
  const { queue } = deps;
  return {
    async mode(conversationId) {
      const ticket = await queue.byConversation(conversationId);
      // A callback request or a left message does not keep the person in a live waiting room.
      if (ticket === null || ticket.state === 'closed' || !isLiveChat(ticket)) return { mode: 'none', ticketId: null };
      return { mode: ticket.state === 'claimed' ? 'claimed' : 'waiting', ticketId: ticket.id };
    },
    online: deps.online,
    async request(conversationId, effect, meta) {
      const { ticket, status } = await queue.enqueue({
        kind: 'chat',
        conversationId,
        channel: meta.channel,
        locale: meta.locale,
        urgency: effect.priority,
        reason: effect.reason,
        summary: { ...effect.summary },
      });
      const [position, waitSeconds] = await Promise.all([queue.position(ticket.id), queue.expectedWaitSeconds()]);
      return { status, ticketId: ticket.id, position, waitSeconds };
    },
    async requestMelding(melding, meta) {
      await queue.enqueue({
        kind: 'melding',
        conversationId: melding.conversationId,
        channel: meta.channel,
        locale: meta.locale,
        urgency: melding.urgency,
        reason: 'melding',
        summary: meldingSummary(melding),
        meldingRef: melding.code,
      });
    },
    async erase(conversationId) {
      for (const ticket of await queue.openByConversation(conversationId)) {
        await queue.erase(ticket.id);
        await deps.onErased?.(ticket.id);
      }
    },
    async cancel(conversationId) {
      const ticket = await queue.byConversation(conversationId);
      if (ticket !== null && ticket.state !== 'closed') await queue.cancel(ticket.id);
    },
  };
}
