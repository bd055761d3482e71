import { errorBodySchema } from '../channels/web/web-client.js';

/** One request's answer as the fault tests judge it: status, error code (if any) and how long it took. */
export interface Timed {
  readonly status: number;
  readonly code: string | null;
  readonly ms: number;
}

/** fetch, timed; gives up after `limitMs` so a hung server fails the test instead of hanging it. */
export async function timed(url: string, init: RequestInit = {}, limitMs = 10_000): Promise<Timed> {
  const started = performance.now();
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(limitMs) });
  const ms = performance.now() - started;
  const json: unknown = await res.json().catch(() => null);
  const parsed = errorBodySchema.safeParse(json);
  return { status: res.status, code: parsed.success ? parsed.data.error.code : null, ms };
}
