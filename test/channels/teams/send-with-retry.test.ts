import { describe, expect, test } from 'vitest';
import { sendWithRetry, type RetryPolicy } from '../../../src/channels/teams/send-with-retry.js';

/** Like axios's AxiosHeaders: a class instance, not a plain object. */
class HeaderBag {
  constructor(values: Record<string, string>) {
    Object.assign(this, values);
  }
}

function failing(status: number | null, headers: Record<string, string> = {}): Error & { response?: unknown } {
  const error: Error & { response?: unknown } = new Error('Request failed');
  if (status !== null) error.response = { status, headers: new HeaderBag(headers) };
  return error;
}

function policy(sleeps: number[], random = 0.5): RetryPolicy {
  return { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000, random: () => random, sleep: async (ms) => void sleeps.push(ms) };
}

describe('sendWithRetry', () => {
  test.each([429, 412, 502, 504])('retries %i with growing, jittered waits, then succeeds', async (status) => {
    const sleeps: number[] = [];
    let calls = 0;
    const outcome = await sendWithRetry(async () => {
      calls++;
      if (calls < 4) throw failing(status);
      return 'sent';
    }, policy(sleeps));
    expect(outcome).toEqual({ ok: true, value: 'sent' });
    expect(sleeps).toEqual([51, 101, 201]);
  });

  test('jitter spreads the wait between 1 ms and the ceiling', async () => {
    const low: number[] = [];
    const high: number[] = [];
    await sendWithRetry(async () => Promise.reject(failing(429)), policy(low, 0));
    await sendWithRetry(async () => Promise.reject(failing(429)), policy(high, 0.999));
    expect(low).toEqual([1, 1, 1]);
    expect(high).toEqual([100, 200, 400]);
  });

  test('gives up after the last attempt and reports the status', async () => {
    const sleeps: number[] = [];
    expect(await sendWithRetry(async () => Promise.reject(failing(502)), policy(sleeps))).toEqual({ ok: false, status: 502, attempts: 4 });
    expect(sleeps).toHaveLength(3);
  });

  test.each([403, 404, 400, 401])('does not retry %i', async (status) => {
    const sleeps: number[] = [];
    expect(await sendWithRetry(async () => Promise.reject(failing(status)), policy(sleeps))).toEqual({ ok: false, status, attempts: 1 });
    expect(sleeps).toEqual([]);
  });

  test('a network fault (no status) is retried; Retry-After is honoured up to the cap', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    await sendWithRetry(async () => {
      calls++;
      if (calls === 1) throw failing(null);
      if (calls === 2) throw failing(429, { 'retry-after': '1' });
      if (calls === 3) throw failing(429, { 'retry-after': '30' });
      return 1;
    }, policy(sleeps));
    expect(sleeps).toEqual([51, 1000, 1000]);
  });
});
