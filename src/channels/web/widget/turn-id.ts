/** The 64 characters of URL-safe base64: exactly what the server accepts in a client turn id (A-Z a-z 0-9 _ -). */
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** 22 characters of 6 random bits each: 132 bits, so two turns never share an id. */
const turnIdLength = 22;
const turnIdPattern = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * A new client turn id. A retry of the same message sends the same id, so the server applies it once.
 * `fill` is crypto.getRandomValues (a parameter only so a test can pin the bytes).
 */
export function newTurnId(fill: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  const bytes = fill(new Uint8Array(turnIdLength));
  let id = '';
  // 256 is a multiple of 64, so the low six bits of a random byte are uniform.
  for (const byte of bytes) id += alphabet.charAt(byte & 63);
  return id;
}

/** A turn id as the server accepts it (used when reading kept messages back from storage). */
export function isTurnId(value: unknown): value is string {
  return typeof value === 'string' && turnIdPattern.test(value);
}
