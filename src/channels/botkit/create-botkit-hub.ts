import { randomUUID } from 'node:crypto';
import { Botkit, type BotWorker, type BotkitMessage } from 'botkit';
import { ActivityTypes } from 'botbuilder';
import { z } from 'zod/v4';
import type { ChannelId } from '../../content/channel-capabilities.js';
import type { RenderedMessage } from '../../content/create-renderer.js';
import { localeSchema, type Locale } from '../../engine/session-state.js';
import type { Runtime } from '../../runtime/handle-turn.js';
import { HubAdapter, toChannelData, type DeliveredMessage } from './hub-adapter.js';
import { NullStorage } from './null-storage.js';
import { createBotkitEventTurn } from './botkit-event-turn.js';

export type { DeliveredMessage } from './hub-adapter.js';

export interface HubInput {
  readonly text?: string;
  readonly payload?: string;
  /** The client's id for this turn: a retry with the same id is answered from the log, never applied twice. */
  readonly turnId?: string;
}

export interface HubTurnResult {
  readonly messages: DeliveredMessage[];
  /** False when the replies could not go out on the live channel (the caller should hand them over itself). */
  readonly published: boolean;
  /** True when the turn is kept (now, or by an earlier try with the same turn id): the client may stop resending it. */
  readonly applied: boolean;
}

/** What the channel's `deliver` learns about the turn a message belongs to (none for a proactive message). */
export interface HubTurn {
  readonly id: string | undefined;
}

export interface BotkitHub {
  /** One turn from the person; resolves with the bot messages of this turn (each already passed to `deliver`). */
  receive(conversationId: string, input: HubInput, locale: Locale): Promise<HubTurnResult>;
  /** Sends messages to a conversation outside a turn (e.g. a volunteer's reply later) through `deliver`. */
  sendProactive(conversationId: string, messages: readonly RenderedMessage[]): Promise<void>;
}

const incomingSchema = z.object({
  channel: z.string(),
  text: z.string().optional(),
  turnId: z.string(),
  clientTurnId: z.string().optional(),
  payload: z.string().optional(),
  locale: localeSchema,
});

/**
 * Botkit is the hub for the channels we host ourselves (web, sms, whatsapp): one controller per channel with its own
 * small adapter. An activity goes in through the controller's middleware to our `message` handler, which calls the
 * runtime (createBotkitEventTurn: the controller's turn without Botkit's own dialog system, which we do not use). No
 * rejection escapes Botkit's callbacks: a failure inside the handler (a store, a bus, a provider) is caught there and
 * handed back to `receive()`, whose caller answers it.
 */
export function createBotkitHub(deps: { runtime: Runtime; channel: ChannelId; deliver: (conversationId: string, message: RenderedMessage, turn: HubTurn) => Promise<string> }): BotkitHub {
  const botkitChannelId = `huurhulp-${deps.channel}`;
  const failures = new Map<string, unknown>();
  const outcomes = new Map<string, HubTurnResult>();

  const adapter = new HubAdapter(deps.channel, (conversationId, message, turnId) =>
    deps.deliver(conversationId, message, { id: turnId }),
  );
  const controller = new Botkit({ adapter, storage: new NullStorage(), disable_webserver: true, disable_console: true });

  controller.on('message', async (_bot: BotWorker, message: BotkitMessage) => {
    const parsed = incomingSchema.safeParse(message);
    if (!parsed.success) return;
    const m = parsed.data;
    try {
      const input = m.payload !== undefined ? { kind: 'payload' as const, payload: m.payload } : { kind: 'text' as const, text: m.text ?? '' };
      const outcome = await deps.runtime.handleTurn({ conversationId: m.channel, input, channel: deps.channel, locale: m.locale, ...(m.clientTurnId !== undefined ? { clientTurnId: m.clientTurnId } : {}) });
      // The replies are already kept and published by the turn's one write, with their ids: they are handed back to
      // receive() as they are. Passing each through bot.say (Botkit's send middleware, a TurnContext send and our
      // adapter) did no I/O and cost about a fifth of the Botkit hop (issue #12); messages outside a turn still go
      // through Botkit's send path (sendProactive).
      outcomes.set(m.turnId, { messages: [...outcome.messages], published: outcome.published, applied: outcome.applied });
    } catch (e) {
      // Botkit runs handlers inside callbacks that would swallow (or crash on) a rejection; hand it back to receive().
      failures.set(m.turnId, e);
    }
  });

  const handleTurn = createBotkitEventTurn(controller);
  const reference = (conversationId: string) => ({
    channelId: botkitChannelId,
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    bot: { id: 'huurhulp', name: 'huurhulp' },
    user: { id: conversationId, name: '' },
  });

  return {
    async receive(conversationId, input, locale) {
      const turnId = randomUUID();
      try {
        const activity = {
          type: ActivityTypes.Message,
          id: turnId,
          channelId: botkitChannelId,
          conversation: reference(conversationId).conversation,
          from: { id: conversationId, name: '' },
          recipient: { id: 'huurhulp', name: 'huurhulp' },
          text: input.text ?? '',
          channelData: { turnId, locale, ...(input.payload !== undefined ? { payload: input.payload } : {}), ...(input.turnId !== undefined ? { clientTurnId: input.turnId } : {}) },
        };
        await adapter.processActivity(activity, handleTurn);
        const failure = failures.get(turnId);
        if (failure !== undefined) throw failure;
        return outcomes.get(turnId) ?? { messages: [], published: false, applied: false };
      } finally {
        failures.delete(turnId);
        outcomes.delete(turnId);
      }
    },
    async sendProactive(conversationId, messages) {
      await adapter.continueConversation(reference(conversationId), async (context) => {
        for (const m of messages) await context.sendActivity({ type: ActivityTypes.Message, text: m.text, channelData: toChannelData(m) });
      });
    },
  };
}
