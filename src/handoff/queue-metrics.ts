import type { Clock } from '../shared/clock.js';
import type { Metrics } from '../shared/metrics.js';
import type { HandoffQueue } from './handoff-queue.js';

/**
 * Wraps a queue so claims (with the wait until the claim) and expired claims are counted in the process that
 * did them (the queue's pub/sub events reach every process and would be counted once per process).
 */
export function withQueueMetrics(queue: HandoffQueue, metrics: Metrics, clock: Clock): HandoffQueue {
  const counted: Partial<HandoffQueue> = {
    async claim(ticketId: string, volunteerId: string, now?: Date) {
      const at = (now ?? clock.now()).getTime();
      const ticket = await queue.claim(ticketId, volunteerId, now);
      const claimedAt = ticket.claimedAt === null ? Number.NaN : Date.parse(ticket.claimedAt);
      // Claiming a ticket one already holds only extends the lease: that is no new claim.
      if (claimedAt >= at) metrics.claimed(Math.max(0, (claimedAt - Date.parse(ticket.waitingSince)) / 1000));
      return ticket;
    },
    async expireStale(now?: Date) {
      const expired = await queue.expireStale(now);
      if (expired.length > 0) metrics.expired(expired.length);
      return expired;
    },
  };
  // Everything else goes to the queue itself, bound once (the Redis queue keeps #private fields).
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(queue, {
    get(target, property) {
      if (property === 'claim' || property === 'expireStale') return counted[property];
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      let fn = bound.get(property);
      if (fn === undefined) {
        fn = value.bind(target);
        bound.set(property, fn);
      }
      return fn;
    },
  });
}
