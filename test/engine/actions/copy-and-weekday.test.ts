import { describe, expect, it } from 'vitest';
import { copyAnswers } from '../../../src/engine/actions/copy-answers.js';
import { isoWeekday, weekdayCheck } from '../../../src/engine/actions/weekday-check.js';
import { askMessage } from '../../../src/engine/ask-message.js';
import { newSessionState } from '../../../src/engine/session-state.js';

const now = new Date('2026-11-22T09:00:00Z');

describe('copy action', () => {
  it('copies known answers to new names and never wipes with a missing one', () => {
    const r = copyAnswers.run({ m_phase: 'phase', m_court_date: 'court_date' }, { phase: 4, court_date: null }, now);
    expect(r).toEqual({ set: { m_phase: 4 }, outcome: 'copied' });
    expect(copyAnswers.run({ m_phase: 'phase' }, {}, now)).toEqual({ set: {}, outcome: 'none' });
  });
});

describe('weekday action', () => {
  it('knows the ISO weekday of a date without a clock', () => {
    expect(isoWeekday(2026, 11, 22)).toBe(7); // Sunday
    expect(isoWeekday(2026, 11, 23)).toBe(1);
    expect(isoWeekday(2026, 12, 12)).toBe(6);
    expect(isoWeekday(2024, 2, 29)).toBe(4);
    expect(isoWeekday(2000, 1, 1)).toBe(6);
  });

  it('says weekend for a Saturday or Sunday court date', () => {
    expect(weekdayCheck.run({ date: 'd' }, { d: '2026-12-12' }, now).outcome).toBe('weekend');
    expect(weekdayCheck.run({ date: 'd' }, { d: '2026-12-14' }, now).outcome).toBe('weekday');
    expect(weekdayCheck.run({ date: 'd' }, { d: 'dont_know' }, now).outcome).toBe('unknown');
  });
});

describe('show_if on a choice', () => {
  const ask = {
    type: 'ask' as const,
    text: 'q',
    choices: [
      { value: 'a', label: 'x.a', show_if: { not: { answer: 'm_a', eq: true } } },
      { value: 'human', label: 'x.h', show_if: { answer: 'volunteers_online', eq: true } },
      { value: 'always', label: 'x.b' },
    ],
  };
  it('hides a chosen option and a choice whose host fact does not hold', () => {
    const state = { ...newSessionState('nl', now), answers: { m_a: true } };
    const shown = (facts: Record<string, boolean>) => askMessage(ask, { dialog: 'd', node: 'n' }, state, facts).quickReplies.map((q) => q.payload);
    expect(shown({ volunteers_online: false })).toEqual(['choice:always']);
    expect(shown({ volunteers_online: true })).toEqual(['choice:human', 'choice:always']);
    expect(askMessage(ask, { dialog: 'd', node: 'n' }, newSessionState('nl', now), {}).quickReplies.map((q) => q.payload)).toEqual(['choice:a', 'choice:always']);
  });
});
