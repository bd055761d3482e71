import type { HandoffQueue } from '../handoff/handoff-queue.js';
import type { Ticket } from '../handoff/ticket.js';
import type { Logger } from '../shared/logger.js';
import type { PersonSide } from './person-side.js';

export interface ClaimSweeperOptions {
  readonly queue: HandoffQueue;
  readonly person: PersonSide;
  /** How often to look for silent claims. Default 5000; keep it well below CLAIM_TIMEOUT_S. */
  readonly intervalMs?: number;
  readonly logger: Logger;
}

export interface ClaimSweeper {
  /** One sweep now (what the timer runs); resolves with the tickets that went back to the queue. */
  sweep(): Promise<Ticket[]>;
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

export const defaultSweepIntervalMs = 5000;

/**
 * Every few seconds: claims whose volunteer went silent go back to the queue (queue.expireStale, safe from
 * several processes), and each person hears that a new volunteer is coming. Never throws from the timer.
 */
export function startClaimSweeper(options: ClaimSweeperOptions): ClaimSweeper {
  const { queue, person, logger } = options;
  const intervalMs = options.intervalMs ?? defaultSweepIntervalMs;
  let running: Promise<Ticket[]> | null = null;
  let stopped = false;

  const sweepOnce = async (): Promise<Ticket[]> => {
    const expired = await queue.expireStale();
    for (const ticket of expired) {
      try {
        await person.ticketChanged(ticket, 'expired');
      } catch (err) {
        // The ticket is back in the queue either way; the person just misses the notice.
        logger.warn({ err, ticketId: ticket.id }, 'could not tell the person their volunteer left');
      }
    }
    if (expired.length > 0) logger.info({ tickets: expired.map((t) => t.id) }, 'silent claims returned to the queue');
    return expired;
  };

  // A slow sweep is never overlapped by the next tick.
  const sweep = (): Promise<Ticket[]> => {
    running ??= sweepOnce().finally(() => {
      running = null;
    });
    return running;
  };

  const timer = setInterval(() => {
    if (stopped) return;
    sweep().catch((err: unknown) => logger.warn({ err }, 'claim sweep failed'));
  }, intervalMs);
  // The sweeper alone never keeps the process alive.
  timer.unref();

  return {
    sweep,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
