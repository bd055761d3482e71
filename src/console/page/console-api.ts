import { isRecord } from './dom.js';

/** The server answered with an error status; `status` 0 means the network failed or timed out. */
export class ConsoleApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string) {
    super(`console request failed: ${status} ${code}`);
    this.name = 'ConsoleApiError';
    this.status = status;
    this.code = code;
  }
}

export interface ConsoleApi {
  /** The session's CSRF token, sent back in `x-csrf-token` on every POST and PUT. */
  setCsrfToken(token: string | null): void;
  get(path: string): Promise<unknown>;
  post(path: string, body?: unknown): Promise<unknown>;
  put(path: string, body: unknown): Promise<unknown>;
}

const base = '/api/console';
const timeoutMs = 15_000;

/** Same-origin JSON calls; the httpOnly session cookie goes along by itself. */
export function createConsoleApi(): ConsoleApi {
  let csrfToken: string | null = null;

  async function request(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (method !== 'GET') {
      headers['Content-Type'] = 'application/json';
      if (csrfToken !== null) headers['x-csrf-token'] = csrfToken;
    }
    const abort = new AbortController();
    const timer = window.setTimeout(() => abort.abort(), timeoutMs);
    let response: Response;
    try {
      response = await fetch(base + path, {
        method,
        headers,
        // An empty object for calls without fields: the server takes JSON bodies only.
        body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
        credentials: 'same-origin',
        cache: 'no-store',
        signal: abort.signal,
      });
    } catch {
      throw new ConsoleApiError(0, 'NETWORK');
    } finally {
      window.clearTimeout(timer);
    }
    const data: unknown = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) {
      const code = isRecord(data) && isRecord(data.error) && typeof data.error.code === 'string' ? data.error.code : 'HTTP';
      throw new ConsoleApiError(response.status, code);
    }
    return data;
  }

  return {
    setCsrfToken(token) {
      csrfToken = token;
    },
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body),
    put: (path, body) => request('PUT', path, body),
  };
}

export function ticketPath(id: string, action?: string): string {
  return `/tickets/${encodeURIComponent(id)}${action === undefined ? '' : `/${action}`}`;
}
