/** Throws unless `seconds` is a whole number of seconds >= 1 (Redis EXPIRE takes whole seconds). */
export function assertTtlSeconds(seconds: number): number {
  if (!Number.isInteger(seconds) || seconds < 1) {
    throw new RangeError(`The TTL must be a whole number of seconds >= 1, got ${seconds}.`);
  }
  return seconds;
}

/** Default number of messages kept per conversation. */
export const defaultMaxMessagesPerConversation = 200;

export function assertMaxMessages(max: number): number {
  if (!Number.isInteger(max) || max < 1) {
    throw new RangeError(`maxPerConversation must be a whole number >= 1, got ${max}.`);
  }
  return max;
}

export function assertExpectedRev(rev: number): number {
  if (!Number.isInteger(rev) || rev < 0) {
    throw new RangeError(`expectedRev must be a whole number >= 0, got ${rev}.`);
  }
  return rev;
}
