import { randomInt, randomUUID } from 'node:crypto';
import { Botkit, type BotWorker, type BotkitMessage } from 'botkit';
import { ActivityTypes } from 'botbuilder';
import { z } from 'zod/v4';
import type { RenderedMessage } from '../../content/create-renderer.js';
import { localeSchema, type Locale } from '../../engine/session-state.js';
import type { Runtime } from '../../runtime/handle-turn.js';
import type { RevokedConversations } from '../../store/revoked-conversations.js';
import type { MessageLog, ReplyBus } from '../../store/session-store.js';
import { NullStorage } from './null-storage.js';
import { CHANNEL_ID, HuurhulpWebAdapter, type DeliveredMessage } from './web-adapter.js';

export interface WebInput {
  readonly text?: string;
  readonly payload?: string;
}

export interface WebChannel {
  /** One turn from the person; resolves with the bot messages of this turn (they are also published to the socket). */
  receive(conversationId: string, input: WebInput, locale: Locale): Promise<DeliveredMessage[]>;
  /** Sends messages to a conversation outside a turn (e.g. a volunteer's reply later). */
  sendProactive(conversationId: string, messages: readonly RenderedMessage[]): Promise<void>;
}

const incomingSchema = z.object({
  channel: z.string(),
  text: z.string().optional(),
  turnId: z.string(),
  payload: z.string().optional(),
  locale: localeSchema,
});

/**
 * The web channel runs through a Botkit controller, so every Botkit channel shares one path: activity in,
 * controller.handleTurn, our `message` handler calls the runtime, replies go out through bot.say and the adapter.
 */
export function createWebChannel(deps: { runtime: Runtime; messages: MessageLog; bus: ReplyBus; revoked?: RevokedConversations }): WebChannel {
  /** Deletion turns must not write the goodbye back into the log they just erased. */
  const ephemeralTurns = new Set<string>();
  const failures = new Map<string, unknown>();

  const adapter = new HuurhulpWebAdapter(async (conversationId, message, turnId) => {
    const id = turnId !== undefined && ephemeralTurns.has(turnId) ? `0-${randomInt(2 ** 47)}` : await deps.messages.append(conversationId, message);
    await deps.bus.publish(conversationId, { id, body: message });
    return id;
  });
  const controller = new Botkit({ adapter, storage: new NullStorage(), disable_webserver: true, disable_console: true });

  controller.on('message', async (bot: BotWorker, message: BotkitMessage) => {
    const parsed = incomingSchema.safeParse(message);
    if (!parsed.success) return;
    const m = parsed.data;
    try {
      const input = m.payload !== undefined ? { kind: 'payload' as const, payload: m.payload } : { kind: 'text' as const, text: m.text ?? '' };
      const outcome = await deps.runtime.handleTurn({ conversationId: m.channel, input, channel: 'web', locale: m.locale });
      if (outcome.deleted) {
        ephemeralTurns.add(m.turnId);
        // The token of a deleted conversation must not start it again under the same id.
        await deps.revoked?.revoke(m.channel);
      }
      for (const reply of outcome.messages) {
        await bot.say({ type: 'message', text: reply.text, channelData: { quick_replies: reply.quick_replies, input: reply.input } });
      }
    } catch (e) {
      // Botkit runs handlers inside callbacks that would swallow a rejection; hand it back to receive().
      failures.set(m.turnId, e);
    }
  });

  return {
    async receive(conversationId, input, locale) {
      const turnId = randomUUID();
      try {
        const activity = {
          type: ActivityTypes.Message,
          id: turnId,
          channelId: CHANNEL_ID,
          conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
          from: { id: conversationId, name: '' },
          recipient: { id: 'huurhulp', name: 'huurhulp' },
          text: input.text ?? '',
          channelData: { turnId, locale, ...(input.payload !== undefined ? { payload: input.payload } : {}) },
        };
        const sent = await adapter.processActivity(activity, controller.handleTurn.bind(controller));
        const failure = failures.get(turnId);
        if (failure !== undefined) throw failure;
        return sent;
      } finally {
        failures.delete(turnId);
        ephemeralTurns.delete(turnId);
      }
    },
    async sendProactive(conversationId, messages) {
      const reference = { channelId: CHANNEL_ID, conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' }, bot: { id: 'huurhulp', name: 'huurhulp' }, user: { id: conversationId, name: '' } };
      await adapter.continueConversation(reference, async (context) => {
        for (const m of messages) await context.sendActivity({ type: ActivityTypes.Message, text: m.text, channelData: { quick_replies: m.quick_replies, input: m.input } });
      });
    },
  };
}
