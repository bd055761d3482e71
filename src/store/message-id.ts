import { RequestError } from '../shared/errors.js';

/** Message ids look like Redis stream ids: `<milliseconds>-<sequence>`. */
const messageIdPattern = /^(\d{1,20})-(\d{1,20})$/;

export interface MessageIdParts {
  readonly ms: bigint;
  readonly seq: bigint;
}

/** Each part of a Redis stream id is an unsigned 64-bit number; a larger one makes XRANGE fail (issue #11 finding 6). */
const maxPart = 2n ** 64n - 1n;

/**
 * The parts of a message id, or null. The very last id (both parts at the maximum) is refused too: nothing can come
 * after it, and Redis refuses it as the exclusive start of a range.
 */
export function parseMessageId(id: string): MessageIdParts | null {
  const match = messageIdPattern.exec(id);
  if (!match?.[1] || !match[2]) return null;
  const ms = BigInt(match[1]);
  const seq = BigInt(match[2]);
  if (ms > maxPart || seq > maxPart || (ms === maxPart && seq === maxPart)) return null;
  return { ms, seq };
}

export function isMessageId(id: string): boolean {
  return parseMessageId(id) !== null;
}

/** Throws BAD_REQUEST for anything that is not a message id (ids may come from polling clients). */
export function assertMessageId(id: string): MessageIdParts {
  const parts = parseMessageId(id);
  if (!parts) throw new RequestError('BAD_REQUEST', 'Invalid message id.');
  return parts;
}

/** Negative, zero or positive like a sort comparator. Not string order: "9-0" < "10-0". */
export function compareMessageIds(a: string, b: string): number {
  const pa = assertMessageId(a);
  const pb = assertMessageId(b);
  if (pa.ms !== pb.ms) return pa.ms < pb.ms ? -1 : 1;
  if (pa.seq !== pb.seq) return pa.seq < pb.seq ? -1 : 1;
  return 0;
}
