/**
 * The metrics port: what the runtime, the queue and the channels report, without knowing about Prometheus
 * (src/http/prometheus-metrics.ts implements it). Calls must stay cheap: a counter step or one observation.
 */
export interface Metrics {
  /** One turn finished: its channel, its outcome (`ok`, `deleted` or a lower-case error code) and how long it took. */
  turn(channel: string, outcome: string, seconds: number): void;
  /** A store error (Redis unreachable, a conflict that could not be resolved); each error object counts once. */
  storeError(error: object): void;
  /** A volunteer took a waiting ticket after it waited `waitSeconds`. */
  claimed(waitSeconds: number): void;
  /** Claims that went back to the queue because their volunteer went silent. */
  expired(count: number): void;
  /** A widget websocket opened (+1) or closed (-1). */
  socket(delta: 1 | -1): void;
}

/** Records nothing: the default where no metrics are wanted (tests, CLI). */
export const noMetrics: Metrics = {
  turn: () => undefined,
  storeError: () => undefined,
  claimed: () => undefined,
  expired: () => undefined,
  socket: () => undefined,
};
