import type { z } from 'zod/v4';
import { RequestError } from '../../shared/errors.js';

/** Parses a request body; a failure names every invalid field, never echoing values. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new RequestError('BAD_REQUEST', 'The body must be a JSON object.');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(body)'}: ${i.message}`);
    throw new RequestError('VALIDATION_FAILED', undefined, fields);
  }
  return parsed.data;
}
