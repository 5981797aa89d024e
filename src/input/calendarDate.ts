import { ExpiryInputError } from '../errors.js';
import { DIGIT_ZERO, dayNumberOf, daysInMonth, HYPHEN } from '../clock/civil.js';
import { describe } from './read.js';
import { MAX_YEAR, MIN_YEAR } from './supportedYears.js';
import { isoFieldsOf, temporalTypeOf } from './temporal.js';

/** A checked calendar date: its day number since 1970-01-01 (R-IN-1). */
export type DayNumber = number & { readonly __brand: 'DayNumber' };

/**
 * Parses a `YYYY-MM-DD` calendar date or an ISO-calendar `Temporal.PlainDate` (R-IN-1,
 * R-IN-2). Real dates only: `2026-02-30` is rejected, and so are a `Date` and a
 * `Temporal.Instant` or `ZonedDateTime` (a calendar date has no time zone; an instant does),
 * and a `PlainDate` in another calendar.
 */
export function parseCalendarDate(value: unknown, path: string): DayNumber {
  if (value === undefined || value === null) {
    throw new ExpiryInputError('missing', path, 'a calendar date (YYYY-MM-DD) is required');
  }
  if (typeof value !== 'string') {
    const type = temporalTypeOf(value);
    if (type === 'Temporal.PlainDate') {
      const { year, month, day } = isoFieldsOf(value as object, path);
      return checkedDay(
        year,
        month,
        day,
        `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        path,
      );
    }
    const hint =
      value instanceof Date || type === 'Temporal.Instant' || type === 'Temporal.ZonedDateTime'
        ? ' — an instant is not a calendar date; pass the date in the policy time zone as YYYY-MM-DD or a Temporal.PlainDate'
        : type === 'Temporal.PlainDateTime'
          ? ' — pass its date alone (dateTime.toPlainDate())'
          : '';
    throw new ExpiryInputError(
      'wrong-type',
      path,
      `expected a calendar date string YYYY-MM-DD or a Temporal.PlainDate, got ${describe(value)}${hint}`,
    );
  }
  // Read from the character codes: every door reads one or two dates, and a regular
  // expression with three captures and three Number() calls cost several times as much.
  const year = value.length === 10 && value.charCodeAt(4) === HYPHEN && value.charCodeAt(7) === HYPHEN ? digitsAt(value, 0, 4) : -1;
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  if (year < 0 || month < 0 || day < 0) {
    throw new ExpiryInputError('invalid-date', path, `${describe(value)} is not a calendar date in the form YYYY-MM-DD`);
  }
  return checkedDay(year, month, day, value, path);
}

/** The number written by the `count` ASCII digits at `start`; -1 when one is not a digit (or is missing). */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index += 1) {
    // A missing character reads as NaN, which `>= 0 && <= 9` refuses.
    const digit = text.charCodeAt(index) - DIGIT_ZERO;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** A real day of the calendar within the supported years; `text` names it in errors. */
function checkedDay(year: number, month: number, day: number, text: string, path: string): DayNumber {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new ExpiryInputError('invalid-date', path, `${text} is not a day of the calendar`);
  }
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new ExpiryInputError('date-out-of-range', path, `${text} is outside the supported years ${MIN_YEAR}–${MAX_YEAR}`);
  }
  return dayNumberOf(year, month, day) as DayNumber;
}
