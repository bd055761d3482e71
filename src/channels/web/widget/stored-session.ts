import { isRecord } from './bot-message.js';
import { isTurnId } from './turn-id.js';
import { toLocale } from '../../../shared/locale-registry.js';
import type { Locale as WidgetLocale } from '../../../shared/locale-registry.js';

export interface StoredSession {
  readonly token: string;
  readonly conversationId: string;
  readonly locale: WidgetLocale;
}

/** A message the server has not confirmed yet, kept so a reload sends it again (with the same turn id). */
export interface StoredOutgoing {
  readonly turnId: string;
  readonly text?: string;
  readonly payload?: string;
  /** The line as the person saw it. */
  readonly line: string;
  /** The newest message log id the page had when it was sent. */
  readonly after?: string;
}

const storageKey = 'huurhulp.session';
// Per tab (sessionStorage): a reload keeps what is unsent, and two tabs of one conversation never send each other's.
const outboxKey = 'huurhulp.outbox';

// Storage can be missing or throw (private mode, blocked cookies): the chat then lives in memory only.
function storage(kind: 'localStorage' | 'sessionStorage' = 'localStorage'): Storage | null {
  try {
    return window[kind];
  } catch {
    return null;
  }
}

export function readStoredSession(): StoredSession | null {
  try {
    const raw = storage()?.getItem(storageKey);
    if (!raw) return null;
    const value: unknown = JSON.parse(raw);
    if (!isRecord(value) || typeof value.token !== 'string' || typeof value.conversationId !== 'string') return null;
    return { token: value.token, conversationId: value.conversationId, locale: toLocale(value.locale) };
  } catch {
    return null;
  }
}

export function writeStoredSession(session: StoredSession): void {
  try {
    storage()?.setItem(storageKey, JSON.stringify(session));
  } catch {
    // Full or blocked storage: keep chatting; only a reload will lose the thread.
  }
}

export function clearStoredSession(): void {
  try {
    storage()?.removeItem(storageKey);
    storage('sessionStorage')?.removeItem(outboxKey);
  } catch {
    // Nothing to clear.
  }
}

function parseOutgoing(value: unknown): StoredOutgoing | null {
  if (!isRecord(value) || !isTurnId(value.turnId) || typeof value.line !== 'string') return null;
  const { turnId, text, payload, line, after } = value;
  if (typeof text !== 'string' && typeof payload !== 'string') return null;
  return { turnId, line, ...(typeof text === 'string' ? { text } : {}), ...(typeof payload === 'string' ? { payload } : {}), ...(typeof after === 'string' ? { after } : {}) };
}

/** The unconfirmed messages of this conversation, oldest first (none when they belong to another one). */
export function readStoredOutbox(conversationId: string): StoredOutgoing[] {
  try {
    const raw = storage('sessionStorage')?.getItem(outboxKey);
    if (!raw) return [];
    const value: unknown = JSON.parse(raw);
    if (!isRecord(value) || value.conversationId !== conversationId || !Array.isArray(value.messages)) return [];
    return value.messages.map(parseOutgoing).filter((m): m is StoredOutgoing => m !== null);
  } catch {
    return [];
  }
}

export function writeStoredOutbox(conversationId: string, messages: readonly StoredOutgoing[]): void {
  try {
    if (messages.length === 0) storage('sessionStorage')?.removeItem(outboxKey);
    else storage('sessionStorage')?.setItem(outboxKey, JSON.stringify({ conversationId, messages }));
  } catch {
    // Full or blocked storage: the messages are still sent again after a reconnect, only not after a reload.
  }
}
