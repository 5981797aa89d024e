import fc from 'fast-check';
import { dayNumberOf, formatDayNumber } from '../../src/clock/civil.js';

/** Every IANA zone this runtime knows, plus the ones the tests single out. */
export const ALL_ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

export const zoneArbitrary = fc.constantFrom(
  ...ALL_ZONES,
  'America/New_York',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'Pacific/Apia',
  'Pacific/Kiritimati',
  'America/Santiago',
);

const DAY_1970 = dayNumberOf(1970, 1, 1);
const DAY_2100 = dayNumberOf(2100, 12, 31);

/** A day number between 1970-01-01 and 2100-12-31. */
export const dayNumberArbitrary = fc.integer({ min: DAY_1970, max: DAY_2100 });

/** A calendar date string between 1970-01-01 and 2100-12-31. */
export const calendarDateArbitrary = dayNumberArbitrary.map(formatDayNumber);

/** An instant (epoch ms) between 1970 and 2100. */
export const instantArbitrary = fc.integer({ min: DAY_1970 * 86_400_000, max: (DAY_2100 + 1) * 86_400_000 - 1 });

/** Milliseconds of a local day, on whole seconds. */
export const timeOfDayArbitrary = fc.integer({ min: 0, max: 86_399 }).map((seconds) => seconds * 1000);

/** Parses `YYYY-MM-DD` for test readability. */
export function day(text: string): number {
  const [year, month, dayOfMonth] = text.split('-').map(Number) as [number, number, number];
  return dayNumberOf(year, month, dayOfMonth);
}

/** Runs `body` with the host's TZ set to `zone`, then restores it. Node re-reads TZ on assignment. */
export function withHostTimeZone<T>(zone: string, body: () => T): T {
  const previous = process.env.TZ;
  process.env.TZ = zone;
  try {
    return body();
  } finally {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  }
}
