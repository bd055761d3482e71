import { describe, expect, test } from 'vitest';
import { HuurhulpError } from '../../src/shared/errors.js';
import { compareMessageIds, isMessageId } from '../../src/store/message-id.js';
import { storeKeys } from '../../src/store/store-keys.js';
import { keySlot } from '../helpers/key-slot.js';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof HuurhulpError ? error.code : 'not a HuurhulpError';
  }
  return undefined;
}

describe('storeKeys', () => {
  test('builds every key under the prefix', () => {
    const keys = storeKeys('huurhulp');
    expect(keys.session('web:abc')).toBe('huurhulp:session:{web:abc}');
    expect(keys.messages('web:abc')).toBe('huurhulp:msgs:{web:abc}');
    expect(keys.replies('web:abc')).toBe('huurhulp:replies:{web:abc}');
    expect(keys.pattern).toBe('huurhulp:*');
  });

  test('the slot helper matches the Redis Cluster specification', () => {
    // Values from the specification and from CLUSTER KEYSLOT on Redis 7.
    expect(keySlot('123456789')).toBe(0x31c3 % 16384);
    expect(keySlot('foo')).toBe(12182);
    expect(keySlot('{user1000}.following')).toBe(keySlot('{user1000}.followers'));
    expect(keySlot('foo{{bar}}zap')).toBe(keySlot('{bar'));
  });

  test("one conversation's keys share one hash slot (Redis Cluster: a MULTI or script may touch them together)", () => {
    const keys = storeKeys('huurhulp');
    const perConversation = [keys.session, keys.messages, keys.transcript, keys.replies, keys.statusAttempts, keys.turnRate, keys.clientTurns];
    for (const id of ['web:abc', 'web:0f3e9a', 'teams:a:1xYz', 'x']) {
      const slots = new Set(perConversation.map((key) => keySlot(key(id))));
      expect({ id, slots: slots.size }).toEqual({ id, slots: 1 });
    }
    // Different conversations spread over the cluster instead of piling on one node.
    const spread = new Set(Array.from({ length: 50 }, (_, i) => keySlot(keys.session(`web:${i}`))));
    expect(spread.size).toBeGreaterThan(40);
  });

  test("one queue's keys, the melding keys and the account keys each share one slot", () => {
    const keys = storeKeys('huurhulp');
    const groups = {
      handoff: [keys.handoffTicket('t1'), keys.handoffTicket('t2'), keys.handoffOpen, keys.handoffWaiting, keys.handoffClaimed, keys.handoffClosed, keys.handoffWaits],
      melding: [keys.melding('HH-1'), keys.meldingenOf('web:abc'), keys.meldingIndex],
      volunteer: [keys.volunteerAccount('anna'), keys.volunteerIndex],
      console: [keys.consoleSession('abc'), keys.consolePresence],
    };
    for (const [group, list] of Object.entries(groups)) {
      expect({ group, slots: new Set(list.map(keySlot)).size }).toEqual({ group, slots: 1 });
    }
  });

  test('conversation ids with braces are refused: they would move the hash tag', () => {
    const keys = storeKeys('p');
    for (const bad of ['}x', 'a{b', 'a}b', '{}']) expect(codeOf(() => keys.session(bad))).toBe('BAD_REQUEST');
    for (const bad of ['a{b', 'p}']) expect(codeOf(() => storeKeys(bad))).toBe('BAD_REQUEST');
  });

  test('refuses empty, over-long, whitespace and control-character ids', () => {
    const keys = storeKeys('p');
    for (const bad of ['', ' ', 'a b', 'a\nb', 'a\u0000b', 'x'.repeat(129)]) {
      expect(codeOf(() => keys.session(bad))).toBe('BAD_REQUEST');
      expect(codeOf(() => keys.messages(bad))).toBe('BAD_REQUEST');
    }
    expect(codeOf(() => keys.session('x'.repeat(128)))).toBeUndefined();
  });

  test('refuses prefixes that would break key listing', () => {
    for (const bad of ['', 'a b', 'a*', 'a?', 'a[1]', 'x'.repeat(65)]) {
      expect(codeOf(() => storeKeys(bad))).toBe('BAD_REQUEST');
    }
  });
});

describe('message ids', () => {
  test('compare numerically, not as text', () => {
    expect(compareMessageIds('9-0', '10-0')).toBeLessThan(0);
    expect(compareMessageIds('10-2', '10-10')).toBeLessThan(0);
    expect(compareMessageIds('10-1', '10-1')).toBe(0);
    expect(compareMessageIds('11-0', '10-99')).toBeGreaterThan(0);
  });

  test('only `<digits>-<digits>` is an id', () => {
    expect(isMessageId('1700000000000-3')).toBe(true);
    for (const bad of ['', '1', '1-', '-1', 'a-1', '1-2-3', '1-2 ']) expect(isMessageId(bad)).toBe(false);
  });
});
