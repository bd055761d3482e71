import type { Renderer } from '../content/create-renderer.js';
import type { HandoffQueue } from '../handoff/handoff-queue.js';
import type { Logger } from '../shared/logger.js';
import type { ChannelRegistry } from './channel-registry.js';
import { OFFLINE_REASONS } from './queue-handoff-port.js';

/**
 * Tells every waiting person their new place in the line after the line changed, as an ephemeral status line on
 * their own channel (not kept in the message log). Channels without status lines (SMS costs per message) skip it.
 * Calls within `debounceMs` are merged, so a burst of changes sends one update.
 */
export function createWaitingRoomRefresher(deps: { queue: HandoffQueue; renderer: Renderer; channels: ChannelRegistry; logger: Logger; debounceMs?: number }) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const refresh = async (): Promise<void> => {
    const waiting = await deps.queue.list('waiting');
    const waitSeconds = await deps.queue.expectedWaitSeconds();
    const waitMinutes = waitSeconds === null ? 0 : Math.max(1, Math.round(waitSeconds / 60));
    await Promise.all(
      waiting.map(async (ticket, i) => {
        // Only people in a live waiting room: a report or a callback request is followed up later, outside the chat.
        if (ticket.kind !== 'chat' || OFFLINE_REASONS.has(ticket.reason)) return;
        const locale = ticket.locale;
        const vars = { position: i + 1, wait_known: waitSeconds !== null, wait_minutes: waitMinutes };
        const reference = await deps.channels.reference(ticket.conversationId, ticket.channel);
        const adapter = reference === null ? undefined : deps.channels.adapter(reference.channel);
        if (reference === null || adapter?.status === undefined) return;
        const { text } = deps.renderer.render({ type: 'message', ns: 'common', key: 'waiting_update', vars, quickReplies: [] }, locale, adapter.capabilities);
        await adapter.status(reference, text);
      }),
    );
  };
  return {
    /** Schedules an update; safe to call often. */
    changed(): void {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        running = running.then(refresh).catch((err: unknown) => deps.logger.warn({ err }, 'waiting room update failed'));
      }, deps.debounceMs ?? 300);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
