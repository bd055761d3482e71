import { z } from 'zod/v4';
import { decodeJson, encodeJson } from './json-codec.js';
import type { LoggedMessage } from './session-store.js';

const replySchema = z.object({ id: z.string(), body: z.unknown() });

export function encodeReply(message: LoggedMessage): string {
  return encodeJson({ id: message.id, body: message.body }, 'The reply');
}

/** The reply, or null for text that is not one (a bus channel is not a trusted input). */
export function decodeReply(text: string): LoggedMessage | null {
  let value: unknown;
  try {
    value = decodeJson(text);
  } catch {
    return null;
  }
  const parsed = replySchema.safeParse(value);
  return parsed.success ? { id: parsed.data.id, body: parsed.data.body } : null;
}
