/** Shapes the server sends, checked by hand: the widget ships without a schema library to stay small. */
export interface QuickReply {
  readonly title: string;
  readonly payload: string;
}

export type InputHint = 'text' | 'date' | 'amount' | 'yes_no' | 'number' | 'postcode';

export interface BotMessage {
  readonly id: string;
  readonly text: string;
  readonly quickReplies: readonly QuickReply[];
  readonly input: InputHint | undefined;
}

/** One of the person's own lines, as the message log keeps it (shown again after a reload). */
export interface PersonLine {
  readonly id: string;
  readonly text: string;
}

/** An entry of the conversation's message log: the bot's (or a volunteer's) message, or the person's own line. */
export type ThreadEntry = { readonly kind: 'bot'; readonly message: BotMessage } | { readonly kind: 'person'; readonly line: PersonLine };

export type ServerFrame =
  | { readonly kind: 'message'; readonly message: BotMessage }
  /** The server kept the turn with this client id: it need not be sent again. */
  | { readonly kind: 'ack'; readonly turnId: string }
  | { readonly kind: 'typing' }
  | { readonly kind: 'status'; readonly text: string }
  | { readonly kind: 'error'; readonly code: string };

const inputHints: readonly InputHint[] = ['text', 'date', 'amount', 'yes_no', 'number', 'postcode'];

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseQuickReplies(value: unknown): QuickReply[] {
  if (!Array.isArray(value)) return [];
  const replies: QuickReply[] = [];
  for (const item of value) {
    if (isRecord(item) && typeof item.title === 'string' && typeof item.payload === 'string') {
      replies.push({ title: item.title, payload: item.payload });
    }
  }
  return replies;
}

function parseInputHint(value: unknown): InputHint | undefined {
  return inputHints.find((hint) => hint === value);
}

/** A bot message, or null when the value is not one (unknown fields are ignored). */
export function parseBotMessage(value: unknown): BotMessage | null {
  if (!isRecord(value) || value.type !== 'message') return null;
  if (typeof value.id !== 'string' || value.id === '' || typeof value.text !== 'string') return null;
  return {
    id: value.id,
    text: value.text,
    quickReplies: parseQuickReplies(value.quick_replies),
    input: parseInputHint(value.input),
  };
}

/** The items of an HTTP answer: a bare array or `{ messages: [...] }`. */
function listOf(value: unknown): readonly unknown[] {
  const list = isRecord(value) ? value.messages : value;
  return Array.isArray(list) ? list : [];
}

/** Bot messages from an HTTP answer: a bare array or `{ messages: [...] }`. */
export function parseBotMessages(value: unknown): BotMessage[] {
  const messages: BotMessage[] = [];
  for (const item of listOf(value)) {
    const message = parseBotMessage(item);
    if (message) messages.push(message);
  }
  return messages;
}

/** The message log from GET /api/messages (`{ messages: [...] }`): bot messages and the person's lines, in order. */
export function parseThread(value: unknown): ThreadEntry[] {
  const entries: ThreadEntry[] = [];
  for (const item of listOf(value)) {
    const message = parseBotMessage(item);
    if (message) entries.push({ kind: 'bot', message });
    else if (isRecord(item) && item.type === 'person' && typeof item.id === 'string' && item.id !== '' && typeof item.text === 'string') {
      entries.push({ kind: 'person', line: { id: item.id, text: item.text } });
    }
  }
  return entries;
}

/** One websocket frame, or null for anything the widget does not understand. */
export function parseServerFrame(raw: unknown): ServerFrame | null {
  if (typeof raw !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  if (value.type === 'typing') return { kind: 'typing' };
  if (value.type === 'ack' && typeof value.turnId === 'string') return { kind: 'ack', turnId: value.turnId };
  if (value.type === 'status' && typeof value.text === 'string') return { kind: 'status', text: value.text };
  if (value.type === 'error') {
    const code = isRecord(value.error) && typeof value.error.code === 'string' ? value.error.code : 'UNKNOWN';
    return { kind: 'error', code };
  }
  const message = parseBotMessage(value);
  return message ? { kind: 'message', message } : null;
}
