import { describe, expect, test } from 'vitest';
import { createHandoff } from '../../src/handoff/create-handoff.js';
import type { HandoffEvent } from '../../src/handoff/handoff-events.js';
import { MemoryHandoffEvents } from '../../src/handoff/memory-handoff-events.js';
import { MemoryHandoffQueue } from '../../src/handoff/memory-handoff-queue.js';
import { manualClock } from '../helpers/manual-clock.js';
import { chatInput, handoffQueueContract } from './handoff-queue.contract.js';

handoffQueueContract('memory', async (options) => {
  const clock = manualClock();
  const events = new MemoryHandoffEvents();
  const queue = new MemoryHandoffQueue({ ...options, clock, events });
  return { queue, peer: queue, clock, listener: events };
});

describe('MemoryHandoffQueue', () => {
  test('tickets expire after the ticket TTL and leave the lists', async () => {
    const clock = manualClock();
    const queue = new MemoryHandoffQueue({ clock, ticketTtlSeconds: 60 });
    const { ticket } = await queue.enqueue(chatInput('short'));
    clock.advance(59_000);
    expect(await queue.position(ticket.id)).toBe(1);
    clock.advance(1_000);
    expect(await queue.get(ticket.id)).toBeNull();
    expect(await queue.byConversation('short')).toBeNull();
    expect(await queue.list('waiting')).toEqual([]);
    expect(await queue.position(ticket.id)).toBeNull();
    expect((await queue.stats()).waiting).toBe(0);
    const again = await queue.enqueue(chatInput('short'));
    expect(again.status).toBe('created');
  });

  test('a change restarts the ticket TTL', async () => {
    const clock = manualClock();
    const queue = new MemoryHandoffQueue({ clock, ticketTtlSeconds: 60 });
    const { ticket } = await queue.enqueue(chatInput('kept'));
    clock.advance(50_000);
    await queue.claim(ticket.id, 'vol-a');
    clock.advance(50_000);
    expect((await queue.get(ticket.id))?.state).toBe('claimed');
  });

  test('createHandoff wires queue and events; a failed publish does not undo the change', async () => {
    const clock = manualClock();
    const handoff = createHandoff({ kind: 'memory', clock, claimTimeoutSeconds: 30 });
    expect(handoff.kind).toBe('memory');
    expect(handoff.queue.claimTimeoutSeconds).toBe(30);
    const seen: HandoffEvent[] = [];
    await handoff.events.subscribe((e) => seen.push(e));
    const { ticket } = await handoff.queue.enqueue(chatInput('wired'));
    expect(seen.map((e) => e.type)).toEqual(['created']);
    await handoff.close();
    await handoff.queue.claim(ticket.id, 'vol-a');
    expect(seen).toHaveLength(1);

    const errors: unknown[] = [];
    const failing = new MemoryHandoffQueue({
      clock,
      events: { publish: async () => Promise.reject(new Error('down')), subscribe: async () => async () => undefined, close: async () => undefined },
      onEventError: (error) => errors.push(error),
    });
    const made = await failing.enqueue(chatInput('still-queued'));
    expect(await failing.position(made.ticket.id)).toBe(1);
    expect(errors).toHaveLength(1);
  });

  test('refuses bad options', () => {
    const clock = manualClock();
    expect(() => new MemoryHandoffQueue({ clock, claimTimeoutSeconds: 0 })).toThrow(RangeError);
    expect(() => new MemoryHandoffQueue({ clock, ticketTtlSeconds: 1.5 })).toThrow(RangeError);
    expect(() => new MemoryHandoffQueue({ clock, waitSamples: { minimum: 0 } })).toThrow(RangeError);
  });
});
