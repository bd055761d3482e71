import { TurnContext } from 'botbuilder';
import type { Botkit, BotWorker, BotkitMessage } from 'botkit';
import { z } from 'zod/v4';

/** One of Botkit's middleware chains (the `ware` package): runs its functions (`fns`, added by `use`), then `done`. */
interface MiddlewareChain {
  readonly fns: readonly unknown[];
  run(bot: BotWorker, message: BotkitMessage, done: (err: unknown) => void): unknown;
}

// Botkit types its `middleware` as any: check once, at start, that the chains are what we call.
const chainSchema = z.custom<MiddlewareChain>((v) => typeof v === 'object' && v !== null && 'run' in v && typeof v.run === 'function' && 'fns' in v && Array.isArray(v.fns));
const chainsSchema = z.object({ ingest: chainSchema, receive: chainSchema, interpret: chainSchema });

function run(chain: MiddlewareChain, bot: BotWorker, message: BotkitMessage): Promise<void> | undefined {
  // An empty chain only calls `done`: nothing to wait for (most hubs add no middleware).
  if (chain.fns.length === 0) return undefined;
  return new Promise((resolve, reject) => {
    chain.run(bot, message, (err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()));
  });
}

/**
 * A turn through the Botkit controller for a hub whose dialogs are our own (dialogs/*.yaml, kept in our store), not
 * Botkit's. It does what `controller.handleTurn` does for such a bot: the activity becomes a Botkit message, a worker
 * is spawned (spawn middleware), the ingest, receive and interpret middleware run, and the handlers of the message's
 * event (`controller.on`) fire. It leaves out only what serves Botkit's own dialog system: the DialogContext and
 * DialogStateManager built per turn, the dialog state read from and saved to storage (three change hashes), and the
 * `continueDialog` call. With no Botkit dialog and a storage that keeps nothing, those did no work, yet cost about 40 %
 * of huurhulp's CPU per turn under load (issue #12). `controller.hears` and `controller.interrupts` patterns are not
 * evaluated: the hub's controller is private to createBotkitHub, which registers neither (our global intents live in
 * the engine).
 */
export function createBotkitEventTurn(controller: Botkit): (context: TurnContext) => Promise<void> {
  const chains = chainsSchema.parse(controller.middleware);
  const inOrder = [chains.ingest, chains.receive, chains.interpret];
  return async (context) => {
    const activity = context.activity;
    const message: BotkitMessage = {
      ...activity.channelData,
      type: activity.type,
      user: activity.from.id,
      text: activity.text,
      channel: activity.conversation.id,
      value: activity.value,
      reference: TurnContext.getConversationReference(activity),
      context,
      incoming_message: activity,
    };
    context.turnState.set('botkitMessage', message);
    const bot = await controller.spawn({ context, reference: message.reference, activity });
    for (const chain of inOrder) {
      const ran = run(chain, bot, message);
      if (ran !== undefined) await ran;
    }
    await controller.trigger(message.type, bot, message);
  };
}
