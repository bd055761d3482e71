import { describe, expect, it } from 'vitest';
import { WrittenDocs } from '../../src/store/written-docs.js';

describe('WrittenDocs', () => {
  const at = (start = 0) => {
    const clock = { ms: start };
    return { clock, now: () => clock.ms };
  };

  it('hands back the written object only for exactly the text it was written as', () => {
    const docs = new WrittenDocs<{ turn: number }>({ maxEntries: 10, maxAgeMs: 1000 });
    const doc = { turn: 3 };
    docs.remember('c1', '{"turn":3}', doc);
    expect(docs.recall('c1', '{"turn":3}')).toBe(doc);
    expect(docs.recall('c1', '{"turn":4}')).toBeUndefined();
    expect(docs.recall('c2', '{"turn":3}')).toBeUndefined();
  });

  it('keeps only the last write of a conversation', () => {
    const docs = new WrittenDocs<{ turn: number }>({ maxEntries: 10, maxAgeMs: 1000 });
    docs.remember('c1', '{"turn":1}', { turn: 1 });
    const second = { turn: 2 };
    docs.remember('c1', '{"turn":2}', second);
    expect(docs.recall('c1', '{"turn":1}')).toBeUndefined();
    expect(docs.recall('c1', '{"turn":2}')).toBe(second);
    expect(docs.size).toBe(1);
  });

  it('forgets a conversation on request', () => {
    const docs = new WrittenDocs<{ turn: number }>({ maxEntries: 10, maxAgeMs: 1000 });
    docs.remember('c1', '{"turn":1}', { turn: 1 });
    docs.forget('c1');
    expect(docs.recall('c1', '{"turn":1}')).toBeUndefined();
    expect(docs.size).toBe(0);
  });

  it('drops the least recently written conversation beyond its bound', () => {
    const docs = new WrittenDocs<number>({ maxEntries: 2, maxAgeMs: 1000 });
    docs.remember('a', '1', 1);
    docs.remember('b', '2', 2);
    docs.remember('a', '3', 3);
    docs.remember('c', '4', 4);
    expect(docs.size).toBe(2);
    expect(docs.recall('b', '2')).toBeUndefined();
    expect(docs.recall('a', '3')).toBe(3);
    expect(docs.recall('c', '4')).toBe(4);
  });

  it('keeps nothing longer than its age bound', () => {
    const { clock, now } = at();
    const docs = new WrittenDocs<number>({ maxEntries: 10, maxAgeMs: 1000, now });
    docs.remember('a', '1', 1);
    clock.ms = 600;
    docs.remember('b', '2', 2);
    clock.ms = 1000;
    expect(docs.recall('a', '1')).toBe(1);
    clock.ms = 1001;
    expect(docs.recall('a', '1')).toBeUndefined();
    expect(docs.size).toBe(1);
    clock.ms = 1601;
    expect(docs.size).toBe(0);
  });
});
