import { createWebChannel } from '../../src/channels/web/web-channel.js';
import type { Runtime, TurnOutcome } from '../../src/runtime/handle-turn.js';
import { MemoryMessageLog } from '../../src/store/memory-message-log.js';
import { MemoryReplyBus } from '../../src/store/memory-reply-bus.js';
import { systemClock } from '../../src/shared/clock.js';

/**
 * The CPU cost of the Botkit hop alone: a web turn through the Botkit controller and our adapter to a runtime that
 * answers at once (no store, no engine), minus calling that runtime directly.
 */
export async function measureBotkitHop(turns = 20_000): Promise<{ turns: number; microsPerTurn: number }> {
  const outcome: TurnOutcome = {
    messages: [
      { id: '1-0', type: 'message', text: 'Dat is goed.' },
      { id: '1-1', type: 'message', text: 'Welke brief heb je gekregen?', quick_replies: [{ title: 'Een dagvaarding', payload: 'choice:dagvaarding' }] },
    ],
    locale: 'nl',
    deleted: false,
    published: true,
    replayed: false,
    applied: true,
  };
  const runtime: Runtime = { handleTurn: async () => outcome };
  const channel = createWebChannel({ runtime, messages: new MemoryMessageLog({ clock: systemClock, ttlSeconds: 60 }), bus: new MemoryReplyBus() });
  const run = async (fn: () => Promise<unknown>): Promise<number> => {
    const c0 = process.cpuUsage();
    for (let i = 0; i < turns; i++) await fn();
    const c = process.cpuUsage(c0);
    return c.user + c.system;
  };
  const input = { payload: 'choice:tenant' };
  await run(() => channel.receive('bench-hop-conversation', input, 'nl'));
  const direct = await run(() => runtime.handleTurn({ conversationId: 'bench-hop-conversation', input: { kind: 'payload', payload: 'choice:tenant' }, channel: 'web' }));
  const hop = await run(() => channel.receive('bench-hop-conversation', input, 'nl'));
  return { turns, microsPerTurn: (hop - direct) / turns };
}
