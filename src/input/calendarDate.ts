import { ExpiryInputError } from '../errors.js';
import { dayNumberOf, daysInMonth } from '../clock/civil.js';
import { describe } from './read.js';
import { MAX_YEAR, MIN_YEAR } from './supportedYears.js';

/** A checked calendar date: its day number since 1970-01-01 (R-IN-1). */
export type DayNumber = number & { readonly __brand: 'DayNumber' };


const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses a `YYYY-MM-DD` calendar date (R-IN-1). Real dates only: `2026-02-30` is
 * rejected, and so is a `Date` (a calendar date has no time zone; an instant does).
 */
export function parseCalendarDate(value: unknown, path: string): DayNumber {
  if (value === undefined || value === null) {
    throw new ExpiryInputError('missing', path, 'a calendar date (YYYY-MM-DD) is required');
  }
  if (typeof value !== 'string') {
    const hint = value instanceof Date ? ' — pass the date as a YYYY-MM-DD string in the policy time zone' : '';
    throw new ExpiryInputError('wrong-type', path, `expected a calendar date string YYYY-MM-DD, got ${describe(value)}${hint}`);
  }
  const match = DATE_PATTERN.exec(value);
  if (match === null) {
    throw new ExpiryInputError('invalid-date', path, `${describe(value)} is not a calendar date in the form YYYY-MM-DD`);
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new ExpiryInputError('invalid-date', path, `${value} is not a day of the calendar`);
  }
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new ExpiryInputError('date-out-of-range', path, `${value} is outside the supported years ${MIN_YEAR}–${MAX_YEAR}`);
  }
  return dayNumberOf(year, month, day) as DayNumber;
}
