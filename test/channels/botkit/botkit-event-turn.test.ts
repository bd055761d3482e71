import { Botkit, type BotWorker, type BotkitMessage } from 'botkit';
import { ActivityTypes, type Storage, type StoreItems } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { createBotkitEventTurn } from '../../../src/channels/botkit/botkit-event-turn.js';
import { HubAdapter } from '../../../src/channels/botkit/hub-adapter.js';

/** A botbuilder storage that counts what Botkit asks of it. */
class CountingStorage implements Storage {
  reads = 0;
  writes = 0;
  async read(): Promise<StoreItems> {
    this.reads++;
    return {};
  }
  async write(): Promise<void> {
    this.writes++;
  }
  async delete(): Promise<void> {}
}

const activity = (id: string) => ({
  type: ActivityTypes.Message,
  id,
  channelId: 'huurhulp-web',
  conversation: { id: 'conv-7', isGroup: false, conversationType: 'personal', name: '' },
  from: { id: 'conv-7', name: '' },
  recipient: { id: 'huurhulp', name: 'huurhulp' },
  text: 'hoi',
  channelData: { turnId: id, locale: 'nl' },
});

function setup() {
  const adapter = new HubAdapter('web', async () => '1-0');
  const storage = new CountingStorage();
  const controller = new Botkit({ adapter, storage, disable_webserver: true, disable_console: true });
  return { adapter, storage, controller, turn: createBotkitEventTurn(controller) };
}

describe('a turn through the Botkit controller without Botkit dialogs', () => {
  it('runs the spawn, ingest, receive and interpret middleware in that order, then the message handlers, with a Botkit message', async () => {
    const { adapter, controller, turn } = setup();
    const order: string[] = [];
    // Botkit's spawn middleware gets the worker only; the others the worker and the message.
    controller.middleware.spawn.use((_bot: BotWorker, next: () => void) => {
      order.push('spawn');
      next();
    });
    for (const stage of ['ingest', 'receive', 'interpret'] as const) {
      controller.middleware[stage].use((_bot: BotWorker, _m: unknown, next: () => void) => {
        order.push(stage);
        next();
      });
    }
    const seen: BotkitMessage[] = [];
    controller.on('message', async (bot: BotWorker, message: BotkitMessage) => {
      order.push('handler');
      seen.push(message);
      // The worker can still answer through the turn's context (Botkit's send path).
      expect(bot.getConfig('context')).toBe(message.context);
    });
    await adapter.processActivity(activity('t1'), turn);
    expect(order).toEqual(['spawn', 'ingest', 'receive', 'interpret', 'handler']);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      type: 'message',
      text: 'hoi',
      user: 'conv-7',
      channel: 'conv-7',
      turnId: 't1',
      locale: 'nl',
      reference: { channelId: 'huurhulp-web', conversation: { id: 'conv-7' }, activityId: 't1' },
      incoming_message: { id: 't1' },
    });
  });

  it('stops at a middleware error and hands it to the caller; the handlers do not run', async () => {
    const { adapter, controller, turn } = setup();
    controller.middleware.receive.use((_bot: BotWorker, _m: unknown, next: (err?: Error) => void) => next(new Error('middleware refused')));
    let handled = 0;
    controller.on('message', async () => {
      handled++;
    });
    await expect(adapter.processActivity(activity('t2'), turn)).rejects.toThrow('middleware refused');
    expect(handled).toBe(0);
  });

  it('reads and writes no Botkit dialog state, where controller.handleTurn does on every turn', async () => {
    const lean = setup();
    lean.controller.on('message', async () => undefined);
    await lean.adapter.processActivity(activity('t3'), lean.turn);
    await lean.adapter.processActivity(activity('t4'), lean.turn);
    expect([lean.storage.reads, lean.storage.writes]).toEqual([0, 0]);

    // The same two turns through Botkit's own handleTurn: its dialog state goes to storage and back.
    const full = setup();
    full.controller.on('message', async () => undefined);
    await full.adapter.processActivity(activity('t5'), full.controller.handleTurn.bind(full.controller));
    await full.adapter.processActivity(activity('t6'), full.controller.handleTurn.bind(full.controller));
    expect(full.storage.reads).toBeGreaterThan(0);
  });
});
