import { isRecord } from './dom.js';
import { parseLine, urgencies } from './console-data.js';
import type { Line, Urgency } from './console-data.js';

export interface TicketEvent {
  readonly type: string;
  readonly ticketId: string;
  readonly conversationId: string;
  readonly urgency: Urgency | null;
}

export interface LiveHandlers {
  onTicket(event: TicketEvent): void;
  onMessage(conversationId: string, ticketId: string | null, line: Line): void;
  onTyping(conversationId: string, from: string): void;
  onCrisis(conversationId: string, ticketId: string | null): void;
  /** true when the stream is open, false while it is down (EventSource retries by itself). */
  onConnected(connected: boolean): void;
  /** The stream closed for good (e.g. 401): the caller checks the session and may call `start` again. */
  onClosed(): void;
}

export interface LiveEvents {
  start(): void;
  stop(): void;
}

function json(event: Event): Record<string, unknown> | null {
  if (!(event instanceof MessageEvent) || typeof event.data !== 'string') return null;
  try {
    const value: unknown = JSON.parse(event.data);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The console's server-sent events at /api/console/events. EventSource reconnects on its own after a drop. */
export function createLiveEvents(handlers: LiveHandlers): LiveEvents {
  let source: EventSource | null = null;

  function start(): void {
    stop();
    const es = new EventSource('/api/console/events', { withCredentials: true });
    source = es;
    es.onopen = () => handlers.onConnected(true);
    es.onerror = () => {
      if (source !== es) return;
      handlers.onConnected(false);
      // CLOSED: the server refused the stream (not a network drop); EventSource will not retry.
      if (es.readyState === EventSource.CLOSED) {
        source = null;
        handlers.onClosed();
      }
    };
    es.addEventListener('ticket', (event) => {
      const data = json(event);
      const ticketId = str(data?.ticketId);
      if (data === null || ticketId === null) return;
      handlers.onTicket({
        type: str(data.type) ?? '',
        ticketId,
        conversationId: str(data.conversationId) ?? '',
        urgency: urgencies.find((u) => u === data.urgency) ?? null,
      });
    });
    es.addEventListener('message', (event) => {
      const data = json(event);
      const conversationId = str(data?.conversationId);
      if (data === null || conversationId === null) return;
      const line = parseLine(data.line, str(data.id) ?? undefined);
      if (line !== null) handlers.onMessage(conversationId, str(data.ticketId), line);
    });
    es.addEventListener('typing', (event) => {
      const data = json(event);
      const conversationId = str(data?.conversationId);
      if (data !== null && conversationId !== null) handlers.onTyping(conversationId, str(data.from) ?? '');
    });
    es.addEventListener('crisis_alert', (event) => {
      const data = json(event);
      const conversationId = str(data?.conversationId);
      if (data !== null && conversationId !== null) handlers.onCrisis(conversationId, str(data.ticketId));
    });
  }

  function stop(): void {
    source?.close();
    source = null;
  }

  return { start, stop };
}
