import fc from 'fast-check';
import { describe, expect, expectTypeOf, test } from 'vitest';
import {
  compareUrgency,
  computeUrgency,
  nearestDays,
  urgencies,
  urgencyRank,
  urgentWithinDays,
  type Urgency,
  type UrgencyInput,
} from '../../../src/domain/urgency/compute-urgency.js';
import { priorities, type Priority } from '../../../src/engine/dialog-schema.js';

describe('computeUrgency', () => {
  test('is the same scale as the engine handoff priority', () => {
    expectTypeOf<Urgency>().toEqualTypeOf<Priority>();
    expect([...urgencies]).toEqual([...priorities]);
    expect(urgentWithinDays).toBe(14);
  });

  test('nothing known is normal', () => {
    expect(computeUrgency({})).toBe('normal');
    expect(computeUrgency({ phase: null, daysUntilDate: null, children: null, crisis: null, consent: null })).toBe('normal');
  });

  test('danger at home raises the urgency: with children urgent, alone at least soon (issue #10)', () => {
    expect(computeUrgency({ danger: true, children: true })).toBe('urgent');
    expect(computeUrgency({ danger: true, children: false })).toBe('soon');
    expect(computeUrgency({ danger: true })).toBe('soon');
    expect(computeUrgency({ danger: false, children: true })).toBe('normal');
    expect(computeUrgency({ danger: true, phase: 5 })).toBe('urgent');
    expect(computeUrgency({ danger: true, crisis: true })).toBe('crisis');
  });

  test('crisis words win over everything', () => {
    expect(computeUrgency({ crisis: true })).toBe('crisis');
    expect(computeUrgency({ crisis: true, phase: 0, daysUntilDate: 200, children: false, consent: 'no' })).toBe('crisis');
    expect(computeUrgency({ crisis: false, daysUntilDate: 3 })).toBe('urgent');
  });

  test.each([
    [0, 'urgent'], // today
    [1, 'urgent'],
    [7, 'urgent'],
    [13, 'urgent'], // the last urgent day
    [13.5, 'urgent'],
    [14, 'normal'], // "within 14 days" means 0..13
    [15, 'normal'],
    [365, 'normal'],
    [-1, 'normal'], // a past date alone is not urgent
    [-30, 'normal'],
  ] as const)('a date in %s days without children or phase is %s', (days, expected) => {
    expect(computeUrgency({ daysUntilDate: days })).toBe(expected);
  });

  test('children with any date set are urgent, also a far or past date', () => {
    for (const days of [-60, -1, 0, 13, 14, 100]) {
      expect({ days, urgency: computeUrgency({ daysUntilDate: days, children: true }) }).toEqual({ days, urgency: 'urgent' });
    }
  });

  test('children without a date do not raise urgency on their own', () => {
    expect(computeUrgency({ children: true })).toBe('normal');
    expect(computeUrgency({ children: true, daysUntilDate: null })).toBe('normal');
    expect(computeUrgency({ children: true, phase: 3 })).toBe('soon');
    expect(computeUrgency({ children: false, daysUntilDate: 20 })).toBe('normal');
  });

  test.each([
    [0, 'normal'],
    [1, 'normal'],
    [2, 'normal'],
    [3, 'soon'], // court
    [4, 'soon'], // vonnis served, eviction announced
    [5, 'urgent'], // the eviction itself (as the chat handoff ranks it)
    [6, 'soon'], // after the eviction
  ] as const)('phase %s without a date is %s', (phase, expected) => {
    expect(computeUrgency({ phase })).toBe(expected);
  });

  test('a near date raises any phase to urgent; a far date leaves the phase rank', () => {
    expect(computeUrgency({ phase: 0, daysUntilDate: 5 })).toBe('urgent');
    expect(computeUrgency({ phase: 4, daysUntilDate: 14 })).toBe('soon');
    expect(computeUrgency({ phase: 3, daysUntilDate: -2 })).toBe('soon');
    expect(computeUrgency({ phase: 2, daysUntilDate: 30 })).toBe('normal');
  });

  test('consent never changes urgency', () => {
    const base: readonly UrgencyInput[] = [{}, { phase: 3 }, { daysUntilDate: 2 }, { crisis: true }, { children: true, daysUntilDate: 40 }];
    for (const input of base) {
      const expected = computeUrgency(input);
      for (const consent of ['yes', 'no', 'not_asked', null, undefined] as const) {
        expect(computeUrgency({ ...input, consent })).toBe(expected);
      }
    }
  });

  test('non-finite days count as no date', () => {
    expect(computeUrgency({ daysUntilDate: Number.NaN, children: true })).toBe('normal');
    expect(computeUrgency({ daysUntilDate: Number.POSITIVE_INFINITY, children: true })).toBe('normal');
  });

  test('property: more facts never lower the urgency', () => {
    const input = fc.record(
      {
        phase: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
        daysUntilDate: fc.option(fc.integer({ min: -400, max: 400 }), { nil: undefined }),
        children: fc.option(fc.boolean(), { nil: undefined }),
        crisis: fc.option(fc.boolean(), { nil: undefined }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(input, (i) => {
        const base = urgencyRank(computeUrgency(i));
        expect(urgencyRank(computeUrgency({ ...i, crisis: true }))).toBe(0);
        expect(urgencyRank(computeUrgency({ ...i, children: true }))).toBeLessThanOrEqual(base);
        expect(urgencyRank(computeUrgency({ ...i, daysUntilDate: 0 }))).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('nearestDays', () => {
  test('the nearest coming date, else the latest past one, else null', () => {
    expect(nearestDays()).toBeNull();
    expect(nearestDays(null, undefined)).toBeNull();
    expect(nearestDays(30, 5)).toBe(5);
    expect(nearestDays(-3, 20)).toBe(20);
    expect(nearestDays(0, 20)).toBe(0);
    expect(nearestDays(-3, -10)).toBe(-3);
    expect(nearestDays(null, -10)).toBe(-10);
    expect(nearestDays(Number.NaN, 4)).toBe(4);
  });
});

describe('urgency order', () => {
  test('crisis < urgent < soon < normal', () => {
    const shuffled: Urgency[] = ['soon', 'normal', 'crisis', 'urgent'];
    expect(shuffled.sort(compareUrgency)).toEqual(['crisis', 'urgent', 'soon', 'normal']);
    expect(urgencies.map(urgencyRank)).toEqual([0, 1, 2, 3]);
  });
});
