import { ErrorReply } from '@redis/client';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/shared/errors.js';
import { isStoreUnavailable } from '../../src/store/store-unavailable.js';

describe('isStoreUnavailable', () => {
  it('is true for "not now": unavailable store errors, a full command queue, loading replies, also as a cause', () => {
    expect(isStoreUnavailable(new StoreError('STORE_UNAVAILABLE', 'x'))).toBe(true);
    // node-redis's commandsQueueMaxLength error while Redis hangs.
    expect(isStoreUnavailable(new Error('The queue is full'))).toBe(true);
    expect(isStoreUnavailable(new ErrorReply('LOADING Redis is loading the dataset in memory'))).toBe(true);
    expect(isStoreUnavailable(new Error('turn failed', { cause: new Error('The queue is full') }))).toBe(true);
  });

  it('is false for faults that a retry would not fix', () => {
    expect(isStoreUnavailable(new ErrorReply('WRONGTYPE Operation against a key holding the wrong kind of value'))).toBe(false);
    expect(isStoreUnavailable(new Error('The queue is full!'))).toBe(false);
    expect(isStoreUnavailable('The queue is full')).toBe(false);
  });
});
