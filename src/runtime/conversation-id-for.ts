import { createHmac } from 'node:crypto';
import type { ChannelId } from '../content/channel-capabilities.js';

/**
 * A channel identity (a phone number, a Teams user id) becomes a conversation id by a keyed hash at the edge, so the
 * identity never appears in keys or logs (DESIGN.md §6). Keyed with the server secret: without it, nobody can test
 * whether a known number has talked to us. The same identity on another channel is another conversation.
 */
export function conversationIdFor(secret: string, channel: ChannelId, identity: string): string {
  const digest = createHmac('sha256', secret).update(`conversation-id\n${channel}\n${identity}`).digest('base64url');
  return `${channel}-${digest.slice(0, 32)}`;
}
