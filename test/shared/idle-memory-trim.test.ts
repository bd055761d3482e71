import { describe, expect, it } from 'vitest';
import { trimMemoryWhenIdle, youngGenerationBytes } from '../../src/shared/idle-memory-trim.js';
import { waitFor } from '../helpers/wait-for.js';

const MB = 1024 * 1024;

/** What a burst of new connections does to V8: many young objects that survive, so the young generation grows. */
async function growYoungGeneration(): Promise<unknown[]> {
  const kept: unknown[] = [];
  for (let round = 0; round < 200 && youngGenerationBytes() <= 32 * MB; round++) {
    for (let i = 0; i < 50_000; i++) kept.push({ i, label: `socket-${i}`, buffers: [i] });
    await new Promise((resolve) => setImmediate(resolve));
  }
  return kept;
}

describe('trimMemoryWhenIdle', () => {
  it('gives the grown young generation back once the process is quiet', async () => {
    let kept = await growYoungGeneration();
    // Precondition: the burst did grow it (else this test would prove nothing).
    expect(youngGenerationBytes()).toBeGreaterThan(32 * MB);
    kept = kept.slice(0, 1000);
    const trims: number[] = [];
    const stop = trimMemoryWhenIdle({ everyMs: 250, newSpaceAboveBytes: 16 * MB, quietForMs: 0, onTrim: (bytes) => trims.push(bytes) });
    try {
      // One full collection when quiet, which shrinks the young generation at once.
      await waitFor(() => trims.length > 0, 'a trim while quiet', 5000);
      expect(trims[0]).toBeGreaterThan(16 * MB);
      expect(youngGenerationBytes()).toBeLessThanOrEqual(16 * MB);
      // Small now: no more trims while it stays small.
      const count = trims.length;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(trims.length).toBe(count);
    } finally {
      stop();
    }
    expect(kept.length).toBe(1000);
  }, 40_000);

  it('does nothing while the process is busy', async () => {
    const kept = await growYoungGeneration();
    expect(youngGenerationBytes()).toBeGreaterThan(32 * MB);
    const trims: number[] = [];
    const stop = trimMemoryWhenIdle({ everyMs: 200, newSpaceAboveBytes: 16 * MB, quietForMs: 0, onTrim: (bytes) => trims.push(bytes) });
    try {
      // Busy: the event loop is kept running for 2 s (each turn of it spins 20 ms), as under load.
      const until = performance.now() + 2000;
      while (performance.now() < until) {
        const spinUntil = performance.now() + 20;
        while (performance.now() < spinUntil) kept.length += 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(trims).toEqual([]);
    } finally {
      stop();
    }
  });

  it('needs a quiet spell of its own before the next trim', async () => {
    const trims: number[] = [];
    const started = performance.now();
    const stop = trimMemoryWhenIdle({ everyMs: 100, newSpaceAboveBytes: 16 * MB, quietForMs: 1500, onTrim: () => trims.push(performance.now() - started) });
    try {
      await growYoungGeneration();
      await waitFor(() => trims.length === 1, 'the first trim', 5000);
      // Grown again at once (the growing keeps the loop busy, so quiet starts after it): no trim for 1.5 s.
      await growYoungGeneration();
      const grownAt = performance.now() - started;
      expect(youngGenerationBytes()).toBeGreaterThan(16 * MB);
      await waitFor(() => trims.length === 2, 'the second trim', 5000);
      expect((trims[1] ?? 0) - grownAt).toBeGreaterThanOrEqual(1300);
    } finally {
      stop();
    }
  });

  it('waits until the process has been quiet for quietForMs', async () => {
    await growYoungGeneration();
    expect(youngGenerationBytes()).toBeGreaterThan(32 * MB);
    const trims: number[] = [];
    const started = performance.now();
    const stop = trimMemoryWhenIdle({ everyMs: 100, newSpaceAboveBytes: 16 * MB, quietForMs: 1500, onTrim: () => trims.push(performance.now() - started) });
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(trims).toEqual([]);
      await waitFor(() => trims.length > 0, 'a trim after 1.5 s of quiet', 5000);
      expect(trims[0]).toBeGreaterThanOrEqual(1400);
    } finally {
      stop();
    }
  });
});
