/** How the expected wait is estimated from recent waits (enqueue to first claim). */
export interface WaitSampleOptions {
  /** At most this many of the most recent samples are used. Default 20. */
  readonly recent: number;
  /** Fewer samples than this: the wait is unknown (null). Default 3. */
  readonly minimum: number;
  /** Only samples of claims within this many seconds before now count as recent. Default 6 hours. */
  readonly windowSeconds: number;
}

export const defaultWaitSampleOptions: WaitSampleOptions = { recent: 20, minimum: 3, windowSeconds: 6 * 3600 };

/** Samples are kept at most this long (long enough for "today" and any window up to it) and at most this many. */
export const keepSamplesMs = 2 * 86_400_000;
export const maxSamples = 2000;

export interface WaitSample {
  /** When the ticket was first claimed (ms). */
  readonly claimedMs: number;
  /** Milliseconds from enqueue to that claim. */
  readonly waitMs: number;
}

export function resolveWaitSampleOptions(options: Partial<WaitSampleOptions> = {}): WaitSampleOptions {
  const resolved = { ...defaultWaitSampleOptions, ...options };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`waitSamples.${name} must be a whole number >= 1, got ${value}.`);
  }
  if (resolved.windowSeconds * 1000 > keepSamplesMs) throw new RangeError('waitSamples.windowSeconds may be at most two days.');
  return resolved;
}

/** The median, or null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const high = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? high : ((sorted[middle - 1] ?? high) + high) / 2;
}

/** Median of the most recent samples in the window, in whole seconds; null when there are too few. */
export function expectedWaitFrom(samples: readonly WaitSample[], nowMs: number, options: WaitSampleOptions): number | null {
  const from = nowMs - options.windowSeconds * 1000;
  const recent = samples
    .filter((s) => s.claimedMs >= from && s.claimedMs <= nowMs)
    .sort((a, b) => b.claimedMs - a.claimedMs)
    .slice(0, options.recent);
  if (recent.length < options.minimum) return null;
  const ms = median(recent.map((s) => s.waitMs));
  return ms === null ? null : Math.round(ms / 1000);
}

/** Median wait in whole seconds of the samples claimed from `fromMs` on; null when there are none. */
export function medianWaitSince(samples: readonly WaitSample[], fromMs: number): number | null {
  const ms = median(samples.filter((s) => s.claimedMs >= fromMs).map((s) => s.waitMs));
  return ms === null ? null : Math.round(ms / 1000);
}
