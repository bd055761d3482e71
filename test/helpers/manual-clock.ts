import type { Clock } from '../../src/shared/clock.js';

/** A clock that only moves when the test says so. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
}

export function manualClock(startIso = '2026-01-05T09:00:00.000Z'): ManualClock {
  let now = new Date(startIso).getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}
