import type { ChannelCapabilities } from '../../src/content/channel-capabilities.js';

/** Plain text with every choice as a button: what the transcripts have always recorded (buttons listed apart). */
export const plainWithButtons: ChannelCapabilities = {
  buttons: { max: 12, maxTitleLength: 1000 },
  list: null,
  format: 'plain',
  typing: false,
  maxMessageLength: 100_000,
  replyWindowHours: null,
};

/** A channel without buttons or lists (like SMS): choices become numbered text. */
export const numberedText: ChannelCapabilities = { ...plainWithButtons, buttons: null };
