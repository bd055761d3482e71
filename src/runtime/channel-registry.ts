import { isChannelId, type ChannelCapabilities, type ChannelId } from '../content/channel-capabilities.js';
import type { RenderedMessage } from '../content/create-renderer.js';
import type { ConversationReferenceStore } from '../store/conversation-reference-store.js';
import type { Logger } from '../shared/logger.js';
import type { ChannelAdapter, ConversationReference, DeliveryResult } from './channel-port.js';

/** For a conversation whose channel is not running here: plain numbered text, which every channel can show. */
const PLAIN_TEXT: ChannelCapabilities = { buttons: null, list: null, format: 'plain', typing: false, maxMessageLength: 1600, replyWindowHours: null };

/**
 * The channel edge's registry: server.ts registers each running channel's adapter; the runtime, the waiting room and
 * the volunteer relay reach a person only through `deliver`, on the conversation's own channel.
 */
export interface ChannelRegistry {
  register(adapter: ChannelAdapter): void;
  adapter(channel: ChannelId): ChannelAdapter | undefined;
  capabilities(channel: ChannelId): ChannelCapabilities;
  /** The stored reference, or (for channels that need no address, like the web) one made from the channel id. */
  reference(conversationId: string, channel: string | null): Promise<ConversationReference | null>;
  /** Sends rendered messages to a conversation outside its own turn. Never throws: failures come back as a result. */
  deliver(reference: ConversationReference, messages: readonly RenderedMessage[]): Promise<DeliveryResult>;
}

export function createChannelRegistry(deps: { references: ConversationReferenceStore; logger: Logger }): ChannelRegistry {
  const adapters = new Map<ChannelId, ChannelAdapter>();
  const log = deps.logger.child({ module: 'channels' });
  return {
    register(adapter) {
      adapters.set(adapter.id, adapter);
    },
    adapter: (channel) => adapters.get(channel),
    capabilities: (channel) => adapters.get(channel)?.capabilities ?? PLAIN_TEXT,
    async reference(conversationId, channel) {
      const stored = await deps.references.get(conversationId);
      if (stored !== null && isChannelId(stored.channel)) return { ...stored, channel: stored.channel };
      return channel !== null && isChannelId(channel) ? { conversationId, channel, address: {} } : null;
    },
    async deliver(reference, messages) {
      const adapter = adapters.get(reference.channel);
      if (adapter === undefined) {
        log.warn({ conversationId: reference.conversationId, channel: reference.channel }, 'no adapter for this channel: message not delivered');
        return { ok: false, reason: 'stale', detail: 'channel not running' };
      }
      try {
        const result = await adapter.deliver(reference, messages);
        if (!result.ok) log.warn({ conversationId: reference.conversationId, channel: reference.channel, reason: result.reason, detail: result.detail }, 'proactive delivery failed');
        return result;
      } catch (err) {
        // Adapters should not throw; if one does, the caller (a console request, a sweeper) must keep going.
        log.error({ conversationId: reference.conversationId, channel: reference.channel, err }, 'channel adapter threw on deliver');
        return { ok: false, reason: 'provider_error' };
      }
    },
  };
}
