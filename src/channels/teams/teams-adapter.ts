import { randomUUID } from 'node:crypto';
import type { ChannelCapabilities } from '../../content/channel-capabilities.js';
import type { ChannelAdapter, DeliveryResult } from '../../runtime/channel-port.js';
import { teamsAddressSchema, type TeamsStore } from '../../store/teams-store.js';
import type { TeamsConnector } from './teams-connector.js';
import { toTeamsMessage } from './teams-people.js';

/**
 * What Teams can show a person: choices as Adaptive Card buttons (Teams lays out up to 6 actions in a card; suggested
 * actions would show only 3), markdown text, up to about 28 KB per message, and no reply window.
 */
export const teamsCapabilities: ChannelCapabilities = {
  buttons: { max: 6, maxTitleLength: 60 },
  list: null,
  format: 'markdown',
  typing: false,
  maxMessageLength: 20_000,
  replyWindowHours: null,
};

/** The reference's address as the Teams channel stored it (the person's Teams user id rides along). */
const referenceAddressSchema = teamsAddressSchema.extend({ userId: teamsAddressSchema.shape.botId.optional() });

/** Proactive sends to a person in Teams (a volunteer's line, a waiting-room update), through their stored reference. */
export function createTeamsAdapter(connector: TeamsConnector, store: TeamsStore): ChannelAdapter {
  return {
    id: 'teams',
    capabilities: teamsCapabilities,
    async deliver(reference, messages): Promise<DeliveryResult> {
      const parsed = referenceAddressSchema.safeParse(reference.address);
      if (!parsed.success) return { ok: false, reason: 'provider_error', detail: 'not a Teams reference' };
      const { userId: _userId, ...address } = parsed.data;
      const cardId = randomUUID();
      if (messages.some((m) => (m.quick_replies?.length ?? 0) > 0)) await store.setLastCard(reference.conversationId, { cardId, messages });
      for (const message of messages) {
        const result = await connector.send(address, toTeamsMessage(message, cardId));
        if (!result.ok) return { ok: false, reason: result.reason, ...(result.status === null ? {} : { detail: `status ${result.status}` }) };
      }
      return { ok: true };
    },
  };
}
