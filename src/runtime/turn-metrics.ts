import { HuurhulpError, StoreError } from '../shared/errors.js';
import type { Metrics } from '../shared/metrics.js';
import type { Runtime } from './handle-turn.js';

/** Lower-case error codes, made once, so a failing turn does not build a label string each time. */
const outcomeOf = new Map<string, string>();

function errorOutcome(error: unknown): string {
  const code = error instanceof HuurhulpError ? error.code : 'INTERNAL';
  let outcome = outcomeOf.get(code);
  if (outcome === undefined) {
    outcome = code.toLowerCase();
    outcomeOf.set(code, outcome);
  }
  return outcome;
}

/** Wraps a runtime so every turn reports its channel, outcome and duration (and store errors) to `metrics`. */
export function withTurnMetrics(runtime: Runtime, metrics: Metrics, nowMs: () => number = () => performance.now()): Runtime {
  return {
    ...runtime,
    async handleTurn(request) {
      const started = nowMs();
      try {
        const outcome = await runtime.handleTurn(request);
        metrics.turn(request.channel, outcome.deleted ? 'deleted' : 'ok', (nowMs() - started) / 1000);
        return outcome;
      } catch (error) {
        metrics.turn(request.channel, errorOutcome(error), (nowMs() - started) / 1000);
        if (error instanceof StoreError) metrics.storeError(error);
        throw error;
      }
    },
  };
}
