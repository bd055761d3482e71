import { Botkit, type BotWorker, type BotkitMessage } from 'botkit';
import { ActivityTypes } from 'botbuilder';
import type { ChannelId } from '../../content/channel-capabilities.js';
import type { RenderedMessage } from '../../content/create-renderer.js';
import type { Locale } from '../../engine/session-state.js';
import type { Runtime, TurnRequest } from '../../runtime/handle-turn.js';
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

/** A turn on its way through Botkit: the runtime's request, then what came of it. */
interface TurnSlot {
  readonly request: TurnRequest;
  result?: HubTurnResult;
  failure?: { readonly error: unknown };
}

/**
 * Botkit is the hub for the channels we host ourselves (web, sms, whatsapp): one controller per channel with its own
 * small adapter. An activity goes in through the controller's middleware to our `message` handler, which calls the
 * runtime (createBotkitEventTurn: the controller's turn without Botkit's own dialog system, which we do not use). No
 * rejection escapes Botkit's callbacks: a failure inside the handler (a store, a bus, a provider) is caught there and
 * handed back to `receive()`, whose caller answers it.
 */
export function createBotkitHub(deps: { runtime: Runtime; channel: ChannelId; deliver: (conversationId: string, message: RenderedMessage, turn: HubTurn) => Promise<string> }): BotkitHub {
  const botkitChannelId = `huurhulp-${deps.channel}`;
  // The typed request of each turn in flight, by the turn's number: the Botkit message carries only that number, so
  // nothing a person sent is read back out of Botkit's untyped message, and a turn's result finds its way back to
  // receive().
  const inFlight = new Map<number, TurnSlot>();
  // A turn's number only has to tell the turns in flight in this hub apart: a counter (no random bytes per turn), and
  // a small integer, which a Map hashes far more cheaply than a string.
  let turns = 0;

  const adapter = new HubAdapter(deps.channel, (conversationId, message, turnId) =>
    deps.deliver(conversationId, message, { id: turnId }),
  );
  const controller = new Botkit({ adapter, storage: new NullStorage(), disable_webserver: true, disable_console: true });

  controller.on('message', async (_bot: BotWorker, message: BotkitMessage) => {
    const turnNo: unknown = message.turnNo;
    const slot = typeof turnNo === 'number' ? inFlight.get(turnNo) : undefined;
    if (slot === undefined) return;
    try {
      const outcome = await deps.runtime.handleTurn(slot.request);
      // The replies are already kept and published by the turn's one write, with their ids: they are handed back to
      // receive() as they are. Passing each through bot.say (Botkit's send middleware, a TurnContext send and our
      // adapter) did no I/O and cost about a fifth of the Botkit hop (issue #12); messages outside a turn still go
      // through Botkit's send path (sendProactive).
      slot.result = { messages: [...outcome.messages], published: outcome.published, applied: outcome.applied };
    } catch (e) {
      // Botkit runs handlers inside callbacks that would swallow (or crash on) a rejection; hand it back to receive().
      slot.failure = { error: e };
    }
  });

  const handleTurn = createBotkitEventTurn(controller);
  const bot = Object.freeze({ id: 'huurhulp', name: 'huurhulp' });
  const conversation = (id: string) => ({ id, isGroup: false, conversationType: 'personal', name: '' });
  const reference = (conversationId: string) => ({ channelId: botkitChannelId, conversation: conversation(conversationId), bot, user: { id: conversationId, name: '' } });

  return {
    async receive(conversationId, input, locale) {
      const turnNo = ++turns;
      const slot: TurnSlot = {
        request: {
          conversationId,
          input: input.payload !== undefined ? { kind: 'payload', payload: input.payload } : { kind: 'text', text: input.text ?? '' },
          channel: deps.channel,
          locale,
          ...(input.turnId !== undefined ? { clientTurnId: input.turnId } : {}),
        },
      };
      inFlight.set(turnNo, slot);
      try {
        const activity = {
          type: ActivityTypes.Message,
          id: `turn-${turnNo}`,
          channelId: botkitChannelId,
          conversation: conversation(conversationId),
          from: { id: conversationId, name: '' },
          recipient: bot,
          text: input.text ?? '',
          channelData: { turnNo },
        };
        await adapter.processActivity(activity, handleTurn);
        if (slot.failure !== undefined) throw slot.failure.error;
        return slot.result ?? { messages: [], published: false, applied: false };
      } finally {
        inFlight.delete(turnNo);
      }
    },
    async sendProactive(conversationId, messages) {
      await adapter.continueConversation(reference(conversationId), async (context) => {
        for (const m of messages) await context.sendActivity({ type: ActivityTypes.Message, text: m.text, channelData: toChannelData(m) });
      });
    },
  };
}
