import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/shared/errors.js';
import { AnswerDeadline } from '../../src/store/answer-deadline.js';
import { isStoreUnavailable } from '../../src/store/store-unavailable.js';
import { sleep } from '../helpers/wait-for.js';

function later<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

describe('AnswerDeadline', () => {
  it('passes answers and errors through, and keeps nothing once they are settled', async () => {
    const deadline = new AnswerDeadline(200);
    expect(await deadline.within(Promise.resolve(42))).toBe(42);
    const failure = new Error('WRONGTYPE');
    await expect(deadline.within(Promise.reject(failure))).rejects.toBe(failure);
    const many = await Promise.all(Array.from({ length: 100 }, (_, i) => deadline.within(later(i % 7, i))));
    expect(many).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(deadline.waiting).toBe(0);
  });

  it('fails a call that gets no answer in time as STORE_UNAVAILABLE, and only that one', async () => {
    const expiredCounts: number[] = [];
    const deadline = new AnswerDeadline(80, (n) => expiredCounts.push(n));
    const never = new Promise<string>(() => undefined);
    const started = performance.now();
    const hung = deadline.within(never).then(
      () => 'answered',
      (e: unknown) => e,
    );
    const quick = deadline.within(later(10, 'quick'));
    expect(await quick).toBe('quick');
    const outcome = await hung;
    const took = performance.now() - started;
    expect(outcome).toBeInstanceOf(StoreError);
    expect(isStoreUnavailable(outcome)).toBe(true);
    expect(took).toBeGreaterThanOrEqual(75);
    expect(took).toBeLessThan(500);
    expect(expiredCounts).toEqual([1]);
    expect(deadline.waiting).toBe(0);
  });

  it('expires calls in the order they began, each after its own full deadline', async () => {
    const deadline = new AnswerDeadline(100);
    const started = performance.now();
    const first = deadline.within(new Promise<never>(() => undefined)).catch(() => performance.now() - started);
    await sleep(60);
    const second = deadline.within(new Promise<never>(() => undefined)).catch(() => performance.now() - started);
    const [a, b] = await Promise.all([first, second]);
    expect(a).toBeGreaterThanOrEqual(95);
    expect(a).toBeLessThan(160);
    expect(b).toBeGreaterThanOrEqual(155);
    expect(b - a).toBeGreaterThanOrEqual(40);
  });

  it('ignores an answer that comes after the deadline', async () => {
    const deadline = new AnswerDeadline(30);
    const outcome = await deadline.within(later(120, 'too late')).then(
      (v) => v,
      (e: unknown) => e,
    );
    expect(isStoreUnavailable(outcome)).toBe(true);
    await sleep(150);
    expect(deadline.waiting).toBe(0);
  });
});
