import type { ChannelCapabilities } from '../../content/channel-capabilities.js';
import type { RenderedMessage } from '../../content/create-renderer.js';
import type { Locale } from '../../engine/session-state.js';
import type { ChannelAdapter } from '../../runtime/channel-port.js';
import type { Runtime } from '../../runtime/handle-turn.js';
import type { MessageLog, ReplyBus } from '../../store/session-store.js';
import { createBotkitHub, type HubInput, type HubTurnResult } from '../botkit/create-botkit-hub.js';

export type WebInput = HubInput;

export interface WebChannel {
  /** One turn from the person; resolves with the bot messages of this turn (they are also published to the socket). */
  receive(conversationId: string, input: WebInput, locale: Locale): Promise<HubTurnResult>;
  /** The web's side of the channel edge (proactive messages, status lines, typing). */
  readonly adapter: ChannelAdapter;
}

/** The widget shows every choice as a button (long titles wrap), escapes nothing itself, and shows "typt…". */
export const webCapabilities: ChannelCapabilities = {
  buttons: { max: 12, maxTitleLength: 120 },
  list: null,
  format: 'html',
  typing: true,
  maxMessageLength: 4000,
  replyWindowHours: null,
};

/**
 * The web channel: turns through the Botkit hub. A turn's bot messages are kept in the conversation's message log (for
 * reconnects and polling) and published to the person's socket by the turn's own write; proactive ones here.
 */
export function createWebChannel(deps: { runtime: Runtime; messages: MessageLog; bus: ReplyBus }): WebChannel {
  const hub = createBotkitHub({
    runtime: deps.runtime,
    channel: 'web',
    // Only messages outside a turn come here (a volunteer's reply): a turn's own replies, and the goodbye of a deletion
    // (never kept), are written and published by the runtime.
    async deliver(conversationId, message) {
      // The widget shows every choice as a button: the layout hint is not part of its messages.
      const { layout: _layout, ...body } = message;
      const id = await deps.messages.append(conversationId, body);
      await deps.bus.publish(conversationId, { id, body });
      return id;
    },
  });
  const adapter: ChannelAdapter = {
    id: 'web',
    capabilities: webCapabilities,
    async deliver(reference, messages: readonly RenderedMessage[]) {
      try {
        await hub.sendProactive(reference.conversationId, messages);
        return { ok: true };
      } catch (e) {
        return { ok: false, reason: 'provider_error', detail: e instanceof Error ? e.name : 'unknown' };
      }
    },
    async status(reference, text) {
      await deps.bus.publish(reference.conversationId, { id: '0-0', body: { type: 'status', text } });
    },
    async typing(reference) {
      // Ephemeral: straight to the person's socket, never into the message log.
      await deps.bus.publish(reference.conversationId, { id: '0-0', body: { type: 'typing' } });
    },
  };
  return { receive: (conversationId, input, locale) => hub.receive(conversationId, input, locale), adapter };
}
