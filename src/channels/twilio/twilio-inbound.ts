import { z } from 'zod/v4';

/** The fields of Twilio's incoming-message webhook we use; Twilio sends many more, which are ignored. */
export const inboundSchema = z.object({
  MessageSid: z.string().regex(/^(SM|MM|SS)[0-9a-zA-Z]{32}$/),
  From: z.string().min(1).max(64),
  To: z.string().min(1).max(64),
  Body: z.string().max(1600).default(''),
  NumMedia: z.coerce.number().int().min(0).max(10).default(0),
  /** WhatsApp: the payload of a tapped quick-reply button. */
  ButtonPayload: z.string().max(128).optional(),
});
export type Inbound = z.infer<typeof inboundSchema>;

/**
 * Words Twilio itself acts on for SMS long codes (opt-out): after one of them, Twilio confirms and blocks our sends
 * (error 21610) until the person sends START. We do not answer them; we end the chat quietly.
 */
const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);

export function isOptOut(body: string): boolean {
  return OPT_OUT.has(body.trim().toUpperCase());
}

/** An empty TwiML answer: replies go out through the Messages API, not in the webhook's answer. */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';
