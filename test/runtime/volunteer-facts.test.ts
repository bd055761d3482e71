import { describe, expect, it } from 'vitest';
import { volunteerFacts } from '../../src/runtime/volunteer-facts.js';

describe('volunteerFacts', () => {
  it('when nobody is online, says when the volunteers are back (Dutch time)', () => {
    // Sunday 22 November 2026, 23:10 in Amsterdam.
    expect(volunteerFacts(new Date('2026-11-22T22:10:00Z'), false, 'ma-vr 09:00-17:00')).toEqual({ volunteers_online: false, opening_hours: 'ma-vr 09:00-17:00', back_day: 'tomorrow', back_time: '09:00' });
    // Friday 18:00: back on Monday (ISO weekday 1).
    expect(volunteerFacts(new Date('2026-11-27T17:00:00Z'), false, 'ma-vr 09:00-17:00')).toMatchObject({ back_day: '1', back_time: '09:00' });
    // Monday 07:00: later today.
    expect(volunteerFacts(new Date('2026-11-23T06:00:00Z'), false, 'ma-vr 09:00-17:00')).toMatchObject({ back_day: 'today', back_time: '09:00' });
  });

  it('says nothing about coming back when someone is online, the hours are open, or the hours are unknown', () => {
    expect(volunteerFacts(new Date('2026-11-22T22:10:00Z'), true, 'ma-vr 09:00-17:00')).toMatchObject({ back_day: '', back_time: '' });
    expect(volunteerFacts(new Date('2026-11-23T10:00:00Z'), false, 'ma-vr 09:00-17:00')).toMatchObject({ back_day: '', back_time: '' });
    expect(volunteerFacts(new Date('2026-11-23T10:00:00Z'), false, undefined)).toMatchObject({ back_day: '', back_time: '' });
    expect(volunteerFacts(new Date('2026-11-23T10:00:00Z'), false, 'nonsense')).toMatchObject({ back_day: '', back_time: '' });
  });
});
