import { isRecord, parseBotMessages, parseThread } from './bot-message.js';
import type { BotMessage, ThreadEntry } from './bot-message.js';
import type { WidgetLocale } from './widget-strings.js';

/** What the widget sends: free text or the exact payload of a button the server gave. */
export interface OutgoingMessage {
  readonly text?: string;
  readonly payload?: string;
}

/** A message on its way: a retry (HTTP or websocket) carries the same turn id, so the server applies it once. */
export interface OutgoingTurn extends OutgoingMessage {
  readonly turnId: string;
}

export interface NewSession {
  readonly token: string;
  readonly conversationId: string;
}

/** The server answered with an error status; `status` 0 means the network failed or timed out. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string) {
    super(`huurhulp request failed: ${status} ${code}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export interface ApiClient {
  createSession(locale: WidgetLocale): Promise<NewSession>;
  sendMessage(token: string, turn: OutgoingTurn): Promise<BotMessage[]>;
  /** The message log after `afterId` (all of it without): the bot's messages and the person's own lines. */
  fetchMessages(token: string, afterId: string | undefined): Promise<ThreadEntry[]>;
}

const requestTimeoutMs = 15_000;

export function createApiClient(origin: string): ApiClient {
  async function request(method: 'GET' | 'POST', path: string, token?: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const abort = new AbortController();
    const timer = window.setTimeout(() => abort.abort(), requestTimeoutMs);
    let response: Response;
    try {
      response = await fetch(origin + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store',
        signal: abort.signal,
      });
    } catch {
      throw new ApiError(0, 'NETWORK');
    } finally {
      window.clearTimeout(timer);
    }
    const data: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const code = isRecord(data) && isRecord(data.error) && typeof data.error.code === 'string' ? data.error.code : 'HTTP';
      throw new ApiError(response.status, code);
    }
    return data;
  }

  return {
    async createSession(locale) {
      const data = await request('POST', '/api/web/session', undefined, { locale });
      if (!isRecord(data) || typeof data.token !== 'string' || typeof data.conversationId !== 'string') {
        throw new ApiError(500, 'BAD_RESPONSE');
      }
      return { token: data.token, conversationId: data.conversationId };
    },
    async sendMessage(token, turn) {
      return parseBotMessages(await request('POST', '/api/messages', token, { type: 'message', ...turn }));
    },
    async fetchMessages(token, afterId) {
      const query = afterId === undefined ? '' : `?after=${encodeURIComponent(afterId)}`;
      return parseThread(await request('GET', `/api/messages${query}`, token));
    },
  };
}
