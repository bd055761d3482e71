import { z } from 'zod/v4';

/** Statuses Teams asks us to retry (throttling, precondition races, gateway faults). */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 412, 502, 504]);

export interface RetryPolicy {
  /** Tries in total, the first included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** In [0, 1); injected so tests can pin the jitter. */
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

export const defaultRetryPolicy: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 300,
  maxDelayMs: 5000,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export type SendOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly status: number | null; readonly attempts: number };

// Axios (under the SDK) gives `headers` as an AxiosHeaders instance, not a plain record: read it by property.
const httpFailure = z.object({ response: z.object({ status: z.number().int(), headers: z.unknown().optional() }) });

/** The HTTP status of a failed SDK call (axios error shape), or null for a network fault. */
export function failureStatus(error: unknown): { readonly status: number | null; readonly retryAfterMs: number | null } {
  const parsed = httpFailure.safeParse(error);
  if (!parsed.success) return { status: null, retryAfterMs: null };
  const headers = parsed.data.response.headers;
  const header: unknown = typeof headers === 'object' && headers !== null ? Reflect.get(headers, 'retry-after') : undefined;
  const seconds = typeof header === 'string' && /^\d{1,4}$/.test(header) ? Number(header) : null;
  return { status: parsed.data.response.status, retryAfterMs: seconds === null ? null : seconds * 1000 };
}

/**
 * Runs `send` until it succeeds, fails with a status that is not worth retrying (403 app removed, 404, 400), or the
 * attempts run out. Network faults and RETRY_STATUSES wait a full-jitter exponential backoff (or Retry-After, capped).
 * Never throws: the caller decides what a failure means.
 */
export async function sendWithRetry<T>(send: () => Promise<T>, policy: RetryPolicy = defaultRetryPolicy): Promise<SendOutcome<T>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, value: await send() };
    } catch (error) {
      const { status, retryAfterMs } = failureStatus(error);
      const retryable = status === null || RETRY_STATUSES.has(status);
      if (!retryable || attempt >= policy.attempts) return { ok: false, status, attempts: attempt };
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const delay = retryAfterMs !== null ? Math.min(retryAfterMs, policy.maxDelayMs) : Math.floor(policy.random() * ceiling) + 1;
      await policy.sleep(delay);
    }
  }
}
