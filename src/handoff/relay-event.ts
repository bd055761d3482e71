import { z } from 'zod/v4';

/**
 * The live relay between a person and the volunteer console. Events travel on the reply bus under one fixed
 * channel id (conversation ids are 24 random base64url characters, so they never collide with it).
 */
export const RELAY_CHANNEL = 'console-relay';

export const transcriptFroms = ['person', 'bot', 'volunteer', 'system'] as const;

/** One line of a conversation's durable transcript (stored in `stores.transcripts`, a stream per conversation). */
export const transcriptLineSchema = z.strictObject({
  at: z.string(),
  from: z.enum(transcriptFroms),
  text: z.string().max(4000),
  /** The volunteer's username, for volunteer lines. */
  volunteer: z.string().max(40).optional(),
});
export type TranscriptLine = z.infer<typeof transcriptLineSchema>;

export const relayEventSchema = z.discriminatedUnion('type', [
  /** A new transcript line (person or volunteer) while a ticket is open. */
  z.strictObject({ type: z.literal('message'), conversationId: z.string(), ticketId: z.string().nullable(), id: z.string(), line: transcriptLineSchema }),
  /** Someone is typing: shown briefly on the other side. */
  z.strictObject({ type: z.literal('typing'), conversationId: z.string(), from: z.enum(['person', 'volunteer']) }),
  /** Crisis words from a person whose chat a volunteer holds or waits for: the console must show it at once. */
  z.strictObject({ type: z.literal('crisis_alert'), conversationId: z.string(), ticketId: z.string().nullable() }),
]);
export type RelayEvent = z.infer<typeof relayEventSchema>;
