import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isOpen, nextOpening, parseOpeningHours } from '../../src/domain/opening-hours.js';

const weekdaysAndSaturday = 'ma-vr 09:00-17:00; za 10:00-14:00';

describe('parseOpeningHours', () => {
  test('reads day ranges, day lists, several time ranges and "always"', () => {
    expect(parseOpeningHours('always')).toEqual({ ok: true, hours: { always: true } });
    expect(parseOpeningHours(' Altijd ')).toEqual({ ok: true, hours: { always: true } });
    const parsed = parseOpeningHours('ma,wo 09:00-12:00,13:00-17:30; ZA - zo 10:00 - 24:00');
    expect(parsed).toEqual({
      ok: true,
      hours: {
        always: false,
        windows: [
          { weekday: 1, from: 540, to: 720 },
          { weekday: 1, from: 780, to: 1050 },
          { weekday: 3, from: 540, to: 720 },
          { weekday: 3, from: 780, to: 1050 },
          { weekday: 6, from: 600, to: 1440 },
          { weekday: 7, from: 600, to: 1440 },
        ],
      },
    });
  });

  test('a day range may wrap past Sunday', () => {
    const parsed = parseOpeningHours('za-ma 10:00-12:00');
    expect(parsed.ok && !parsed.hours.always && parsed.hours.windows.map((w) => w.weekday)).toEqual([1, 6, 7]);
  });

  test.each([
    ['', 'empty'],
    ['ma', 'write days, a space, then times'],
    ['xx 09:00-17:00', 'unknown day "xx"'],
    ['ma-vr 9-17', '"9-17" is not a time range'],
    ['ma 17:00-09:00', 'must end after it starts'],
    ['ma 09:00-09:00', 'must end after it starts'],
    ['ma 09:60-10:00', 'does not exist'],
    ['ma 23:00-24:30', 'does not exist'],
    ['ma 09:00-17:00 extra', 'write days, a space, then times'],
  ])('refuses %j, saying why', (spec, why) => {
    const parsed = parseOpeningHours(spec);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.error).toContain(why);
  });
});

describe('isOpen (Dutch time)', () => {
  test.each([
    // 2026-01-05 is a Monday; in winter Amsterdam is UTC+1.
    ['2026-01-05T07:59:59Z', false],
    ['2026-01-05T08:00:00Z', true], // 09:00: opening minute included
    ['2026-01-05T15:59:59Z', true],
    ['2026-01-05T16:00:00Z', false], // 17:00: closing minute excluded
    ['2026-01-10T09:30:00Z', true], // Saturday 10:30
    ['2026-01-10T13:00:00Z', false], // Saturday 14:00
    ['2026-01-11T11:00:00Z', false], // Sunday
    // Summer (UTC+2): 09:00 local is 07:00 UTC.
    ['2026-07-06T07:00:00Z', true],
    ['2026-07-06T06:59:00Z', false],
    ['2026-07-06T15:00:00Z', false], // 17:00 local
  ])('%s -> %s', (iso, open) => {
    expect(isOpen(new Date(iso), weekdaysAndSaturday)).toBe(open);
  });

  test('"always" is always open; an invalid spec string throws', () => {
    expect(isOpen(new Date('2026-01-11T03:00:00Z'), 'always')).toBe(true);
    expect(() => isOpen(new Date(), 'ma 25:00-26:00')).toThrow(RangeError);
  });
});

describe('nextOpening', () => {
  test('null while open', () => {
    expect(nextOpening(new Date('2026-01-05T10:00:00Z'), weekdaysAndSaturday)).toBeNull();
    expect(nextOpening(new Date('2026-01-05T10:00:00Z'), 'always')).toBeNull();
  });

  test('before opening: later today', () => {
    expect(nextOpening(new Date('2026-01-05T06:00:00Z'), weekdaysAndSaturday)).toEqual({
      at: new Date('2026-01-05T08:00:00Z'),
      weekday: 1,
      time: '09:00',
      daysAhead: 0,
    });
  });

  test('Friday evening: Saturday 10:00; Saturday afternoon: Monday 09:00', () => {
    expect(nextOpening(new Date('2026-01-09T17:00:00Z'), weekdaysAndSaturday)).toEqual({
      at: new Date('2026-01-10T09:00:00Z'),
      weekday: 6,
      time: '10:00',
      daysAhead: 1,
    });
    expect(nextOpening(new Date('2026-01-10T14:00:00Z'), weekdaysAndSaturday)).toMatchObject({ at: new Date('2026-01-12T08:00:00Z'), weekday: 1, daysAhead: 2 });
  });

  test('across the spring clock change: Saturday night to Monday 09:00 summer time (07:00 UTC)', () => {
    // Clocks go forward on Sunday 2026-03-29.
    expect(nextOpening(new Date('2026-03-28T20:00:00Z'), 'ma-vr 09:00-17:00')).toMatchObject({ at: new Date('2026-03-30T07:00:00Z'), daysAhead: 2 });
    // And back on Sunday 2026-10-25: Monday 09:00 is 08:00 UTC again.
    expect(nextOpening(new Date('2026-10-24T20:00:00Z'), 'ma-vr 09:00-17:00')).toMatchObject({ at: new Date('2026-10-26T08:00:00Z'), daysAhead: 2 });
  });

  test('one opening a week: a week ahead when it just closed', () => {
    // Wednesday 2026-01-07 10:30 local, just after a Wednesday-only window.
    expect(nextOpening(new Date('2026-01-07T09:30:00Z'), 'wo 09:00-10:00')).toMatchObject({ at: new Date('2026-01-14T08:00:00Z'), daysAhead: 7 });
  });

  test('property: the next opening is in the future, open at that moment and closed just before', () => {
    const specs = [weekdaysAndSaturday, 'wo 09:00-10:00', 'ma,do 00:00-24:00', 'za-ma 10:00-12:00,13:00-23:59'];
    const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 11, 31) }).map((ms) => new Date(ms));
    fc.assert(
      fc.property(instant, fc.constantFrom(...specs), (now, spec) => {
        const next = nextOpening(now, spec);
        if (isOpen(now, spec)) return next === null;
        if (next === null) return false;
        return next.at > now && isOpen(next.at, spec) && !isOpen(new Date(next.at.getTime() - 60_000), spec);
      }),
      { numRuns: 500 },
    );
  });
});
