import { z } from 'zod/v4';
import { compareUrgency } from '../domain/urgency/compute-urgency.js';
import { meldingSchema, parseStoredMelding, type Melding } from '../domain/melding/melding.js';
import { RequestError, StoreError } from '../shared/errors.js';
import { decodeJson, encodeJson } from './json-codec.js';

/** The melding as stored JSON, after checking it against the schema (the store never keeps an invalid one). */
export function encodeMelding(melding: Melding): string {
  const parsed = meldingSchema.safeParse(melding);
  if (!parsed.success) {
    // Paths and zod's messages only: they never contain the values, which may be personal.
    const details = parsed.error.issues.map((i) => `${i.path.join('.') || '(melding)'}: ${i.message}`);
    throw new RequestError('VALIDATION_FAILED', 'The melding is not valid.', details);
  }
  return encodeJson(parsed.data, 'The melding');
}

export function decodeMelding(json: string): Melding {
  try {
    return parseStoredMelding(decodeJson(json));
  } catch (cause) {
    if (cause instanceof SyntaxError || cause instanceof z.ZodError) {
      throw new StoreError('STORE_UNAVAILABLE', 'A stored melding cannot be read.', { cause });
    }
    throw cause;
  }
}

/** Most urgent first, then the oldest (longest waiting), then by code so the order is stable. */
export function compareForList(a: Melding, b: Melding): number {
  return compareUrgency(a.urgency, b.urgency) || compareText(a.createdAt, b.createdAt) || compareText(a.code, b.code);
}

/** Oldest first, then by code. */
export function compareOldestFirst(a: Melding, b: Melding): number {
  return compareText(a.createdAt, b.createdAt) || compareText(a.code, b.code);
}

// ISO timestamps and codes sort by code unit, not by locale.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
