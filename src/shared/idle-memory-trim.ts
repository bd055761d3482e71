import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

export interface IdleTrimOptions {
  /** How often the process looks whether it is quiet. */
  readonly everyMs?: number;
  /** Quiet: the event loop was busy for less than this share of the last `quietForMs`. */
  readonly idleBelow?: number;
  /**
   * How long the process must have been quiet. A collection that shrinks the heap makes the next burst pay for
   * growing it again (measured: CPU per turn 0.52 against 0.39-0.47 ms and p99 335-448 against 88-95 ms in the
   * first 10 s of load after 20 s of quiet), so it waits for a real lull, not the gap between two busy spells.
   */
  readonly quietForMs?: number;
  /** Only when V8's young generation has grown beyond this (it starts at 1 to 2 MB). */
  readonly newSpaceAboveBytes?: number;
  /** Hears each trim: the young generation before it, and how long the collection took (for a log line or a test). */
  readonly onTrim?: (newSpaceBytes: number, tookMs: number) => void;
}

/**
 * Gives memory back once the process has gone quiet (issue #12: idle connections). A burst of new connections or
 * of turns grows V8's young generation to its maximum, 128 MB on Node 24. V8's own memory reducer often shrinks it
 * again within seconds, but not always: measured with 10,000 idle websockets, 296 MB after 2 s and 330 MB after
 * 30 s in one run; in a bench run the process that had carried the load stayed at 532 MB for the 45 s it was watched.
 *
 * So when the process has been quiet for a while (under 10 % busy over 30 s) and the young generation is still
 * large, this runs one full collection that also shrinks the heap (0.1 to 0.3 s, only when quiet; the next one
 * needs another quiet spell). The collector is taken as Jest's leak detector takes it: `--expose-gc` for one new
 * context, then off again. Returns the function that stops it.
 */
export function trimMemoryWhenIdle(options: IdleTrimOptions = {}): () => void {
  const everyMs = options.everyMs ?? 2000;
  const idleBelow = options.idleBelow ?? 0.1;
  const newSpaceAbove = options.newSpaceAboveBytes ?? 16 * 1024 * 1024;
  const quietForMs = options.quietForMs ?? 30_000;
  const collect = fullCollection();
  if (collect === undefined) return () => undefined;
  // Event-loop use sampled every interval; quiet is judged over the whole window, so a short periodic job does not
  // count as load (with 10,000 idle websockets some 5 s samples read 25 to 40 % busy, others 4 %).
  let window: { at: number; elu: EventLoopUtilization }[] = [
    { at: performance.now(), elu: performance.eventLoopUtilization() },
  ];
  const timer = setInterval(() => {
    const at = performance.now();
    const elu = performance.eventLoopUtilization();
    window.push({ at, elu });
    while (window.length > 2 && at - (window[1]?.at ?? at) >= quietForMs) window.shift();
    const oldest = window[0];
    if (oldest === undefined || at - oldest.at < quietForMs) return;
    if (performance.eventLoopUtilization(elu, oldest.elu).utilization >= idleBelow) return;
    const newSpace = youngGenerationBytes();
    if (newSpace <= newSpaceAbove) return;
    collect();
    const done = performance.now();
    // The next trim needs a quiet window of its own.
    window = [{ at: done, elu: performance.eventLoopUtilization() }];
    options.onTrim?.(newSpace, done - at);
  }, everyMs);
  // Never the reason a process stays alive.
  timer.unref();
  return () => clearInterval(timer);
}

/** V8's young generation as committed now (both semi-spaces). */
export function youngGenerationBytes(): number {
  return v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
}

function fullCollection(): (() => void) | undefined {
  v8.setFlagsFromString('--expose-gc');
  const gc: unknown = vm.runInNewContext('gc');
  v8.setFlagsFromString('--no-expose-gc');
  if (typeof gc !== 'function') return undefined;
  // V8's 'last-resort' collection also shrinks the young generation and the heap at once; an ordinary one only
  // wakes V8's memory reducer, which after a busy spell often waited longer than the quiet lasted.
  const options = { type: 'major', execution: 'sync', flavor: 'last-resort' };
  return () => {
    Reflect.apply(gc, undefined, [options]);
  };
}
