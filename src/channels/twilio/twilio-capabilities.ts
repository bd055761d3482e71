import type { ChannelCapabilities } from '../../content/channel-capabilities.js';

/** SMS: plain text, choices numbered, one body up to Twilio's 1,600 characters, no reply window. */
export const smsCapabilities: ChannelCapabilities = {
  buttons: null,
  list: null,
  format: 'plain',
  typing: false,
  maxMessageLength: 1600,
  replyWindowHours: null,
};

/**
 * WhatsApp through Twilio without the Content API: numbered text (quick replies and lists need a Content SID per
 * choice set). Free text only within 24 hours of the person's last message.
 */
export const whatsappCapabilities: ChannelCapabilities = {
  buttons: null,
  list: null,
  format: 'plain',
  typing: false,
  maxMessageLength: 1600,
  replyWindowHours: 24,
};
