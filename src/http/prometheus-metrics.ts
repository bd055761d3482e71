import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Router } from 'express';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { RequestError, StoreError } from '../shared/errors.js';
import type { Metrics } from '../shared/metrics.js';

export interface PrometheusMetrics extends Metrics {
  readonly registry: Registry;
}

export interface PrometheusMetricsOptions {
  /** Waiting tickets per urgency, read when Prometheus scrapes (never on a turn). */
  readonly queueDepth: () => Promise<Readonly<Record<string, number>>>;
}

/** prom-client behind the metrics port, on a registry of its own (several apps can run in one test process). */
export function createPrometheusMetrics(options: PrometheusMetricsOptions): PrometheusMetrics {
  const registry = new Registry();
  const turns = new Counter({ name: 'huurhulp_turns_total', help: 'Turns by channel and outcome (ok, deleted, or an error code).', labelNames: ['channel', 'outcome'], registers: [registry] });
  const latency = new Histogram({
    name: 'huurhulp_turn_duration_seconds',
    help: 'Time from receiving a turn to its answer being stored and sent.',
    labelNames: ['channel'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'huurhulp_queue_waiting',
    help: 'Tickets waiting for a volunteer, by urgency.',
    labelNames: ['urgency'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [urgency, count] of Object.entries(await options.queueDepth())) this.set({ urgency }, count);
    },
  });
  const claimWait = new Histogram({
    name: 'huurhulp_claim_wait_seconds',
    help: 'How long a ticket waited until a volunteer claimed it.',
    buckets: [5, 15, 30, 60, 120, 300, 600, 1800, 3600],
    registers: [registry],
  });
  const claims = new Counter({ name: 'huurhulp_claims_total', help: 'Tickets claimed by a volunteer.', registers: [registry] });
  const expiries = new Counter({ name: 'huurhulp_claim_expiries_total', help: 'Claims returned to the queue because the volunteer went silent.', registers: [registry] });
  const storeErrors = new Counter({ name: 'huurhulp_store_errors_total', help: 'Store errors (Redis unreachable, unresolved conflicts).', registers: [registry] });
  const sockets = new Gauge({ name: 'huurhulp_websocket_connections', help: 'Open widget websockets in this process.', registers: [registry] });

  // Label children are looked up once per channel/outcome pair, so a turn costs one inc and one observe.
  const turnChildren = new Map<string, Map<string, Counter.Internal>>();
  const latencyChildren = new Map<string, Histogram.Internal<'channel'>>();
  const counted = new WeakSet<object>();

  return {
    registry,
    turn(channel, outcome, seconds) {
      let byOutcome = turnChildren.get(channel);
      if (byOutcome === undefined) {
        byOutcome = new Map();
        turnChildren.set(channel, byOutcome);
      }
      let child = byOutcome.get(outcome);
      if (child === undefined) {
        child = turns.labels(channel, outcome);
        byOutcome.set(outcome, child);
      }
      child.inc();
      let observe = latencyChildren.get(channel);
      if (observe === undefined) {
        observe = latency.labels(channel);
        latencyChildren.set(channel, observe);
      }
      observe.observe(seconds);
    },
    storeError(error) {
      if (counted.has(error)) return;
      counted.add(error);
      storeErrors.inc();
    },
    claimed(waitSeconds) {
      claims.inc();
      claimWait.observe(waitSeconds);
    },
    expired(count) {
      expiries.inc(count);
    },
    socket(delta) {
      sockets.inc(delta);
    },
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/**
 * GET /metrics in the Prometheus text format, only with `Authorization: Bearer <METRICS_TOKEN>` (compared in
 * constant time). Without a token configured the route does not exist (404).
 */
export function metricsRouter(metrics: PrometheusMetrics, token: string | undefined): Router {
  const router = express.Router();
  const expected = token === undefined ? undefined : digest(token);
  router.get('/metrics', async (req, res) => {
    if (expected === undefined) throw new RequestError('NOT_FOUND');
    const header = req.get('authorization');
    if (header === undefined) throw new RequestError('TOKEN_MISSING');
    const given = /^Bearer (\S+)$/.exec(header)?.[1];
    if (given === undefined || !timingSafeEqual(digest(given), expected)) throw new RequestError('TOKEN_INVALID');
    res.set('Cache-Control', 'no-store').type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}

/** Express error middleware that counts store errors, then passes the error on to the error handler. */
export function countStoreErrors(metrics: Metrics): express.ErrorRequestHandler {
  return (error: unknown, _req, _res, next) => {
    if (error instanceof StoreError) metrics.storeError(error);
    next(error);
  };
}
