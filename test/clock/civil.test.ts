import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addMonthsToDayNumber, civilOf, dayNumberOf, daysInMonth, formatDayNumber } from '../../src/clock/civil.js';
import { day, dayNumberArbitrary } from '../support/arbitraries.js';

describe('calendar day numbers', () => {
  it('R-TZ-1 numbers 1970-01-01 as day 0 and counts calendar days, never 24-hour spans', () => {
    expect(dayNumberOf(1970, 1, 1)).toBe(0);
    expect(dayNumberOf(2026, 3, 9) - dayNumberOf(2026, 3, 8)).toBe(1); // a 23-hour day in New York
    expect(dayNumberOf(2026, 11, 2) - dayNumberOf(2026, 11, 1)).toBe(1); // a 25-hour day
    expect(formatDayNumber(dayNumberOf(2000, 2, 29))).toBe('2000-02-29');
    expect(formatDayNumber(-1)).toBe('1969-12-31');
  });

  it('R-TZ-1 agrees with Date.UTC for every day 1900–2999 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumberOf(1900, 1, 1), max: dayNumberOf(2999, 12, 31) }), (n) => {
        const [year, month, dayOfMonth] = civilOf(n);
        expect(Date.UTC(year, month - 1, dayOfMonth) / 86_400_000).toBe(n);
        expect(dayNumberOf(year, month, dayOfMonth)).toBe(n);
        expect(dayOfMonth).toBeLessThanOrEqual(daysInMonth(year, month));
      }),
    );
  });

  it('R-IN-1 knows the length of every month, with the Gregorian leap rules (2000 and 2024 leap, 2100 and 2026 not)', () => {
    expect([2000, 2024, 2026, 2100, 1900, 2400].map((year) => daysInMonth(year, 2))).toEqual([29, 29, 28, 28, 28, 29]);
    expect(Array.from({ length: 12 }, (_, i) => daysInMonth(2026, i + 1))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
  });

  it('R-TZ-4 clamps months at the month end: 2026-08-31 + 6 months is 2027-02-28', () => {
    expect(formatDayNumber(addMonthsToDayNumber(day('2026-08-31'), 6))).toBe('2027-02-28');
    expect(formatDayNumber(addMonthsToDayNumber(day('2027-08-31'), 6))).toBe('2028-02-29');
    expect(formatDayNumber(addMonthsToDayNumber(day('2026-03-31'), -1))).toBe('2026-02-28');
    expect(formatDayNumber(addMonthsToDayNumber(day('2026-06-30'), -4))).toBe('2026-02-28');
    expect(formatDayNumber(addMonthsToDayNumber(day('2026-01-15'), 12))).toBe('2027-01-15');
    expect(formatDayNumber(addMonthsToDayNumber(day('2026-01-15'), -13))).toBe('2024-12-15');
  });

  it('R-TZ-4 adding months keeps the day of month unless it must clamp to the last day (property)', () => {
    fc.assert(
      fc.property(dayNumberArbitrary, fc.integer({ min: -24, max: 24 }), (n, months) => {
        const [year, month, dayOfMonth] = civilOf(n);
        const [newYear, newMonth, newDay] = civilOf(addMonthsToDayNumber(n, months));
        expect(newYear * 12 + newMonth - (year * 12 + month)).toBe(months);
        expect(newDay).toBe(Math.min(dayOfMonth, daysInMonth(newYear, newMonth)));
      }),
    );
  });
});
