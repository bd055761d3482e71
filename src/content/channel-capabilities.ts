/**
 * The channel edge's shared vocabulary (DESIGN.md §2 "The channel edge"): which channels exist and what each can show.
 * It lives in `content` because rendering per capability happens here; the runtime, the handoff relay and every
 * channel adapter import it from here. Channel SDK types never appear in this file.
 */

/** A channel we talk to people on. Stored as `ticket.channel` and in conversation references. */
export const CHANNEL_IDS = ['web', 'sms', 'whatsapp', 'teams'] as const;
export type ChannelId = (typeof CHANNEL_IDS)[number];

export function isChannelId(value: string): value is ChannelId {
  return (CHANNEL_IDS as readonly string[]).includes(value);
}

/** What a channel can show; the renderer picks buttons, a list or numbered text from this. */
export interface ChannelCapabilities {
  /** Tappable reply buttons, or null when the channel has none (SMS). */
  readonly buttons: { readonly max: number; readonly maxTitleLength: number } | null;
  /** A pick list (WhatsApp list message), or null. */
  readonly list: { readonly max: number; readonly maxTitleLength: number } | null;
  /** How text is escaped: `html` escapes variables and typed text; `markdown` escapes markdown; `plain` sends as is. */
  readonly format: 'html' | 'markdown' | 'plain';
  /** Whether the channel can show "typt…". */
  readonly typing: boolean;
  /** The longest single message the channel accepts, in characters. */
  readonly maxMessageLength: number;
  /** Hours after the person's last message in which we may write to them freely; null = any time. */
  readonly replyWindowHours: number | null;
}
