import type { TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { createBotkitHub } from '../../../src/channels/botkit/create-botkit-hub.js';
import { HubAdapter } from '../../../src/channels/botkit/hub-adapter.js';
import type { RenderedMessage } from '../../../src/content/create-renderer.js';
import type { Runtime, TurnOutcome, TurnRequest } from '../../../src/runtime/handle-turn.js';

const outcome: TurnOutcome = {
  messages: [
    { id: '5-0', type: 'message', text: 'Dat is goed.' },
    { id: '5-1', type: 'message', text: 'Welke brief heb je gekregen?', quick_replies: [{ title: 'Een dagvaarding', payload: 'choice:dagvaarding' }], layout: 'buttons' },
  ],
  locale: 'nl',
  deleted: false,
  published: true,
  replayed: false,
  applied: true,
};

describe('the Botkit hub', () => {
  it('runs a turn through the Botkit controller and hands back the runtime messages with their ids, in order', async () => {
    const requests: TurnRequest[] = [];
    const delivered: string[] = [];
    const runtime: Runtime = {
      handleTurn: async (req) => {
        requests.push(req);
        return outcome;
      },
    };
    const hub = createBotkitHub({ runtime, channel: 'web', deliver: async (_c, m) => (delivered.push(m.text), '9-0') });
    const result = await hub.receive('conv-1', { payload: 'choice:tenant', turnId: 'client-turn-1' }, 'en');
    expect(result).toEqual({ messages: outcome.messages, published: true, applied: true });
    expect(requests).toEqual([{ conversationId: 'conv-1', input: { kind: 'payload', payload: 'choice:tenant' }, channel: 'web', locale: 'en', clientTurnId: 'client-turn-1' }]);
    // The turn's replies were kept and published by the runtime: nothing goes through deliver again.
    expect(delivered).toEqual([]);
  });

  it('passes a runtime failure back to the caller of receive', async () => {
    const runtime: Runtime = { handleTurn: async () => Promise.reject(new Error('store down')) };
    const hub = createBotkitHub({ runtime, channel: 'web', deliver: async () => '1-0' });
    await expect(hub.receive('conv-2', { text: 'hallo' }, 'nl')).rejects.toThrow('store down');
  });

  it('sends proactive messages through Botkit and deliver, with the conversation id', async () => {
    const delivered: [string, RenderedMessage][] = [];
    const runtime: Runtime = { handleTurn: async () => outcome };
    const hub = createBotkitHub({ runtime, channel: 'web', deliver: async (c, m) => (delivered.push([c, m]), '7-0') });
    await hub.sendProactive('conv-3', [{ type: 'message', text: 'Een vrijwilliger leest mee.', quick_replies: [{ title: 'Stop', payload: 'intent:stop' }], layout: 'buttons' }]);
    expect(delivered).toEqual([['conv-3', { type: 'message', text: 'Een vrijwilliger leest mee.', quick_replies: [{ title: 'Stop', payload: 'intent:stop' }], layout: 'buttons' }]]);
  });
});

describe('the hub adapter', () => {
  const activity = { type: 'message', id: 'turn-1', channelId: 'huurhulp-web', conversation: { id: 'conv-4', isGroup: false, conversationType: 'personal', name: '' }, from: { id: 'conv-4', name: '' }, text: 'hallo' };

  it('refuses botbuilder middleware, which its turns do not run (Botkit has its own middleware)', () => {
    const adapter = new HubAdapter('web', async () => '1-0');
    expect(() => adapter.use({ onTurn: async (_context, next) => next() })).toThrow(/runs no botbuilder middleware/);
  });

  it('runs the turn logic with a context for the activity and its adapter', async () => {
    const adapter = new HubAdapter('web', async () => '1-0');
    const seen: { text: string | undefined; conversation: string | undefined; adapter: unknown }[] = [];
    await adapter.processActivity(activity, async (context) => {
      seen.push({ text: context.activity.text, conversation: context.activity.conversation.id, adapter: context.adapter });
    });
    expect(seen).toEqual([{ text: 'hallo', conversation: 'conv-4', adapter }]);
  });

  it('lets a turn finish when a message cannot be delivered, then throws that failure to the caller', async () => {
    const adapter = new HubAdapter('web', async () => Promise.reject(new Error('provider down')));
    let finished = false;
    const turn = adapter.processActivity(activity, async (context: TurnContext) => {
      await context.sendActivity({ type: 'message', text: 'Dat is goed.' });
      finished = true;
    });
    await expect(turn).rejects.toThrow('provider down');
    expect(finished).toBe(true);
  });
});
