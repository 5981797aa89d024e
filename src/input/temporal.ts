import { ExpiryInputError } from '../errors.js';

/**
 * Temporal values as inputs, recognised by their `Symbol.toStringTag`
 * (`"Temporal.Instant"`…), as the native Temporal and every polyfill set it, so the library
 * imports no polyfill and a bundle does not grow. Only the few fields read are described.
 */

/**
 * A `Temporal.Instant`, native or from a polyfill, described by the fields the library reads.
 *
 * @example
 * import { Temporal } from 'temporal-polyfill';
 * const now: TemporalInstantLike = Temporal.Now.instant();
 * getExpiryStatus({ expirationDate: '2026-03-31' }, now).phase;
 */
export interface TemporalInstantLike {
  readonly [Symbol.toStringTag]: 'Temporal.Instant';
  readonly epochMilliseconds: number;
}

/**
 * A `Temporal.ZonedDateTime`: an instant, whatever its zone (the policy's zone decides the day).
 *
 * @example
 * import { Temporal } from 'temporal-polyfill';
 * const now: TemporalZonedDateTimeLike = Temporal.ZonedDateTime.from('2026-04-01T02:00[Europe/Berlin]');
 * getExpiryStatus({ expirationDate: '2026-03-31' }, now).phase; //=> 'renewal-due' (still March 31, 20:00, in New York)
 */
export interface TemporalZonedDateTimeLike {
  readonly [Symbol.toStringTag]: 'Temporal.ZonedDateTime';
  readonly epochMilliseconds: number;
}

/**
 * A `Temporal.PlainDate` in the ISO calendar (`calendarId` `"iso8601"`): a calendar date.
 *
 * @example
 * import { Temporal } from 'temporal-polyfill';
 * const expirationDate: TemporalPlainDateLike = Temporal.PlainDate.from('2026-03-31');
 * getExpiryStatus({ expirationDate }, '2026-04-01T12:00:00Z').phase; //=> 'expired'
 */
export interface TemporalPlainDateLike {
  readonly [Symbol.toStringTag]: 'Temporal.PlainDate';
  readonly calendarId: string;
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The Temporal type of `value` (`"Temporal.Instant"`…), or `undefined` for anything else. */
export function temporalTypeOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const tag = (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag];
  return typeof tag === 'string' && tag.startsWith('Temporal.') ? tag : undefined;
}

/** Epoch milliseconds of a `Temporal.Instant` or `Temporal.ZonedDateTime` (Temporal floors to the millisecond). */
export function epochMillisecondsOf(value: object, type: string, path: string): number {
  const millis = (value as { epochMilliseconds?: unknown }).epochMilliseconds;
  if (typeof millis !== 'number' || !Number.isSafeInteger(millis)) {
    throw new ExpiryInputError('invalid-instant', path, `this ${type} has no whole epochMilliseconds`);
  }
  return millis;
}

/** Year, month and day of an ISO-calendar `Temporal.PlainDate`; another calendar is refused. */
export function isoFieldsOf(value: object, path: string): { year: number; month: number; day: number } {
  const { calendarId, year, month, day } = value as { calendarId?: unknown; year?: unknown; month?: unknown; day?: unknown };
  if (calendarId !== 'iso8601') {
    const which = typeof calendarId === 'string' ? `the ${calendarId} calendar` : 'an unknown calendar';
    throw new ExpiryInputError(
      'invalid-date',
      path,
      `this Temporal.PlainDate is in ${which}; pass an ISO-calendar date, such as date.withCalendar('iso8601')`,
    );
  }
  if (![year, month, day].every(Number.isSafeInteger)) {
    throw new ExpiryInputError('invalid-date', path, 'this Temporal.PlainDate has no whole year, month and day');
  }
  return { year: year as number, month: month as number, day: day as number };
}
