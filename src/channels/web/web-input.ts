import { z } from 'zod/v4';
import { localeSchema } from '../../engine/session-state.js';
import { isMessageId } from '../../store/message-id.js';
import { clientTurnIdPattern } from '../../store/turn-store.js';

export const MAX_TEXT = 2000;

/** A turn from the widget, over HTTP or the websocket. Exactly the fields below; text or payload must be there. */
export const webTurnSchema = z
  .strictObject({
    type: z.literal('message'),
    text: z.string().max(MAX_TEXT, `text is longer than ${MAX_TEXT} characters`).optional(),
    payload: z.string().regex(/^(choice|intent):[a-z0-9_:]{1,80}$/, 'payload is not a known button format').optional(),
    /** The client's id for this turn: a retry with the same id is answered from the message log, never applied twice. */
    turnId: z.string().regex(clientTurnIdPattern, 'turnId must be 8 to 64 letters, digits, _ or -').optional(),
  })
  .refine((b) => (b.text !== undefined && b.text.trim().length > 0) || b.payload !== undefined, { message: 'send text or a payload', path: ['text'] });
export type WebTurn = z.infer<typeof webTurnSchema>;

export const sessionRequestSchema = z.strictObject({ locale: localeSchema.optional() });

export const helloSchema = z.strictObject({
  type: z.literal('hello'),
  token: z.string().max(512),
  /** The last message id the client has; missed ones are sent again. */
  after: z.string().max(64).optional(),
});

export const afterQuerySchema = z.strictObject({ after: z.string().refine(isMessageId, 'after must be a message id').optional() });
