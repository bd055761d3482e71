import { describe, expect, it } from 'vitest';
import type { Condition } from '../../src/engine/dialog-schema.js';
import { evaluateCondition } from '../../src/engine/evaluate-condition.js';
import type { Answers } from '../../src/engine/session-state.js';

const answers: Answers = { phase: 3, role: 'tenant', kids: true, days_left: 8, cleared: null };

describe('evaluateCondition', () => {
  it.each<[string, Condition, boolean]>([
    ['eq number', { answer: 'phase', eq: 3 }, true],
    ['eq is strict about types', { answer: 'phase', eq: '3' }, false],
    ['eq boolean', { answer: 'kids', eq: true }, true],
    ['ne', { answer: 'role', ne: 'relative' }, true],
    ['ne equal', { answer: 'role', ne: 'tenant' }, false],
    ['in', { answer: 'phase', in: [3, 4, 6] }, true],
    ['not in', { answer: 'phase', in: [4, 6] }, false],
    ['lt / gte range', { answer: 'days_left', gte: 0, lt: 14 }, true],
    ['lt edge', { answer: 'days_left', lt: 8 }, false],
    ['lte edge', { answer: 'days_left', lte: 8 }, true],
    ['gt', { answer: 'days_left', gt: 8 }, false],
    ['numeric comparison on a string fails', { answer: 'role', gt: 0 }, false],
    ['exists', { answer: 'role', exists: true }, true],
    ['missing answer fails a comparison', { answer: 'rent', eq: 700 }, false],
    ['missing answer fails ne too', { answer: 'rent', ne: 700 }, false],
    ['missing answer: exists false', { answer: 'rent', exists: false }, true],
    ['null counts as missing', { answer: 'cleared', exists: false }, true],
    ['null fails exists: true', { answer: 'cleared', exists: true }, false],
    ['all', { all: [{ answer: 'phase', eq: 3 }, { answer: 'kids', eq: true }] }, true],
    ['all with one false', { all: [{ answer: 'phase', eq: 3 }, { answer: 'kids', eq: false }] }, false],
    ['any', { any: [{ answer: 'phase', eq: 5 }, { answer: 'days_left', lt: 14 }] }, true],
    ['any all false', { any: [{ answer: 'phase', eq: 5 }, { answer: 'rent', exists: true }] }, false],
    ['not', { not: { answer: 'rent', exists: true } }, true],
    ['nested', { all: [{ not: { answer: 'role', eq: 'relative' } }, { any: [{ answer: 'phase', in: [3] }] }] }, true],
  ])('%s', (_name, condition, expected) => {
    expect(evaluateCondition(condition, answers)).toBe(expected);
  });

  it('an answer named like an Object.prototype key is not found by accident', () => {
    expect(evaluateCondition({ answer: 'constructor', exists: true }, {})).toBe(false);
    expect(evaluateCondition({ answer: 'toString', exists: false }, {})).toBe(true);
  });
});
