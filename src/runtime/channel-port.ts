import type { ChannelCapabilities, ChannelId } from '../content/channel-capabilities.js';
import type { RenderedMessage } from '../content/create-renderer.js';

/**
 * How to reach one conversation later on its own channel (a volunteer's line, a waiting-room update, a callback
 * confirmation). `address` is channel-specific (a phone number, a Teams conversation reference) and is kept only in
 * the conversation reference store, never in keys or logs.
 */
export interface ConversationReference {
  readonly conversationId: string;
  readonly channel: ChannelId;
  readonly address: Readonly<Record<string, unknown>>;
  /** ISO time of the person's last inbound message (reply windows, e.g. WhatsApp's 24 hours). */
  readonly lastInboundAt?: string;
}

/** What a proactive send achieved; `window_closed` means the person must write first (or a template was used). */
export type DeliveryResult = { readonly ok: true } | { readonly ok: false; readonly reason: 'window_closed' | 'stale' | 'provider_error'; readonly detail?: string };

/** Every channel implements this; the runtime and the handoff relay know channels only through it. */
export interface ChannelAdapter {
  readonly id: ChannelId;
  readonly capabilities: ChannelCapabilities;
  /** Sends already-rendered messages to the person behind the reference. Must not throw for provider faults. */
  deliver(reference: ConversationReference, messages: readonly RenderedMessage[]): Promise<DeliveryResult>;
  /** An ephemeral status line (e.g. the waiting room's new place); channels that charge per message leave it out. */
  status?(reference: ConversationReference, text: string): Promise<void>;
  /** Shows "typt…" where the channel can (capabilities.typing). */
  typing?(reference: ConversationReference): Promise<void>;
}
