import { randomUUID } from 'node:crypto';
import { Botkit, type BotWorker, type BotkitMessage } from 'botkit';
import { ActivityTypes } from 'botbuilder';
import type { RenderedMessage } from '../../content/create-renderer.js';
import type { Locale } from '../../engine/session-state.js';
import type { Runtime, TurnOutcome } from '../../runtime/handle-turn.js';
import type { MessageLog, ReplyBus } from '../../store/session-store.js';
import { NullStorage } from './null-storage.js';
import { CHANNEL_ID, HuurhulpWebAdapter, SENT_ID, type DeliveredMessage } from './web-adapter.js';

export interface WebInput {
  readonly text?: string;
  readonly payload?: string;
  /** The widget's id for this turn: a retry with the same id is answered from the log, never applied twice. */
  readonly turnId?: string;
}

export interface WebTurnResult {
  readonly messages: DeliveredMessage[];
  /** False when the replies could not go out on the live channel (the caller should hand them to the socket itself). */
  readonly published: boolean;
  /** True when the turn is kept (now, or by an earlier try with the same turn id): the client may stop resending it. */
  readonly applied: boolean;
}

export interface WebChannel {
  /** One turn from the person; resolves with the bot messages of this turn (they are also published to the socket). */
  receive(conversationId: string, input: WebInput, locale: Locale): Promise<WebTurnResult>;
  /** Sends messages to a conversation outside a turn (e.g. a volunteer's reply later). */
  sendProactive(conversationId: string, messages: readonly RenderedMessage[]): Promise<void>;
}

/** What receive() hands to the Botkit handler, and what the handler hands back: kept per activity, no parsing. */
interface Pending {
  readonly conversationId: string;
  readonly input: WebInput;
  readonly locale: Locale;
  outcome?: TurnOutcome;
  failure?: { readonly error: unknown };
}

/**
 * The web channel runs through a Botkit controller, so every Botkit channel shares one path: activity in,
 * controller.handleTurn, our `message` handler calls the runtime, replies go out through bot.say and the adapter.
 */
export function createWebChannel(deps: { runtime: Runtime; messages: MessageLog; bus: ReplyBus }): WebChannel {
  const pending = new Map<string, Pending>();

  const adapter = new HuurhulpWebAdapter(async (conversationId, message) => {
    const id = await deps.messages.append(conversationId, message);
    await deps.bus.publish(conversationId, { id, body: message });
    return id;
  });
  const controller = new Botkit({ adapter, storage: new NullStorage(), disable_webserver: true, disable_console: true });

  controller.on('message', async (bot: BotWorker, message: BotkitMessage) => {
    const turnId = message.incoming_message.id;
    const p = turnId === undefined ? undefined : pending.get(turnId);
    if (p === undefined) return;
    try {
      const { input, conversationId, locale } = p;
      const runtimeInput = input.payload !== undefined ? { kind: 'payload' as const, payload: input.payload } : { kind: 'text' as const, text: input.text ?? '' };
      const outcome = await deps.runtime.handleTurn({ conversationId, input: runtimeInput, channel: 'web', locale, ...(input.turnId !== undefined ? { clientTurnId: input.turnId } : {}) });
      p.outcome = outcome;
      for (const reply of outcome.messages) {
        await bot.say({ type: 'message', text: reply.text, channelData: { quick_replies: reply.quick_replies, input: reply.input, [SENT_ID]: reply.id } });
      }
    } catch (e) {
      // Botkit runs handlers inside callbacks that would swallow a rejection; hand it back to receive().
      p.failure = { error: e };
    }
  });

  return {
    async receive(conversationId, input, locale) {
      const activityId = randomUUID();
      const p: Pending = { conversationId, input, locale };
      pending.set(activityId, p);
      try {
        const activity = {
          type: ActivityTypes.Message,
          id: activityId,
          channelId: CHANNEL_ID,
          conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
          from: { id: conversationId, name: '' },
          recipient: { id: 'huurhulp', name: 'huurhulp' },
          text: input.text ?? '',
        };
        const sent = await adapter.processActivity(activity, controller.handleTurn.bind(controller));
        if (p.failure !== undefined) throw p.failure.error;
        return { messages: sent, published: p.outcome?.published ?? false, applied: p.outcome?.applied ?? false };
      } finally {
        pending.delete(activityId);
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
