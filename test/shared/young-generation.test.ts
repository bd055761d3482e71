import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { holdYoungGeneration } from '../../src/shared/young-generation.js';

const youngGenerationBytes = (): number => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;

/** Long-lived objects, the way loading modules makes them: everything survives, so V8 wants to grow. */
function keepMany(megabytes: number): unknown[] {
  const kept: unknown[] = [];
  for (let i = 0; i < megabytes * 10_000; i++) kept.push({ i, text: `entry ${i}` });
  return kept;
}

describe('holdYoungGeneration', () => {
  it('keeps the young generation at its size while held, and lets V8 grow it again once released', () => {
    const kept: unknown[] = [];
    const release = holdYoungGeneration();
    try {
      const before = youngGenerationBytes();
      kept.push(keepMany(60));
      expect(youngGenerationBytes()).toBe(before);
    } finally {
      release();
    }
    const held = youngGenerationBytes();
    kept.push(keepMany(60));
    // Released: the same kind of work grows it again (what V8 does under load).
    expect(youngGenerationBytes()).toBeGreaterThan(held);
    expect(kept.length).toBeGreaterThan(0);
  });
});
