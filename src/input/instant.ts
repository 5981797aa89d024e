import { ExpiryInputError } from '../errors.js';
import { dayNumberOf, daysInMonth, MS_PER_DAY } from '../clock/civil.js';
import { describe } from './read.js';
import { MAX_INSTANT, MIN_INSTANT } from './supportedYears.js';
import { epochMillisecondsOf, temporalTypeOf, type TemporalInstantLike, type TemporalZonedDateTimeLike } from './temporal.js';

/** A checked instant: epoch milliseconds (R-IN-2). */
export type Instant = number & { readonly __brand: 'Instant' };

/**
 * An instant as callers pass it: a `Date`, epoch milliseconds, an ISO-8601 string
 * with `Z` or an offset, or a `Temporal.Instant` or `Temporal.ZonedDateTime` (native or
 * from any polyfill). All the same to the library.
 *
 * @example
 * import { Temporal } from 'temporal-polyfill';
 * const same: InstantInput[] = [
 *   new Date('2026-03-10T15:00:00Z'),
 *   Date.UTC(2026, 2, 10, 15),
 *   '2026-03-10T11:00:00-04:00',
 *   Temporal.Instant.from('2026-03-10T15:00:00Z'),
 *   Temporal.ZonedDateTime.from('2026-03-10T16:00:00+01:00[Europe/Berlin]'),
 * ];
 */
export type InstantInput = Date | number | string | TemporalInstantLike | TemporalZonedDateTimeLike;

/** The largest epoch milliseconds a `Date` can hold (ECMA-262 §21.4.1.1). */
const MAX_DATE_MS = 8.64e15;

const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses an instant (R-IN-2): a valid `Date`, a finite epoch-milliseconds number, an
 * ISO-8601 string with `Z` or an offset, or a `Temporal.Instant` or `ZonedDateTime`. A
 * string without an offset is ambiguous (whose midnight?) and is rejected, as are a
 * `Temporal.PlainDateTime` for the same reason, and an invalid `Date`.
 */
export function parseInstant(value: unknown, path: string): Instant {
  if (value === undefined || value === null) {
    throw new ExpiryInputError(
      'missing',
      path,
      'an instant is required (a Date, epoch milliseconds, or an ISO string with Z or an offset)',
    );
  }
  if (value instanceof Date) {
    let time: number;
    try {
      time = Date.prototype.getTime.call(value);
    } catch {
      throw new ExpiryInputError('invalid-instant', path, 'this Date could not be read');
    }
    return checkRange(time, path);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new ExpiryInputError('invalid-instant', path, `${describe(value)} is not a finite number of epoch milliseconds`);
    }
    if (!Number.isInteger(value)) {
      throw new ExpiryInputError('invalid-instant', path, `${value} has a fraction of a millisecond; pass whole epoch milliseconds`);
    }
    return checkRange(value, path);
  }
  if (typeof value === 'string') return parseIsoInstant(value, path);
  const type = temporalTypeOf(value);
  if (type === 'Temporal.Instant' || type === 'Temporal.ZonedDateTime')
    return checkRange(epochMillisecondsOf(value as object, type, path), path);
  if (type === 'Temporal.PlainDateTime') {
    throw new ExpiryInputError(
      'ambiguous-instant',
      path,
      'a Temporal.PlainDateTime has no time zone, so it could be any of 38 instants; pass a Temporal.ZonedDateTime (dateTime.toZonedDateTime(zone)) or a Temporal.Instant',
    );
  }
  throw new ExpiryInputError(
    'wrong-type',
    path,
    `expected a Date, epoch milliseconds, an ISO-8601 string or a Temporal.Instant, got ${describe(value)}`,
  );
}

function parseIsoInstant(text: string, path: string): Instant {
  const match = ISO_PATTERN.exec(text);
  if (match === null) {
    throw new ExpiryInputError('invalid-instant', path, `${describe(text)} is not an ISO-8601 instant such as 2026-03-08T12:00:00Z`);
  }
  const [, y, mo, d, h, mi, s, fraction, offset] = match;
  if (offset === undefined) {
    throw new ExpiryInputError(
      'ambiguous-instant',
      path,
      `${text} has no offset, so it could be any of 38 local times; add Z or an offset such as -05:00`,
    );
  }
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    throw new ExpiryInputError('invalid-instant', path, `${text} names a date or time that does not exist`);
  }
  let offsetMinutes = 0;
  if (offset.toUpperCase() !== 'Z') {
    const digits = offset.slice(1).replace(':', '');
    const offsetHours = Number(digits.slice(0, 2));
    const offsetMins = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (offsetHours > 23 || offsetMins > 59) {
      throw new ExpiryInputError('invalid-instant', path, `${text} has an impossible offset ${offset}`);
    }
    offsetMinutes = (offset.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const millis = fraction === undefined ? 0 : Number(`${fraction}00`.slice(0, 3));
  const wall = dayNumberOf(year, month, day) * MS_PER_DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 + millis;
  return checkRange(wall - offsetMinutes * 60_000, path);
}

function checkRange(time: number, path: string): Instant {
  if (Number.isNaN(time)) {
    throw new ExpiryInputError('invalid-instant', path, 'this Date is invalid (its time is NaN)');
  }
  if (time < MIN_INSTANT || time > MAX_INSTANT) {
    // Beyond ±8.64e15 ms a Date cannot even be written out: name the number instead.
    const shown = Math.abs(time) <= MAX_DATE_MS ? new Date(time).toISOString() : `${time} epoch milliseconds`;
    throw new ExpiryInputError('date-out-of-range', path, `${shown} is outside the supported years 1900–2999`);
  }
  return time as Instant;
}
