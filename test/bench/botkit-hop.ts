import { performance } from 'node:perf_hooks';
import { createWebChannel } from '../../src/channels/web/web-channel.js';
import type { Runtime, TurnOutcome } from '../../src/runtime/handle-turn.js';
import { MemoryMessageLog } from '../../src/store/memory-message-log.js';
import { MemoryReplyBus } from '../../src/store/memory-reply-bus.js';
import { systemClock } from '../../src/shared/clock.js';

/** Alternating chunks of each kind: the median difference is little moved by a moment when the machine was slower. */
const CHUNKS = 9;
const WARM_UP_MS = 3000;

/**
 * The CPU cost of the Botkit hop alone: a web turn through the Botkit controller and our adapter to a runtime that
 * answers at once (no store, no engine), minus calling that runtime directly. Both are warmed up first, then measured
 * in alternating chunks; the figure is the median over the chunks (a single pass measured V8's warm-up as well, and
 * gave 7 to 41 µs from one pass to the next in one process).
 */
export async function measureBotkitHop(turns = 45_000): Promise<{ turns: number; microsPerTurn: number }> {
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
  const perChunk = Math.max(1, Math.floor(turns / CHUNKS));
  const run = async (n: number, fn: () => Promise<unknown>): Promise<number> => {
    const c0 = process.cpuUsage();
    for (let i = 0; i < n; i++) await fn();
    const c = process.cpuUsage(c0);
    return c.user + c.system;
  };
  const input = { payload: 'choice:tenant' };
  const hop = (): Promise<unknown> => channel.receive('bench-hop-conversation', input, 'nl');
  const direct = (): Promise<unknown> => runtime.handleTurn({ conversationId: 'bench-hop-conversation', input: { kind: 'payload', payload: 'choice:tenant' }, channel: 'web' });
  // Warmed up for a while, not for a count: V8 optimises Botkit's generator-based code and grows its young
  // generation over the first second or two, and the hop cost three times as much before that.
  for (const warmUntil = performance.now() + WARM_UP_MS; performance.now() < warmUntil; ) {
    await run(1000, hop);
    await run(1000, direct);
  }
  const differences: number[] = [];
  for (let k = 0; k < CHUNKS; k++) {
    const d = await run(perChunk, direct);
    const h = await run(perChunk, hop);
    differences.push((h - d) / perChunk);
  }
  differences.sort((a, b) => a - b);
  return { turns: perChunk * CHUNKS, microsPerTurn: differences[Math.floor(CHUNKS / 2)] ?? 0 };
}
