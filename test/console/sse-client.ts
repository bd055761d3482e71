import { request, type IncomingMessage } from 'node:http';
import { waitFor } from '../helpers/wait-for.js';

export interface SseEvent {
  readonly event: string;
  readonly data: unknown;
}

export interface SseStream {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  /** Everything received so far, as text. */
  raw(): string;
  /** Parsed `event:`/`data:` blocks received so far. */
  events(): SseEvent[];
  /** Waits for an event matching `match` (default: any of that name) and returns it. */
  next(event: string, match?: (data: unknown) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

/** Opens a server-sent event stream with the given cookie and reads it as text, the way a browser's EventSource would. */
export function openSse(url: string, cookie: string): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { cookie, accept: 'text/event-stream' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('error', () => undefined);
      const events = (): SseEvent[] => parseSse(text);
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        raw: () => text,
        events,
        async next(event, match = () => true, timeoutMs = 3000) {
          let found: SseEvent | undefined;
          await waitFor(() => {
            found = events().find((e) => e.event === event && match(e.data));
            return found !== undefined;
          }, `a "${event}" event`, timeoutMs);
          if (found === undefined) throw new Error('unreachable');
          return found;
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', (err) => reject(err));
    req.end();
  });
}

/** The complete blocks of an event stream (comments and `retry:` lines are not events). */
export function parseSse(text: string): SseEvent[] {
  const blocks = text.split('\n\n').slice(0, -1);
  const events: SseEvent[] = [];
  for (const block of blocks) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (event !== undefined) events.push({ event, data: JSON.parse(data.join('\n')) });
  }
  return events;
}
