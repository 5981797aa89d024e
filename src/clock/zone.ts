import { dayNumberOf } from './civil.js';
import { remember } from '../memo.js';

/**
 * The business clock's time-zone primitives (R-TZ-1…3), on `Intl.DateTimeFormat`
 * with a fixed locale, so nothing depends on the host's `TZ` or locale (R-PURE-3).
 *
 * Batches call these for hundreds of thousands of subscriptions: each formatter is
 * built once per zone and every answer is memoised in a bounded map per zone, so a
 * batch pays the ~3 µs of `formatToParts` once per distinct (zone, instant) or
 * (zone, local date, local time), not once per call.
 */

const MS_PER_DAY = 86_400_000;

interface ZoneMemo {
  readonly format: Intl.DateTimeFormat;
  /** local wall time (as if UTC, ms) → instant */
  readonly instants: Map<number, number>;
  /** instant (ms) → offset (ms) */
  readonly offsets: Map<number, number>;
}

const zones = new Map<string, ZoneMemo>();

/** Is `timeZone` an IANA time zone this runtime knows? Never throws. */
export function isKnownTimeZone(timeZone: string): boolean {
  if (zones.has(timeZone)) return true;
  try {
    memoFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function memoFor(timeZone: string): ZoneMemo {
  let memo = zones.get(timeZone);
  if (memo === undefined) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    memo = { format, instants: new Map(), offsets: new Map() };
    zones.set(timeZone, memo);
  }
  return memo;
}


/** The zone's UTC offset in milliseconds at an instant (local wall time − UTC). */
export function offsetAt(timeZone: string, instant: number): number {
  const memo = memoFor(timeZone);
  const known = memo.offsets.get(instant);
  if (known !== undefined) return known;
  const wholeSecond = instant - (((instant % 1000) + 1000) % 1000);
  let year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  for (const part of memo.format.formatToParts(wholeSecond)) {
    switch (part.type) {
      case 'year': year = Number(part.value); break;
      case 'month': month = Number(part.value); break;
      case 'day': day = Number(part.value); break;
      case 'hour': hour = Number(part.value); break;
      case 'minute': minute = Number(part.value); break;
      case 'second': second = Number(part.value); break;
    }
  }
  const wall = dayNumberOf(year, month, day) * MS_PER_DAY + hour * 3_600_000 + minute * 60_000 + second * 1000;
  return remember(memo.offsets, instant, wall - wholeSecond);
}

/** The local wall time, as milliseconds since 1970-01-01T00:00 local, of an instant. */
export function wallTimeAt(timeZone: string, instant: number): number {
  return instant + offsetAt(timeZone, instant);
}

/** The local calendar day number of an instant in a zone (R-TZ-5). */
export function localDayOf(timeZone: string, instant: number): number {
  return Math.floor(wallTimeAt(timeZone, instant) / MS_PER_DAY);
}

/**
 * The instant of a local day and time of day, disambiguated as Temporal's
 * `'compatible'` does (R-TZ-3): in a fall-back overlap the earlier instant; in a
 * spring-forward gap the wall time is pushed forward by the length of the gap
 * (02:30 in New York on 2026-03-08 is 03:30 EDT).
 */
export function instantOf(timeZone: string, dayNumber: number, msOfDay: number): number {
  const memo = memoFor(timeZone);
  const wall = dayNumber * MS_PER_DAY + msOfDay;
  const known = memo.instants.get(wall);
  if (known !== undefined) return known;
  return remember(memo.instants, wall, resolveWallTime(timeZone, wall));
}

function resolveWallTime(timeZone: string, wall: number): number {
  // The offsets a day either side bound every offset this wall time could have
  // (zones change offset at most once in 48 hours), as in Temporal's
  // GetNamedTimeZoneEpochNanoseconds.
  const offsetBefore = offsetAt(timeZone, wall - MS_PER_DAY);
  const offsetAfter = offsetAt(timeZone, wall + MS_PER_DAY);
  const earlier = wall - offsetBefore;
  const later = wall - offsetAfter;
  const earlierFits = wallTimeAt(timeZone, earlier) === wall;
  const laterFits = wallTimeAt(timeZone, later) === wall;
  if (earlierFits && laterFits) return Math.min(earlier, later); // overlap: the earlier instant
  if (earlierFits) return earlier;
  if (laterFits) return later;
  // A gap: shift the wall time forward by the gap's length and take the later instant.
  const shifted = wall + (offsetAfter - offsetBefore);
  return shifted - offsetAfter;
}

/**
 * Forgets every memoised answer; the formatters stay, as they do not depend on the
 * host. For tests that must recompute under another host `TZ`, and cold benchmarks.
 */
export function clearZoneMemos(): void {
  for (const memo of zones.values()) {
    memo.instants.clear();
    memo.offsets.clear();
  }
}
