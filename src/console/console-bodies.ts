import { z } from 'zod/v4';
import { localeSchema } from '../engine/session-state.js';
import { sourceLocale } from '../shared/locale-registry.js';
import { ticketOutcomes, ticketStates } from '../handoff/ticket.js';
import { RequestError } from '../shared/errors.js';
import { cannedRepliesSchema } from './canned-reply-store.js';
import { noteTextSchema } from './note-store.js';

export const maxMessageLength = 2000;

/** Routes that take no input accept no body or `{}` only, so a confused client hears about it. */
export const emptyBodySchema = z.strictObject({}).optional();
export const messageBodySchema = z.strictObject({ text: z.string().trim().min(1).max(maxMessageLength) });
export const noteBodySchema = z.strictObject({ text: noteTextSchema });
export const closeBodySchema = z.strictObject({ outcome: z.enum(ticketOutcomes) });
export const cannedBodySchema = z.strictObject({ locale: localeSchema, replies: cannedRepliesSchema });

// Queries are not strict: a cache-buster or tracking parameter must not break the console.
export const ticketListQuerySchema = z.object({ state: z.enum(ticketStates).default('waiting') });
export const cannedQuerySchema = z.object({ locale: localeSchema.default(sourceLocale) });

/** The parsed value, or RequestError VALIDATION_FAILED naming each field (`path: message`); values are never echoed. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => `${pathOf([...issue.path, key])}: Unknown field.`)
      : [`${pathOf(issue.path)}: ${issue.message}`],
  );
  throw new RequestError('VALIDATION_FAILED', undefined, fields);
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(body)' : path.map(String).join('.');
}
