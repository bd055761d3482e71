/**
 * Both store kinds keep documents as JSON text, so the memory store behaves like Redis:
 * callers get copies, and values JSON cannot hold fail at write time in development too.
 */
export function encodeJson(value: unknown, what: string): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`${what} must be JSON-serialisable.`);
  return text;
}

export function decodeJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  return value;
}
