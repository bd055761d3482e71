import { isRecord } from './bot-message.js';
import { toLocale } from '../../../shared/locale-registry.js';
import type { Locale as WidgetLocale } from '../../../shared/locale-registry.js';

export interface StoredSession {
  readonly token: string;
  readonly conversationId: string;
  readonly locale: WidgetLocale;
}

const storageKey = 'huurhulp.session';

// Storage can be missing or throw (private mode, blocked cookies): the chat then lives in memory only.
function storage(): Storage | null {
  try {
    return window.localStorage;
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
  } catch {
    // Nothing to clear.
  }
}
