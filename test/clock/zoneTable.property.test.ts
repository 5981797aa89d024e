import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { civilOf, dayNumberOf } from '../../src/clock/civil.js';
import { forgetZoneTables, nextTransitionAfter, offsetFromIntl, zoneOf } from '../../src/clock/zone.js';
import { instantOf, offsetAt } from '../support/zone.js';
import { timeOfDayArbitrary, zoneArbitrary } from '../support/arbitraries.js';
import { PERIOD_MS, periodEdgeTransitions } from '../support/periodEdgeTransitions.js';

/**
 * The zone engine learns each zone's offsets from Intl a period at a time and answers from
 * that table (docs/performance.md). These properties hold it to Intl read directly, and to
 * Temporal, across the whole supported range, in the zones with the oddest histories.
 */
const ODD_ZONES = [
  'Pacific/Apia', // skipped 2011-12-30
  'Australia/Lord_Howe', // 30-minute DST
  'Pacific/Kiritimati', // +14
  'Africa/Casablanca', // DST suspended each Ramadan
  'Europe/Dublin', // negative DST
  'Antarctica/Troll', // 2-hour DST
  'America/Caracas',
  'Asia/Pyongyang', // rules changed
  'America/Santiago', // rules changed
] as const;

const oddZoneArbitrary = fc.constantFrom(...ODD_ZONES);
const anyZoneArbitrary = fc.oneof(zoneArbitrary, oddZoneArbitrary);

const FIRST_INSTANT = Date.UTC(1900, 0, 1);
const LAST_INSTANT = Date.UTC(3000, 0, 1) - 1;
const DAY = 86_400_000;

/** An instant in the supported years 1900–2999. */
const supportedInstantArbitrary = fc.integer({ min: FIRST_INSTANT, max: LAST_INSTANT });

/** A day number in the supported years 1900–2999. */
const supportedDayArbitrary = fc.integer({ min: dayNumberOf(1900, 1, 2), max: dayNumberOf(2999, 12, 30) });

/** The next transition after an instant, by Temporal (independent of the engine), if any before 3000. */
function nextTransition(zone: string, after: number): number | undefined {
  const transition = Temporal.Instant.fromEpochMilliseconds(after).toZonedDateTimeISO(zone).getTimeZoneTransition('next');
  return transition === null || transition.epochMilliseconds > LAST_INSTANT ? undefined : transition.epochMilliseconds;
}

/** Temporal's own instant of a local date and whole-second time, by its 'compatible' rule. */
function temporalInstant(zone: string, dayNumber: number, msOfDay: number): number {
  const [year, month, day] = civilOf(dayNumber);
  const seconds = msOfDay / 1000;
  const time = { hour: Math.floor(seconds / 3600), minute: Math.floor(seconds / 60) % 60, second: seconds % 60 };
  return Temporal.ZonedDateTime.from({ timeZone: zone, year, month, day, ...time }, { disambiguation: 'compatible' }).epochMilliseconds;
}

describe('the zone engine against Intl and Temporal (properties)', () => {
  it('R-TZ-1 gives the offset Intl gives, at random instants 1900–2999 in random zones', () => {
    fc.assert(
      fc.property(anyZoneArbitrary, supportedInstantArbitrary, (zone, instant) => {
        expect(offsetAt(zone, instant)).toBe(offsetFromIntl(zoneOf(zone), instant));
      }),
      { numRuns: 400 },
    );
  });

  it('R-TZ-1 gives the offset Intl gives at each real transition and 1 ms either side, in zones with odd histories', () => {
    fc.assert(
      fc.property(oddZoneArbitrary, supportedInstantArbitrary, (zone, start) => {
        const transition = nextTransition(zone, start);
        if (transition === undefined) return;
        for (const instant of [transition - 1, transition, transition + 1]) {
          expect(offsetAt(zone, instant)).toBe(offsetFromIntl(zoneOf(zone), instant));
        }
        const offsetNanoseconds = Temporal.Instant.fromEpochMilliseconds(transition).toZonedDateTimeISO(zone).offsetNanoseconds;
        expect(offsetAt(zone, transition)).toBe(offsetNanoseconds / 1e6);
      }),
      { numRuns: 400 },
    );
  });

  it('R-TZ-1 finds every transition of a random year, one after another, in zones with odd histories', () => {
    fc.assert(
      fc.property(oddZoneArbitrary, fc.integer({ min: 1900, max: 2998 }), (zone, year) => {
        let cursor = Date.UTC(year, 0, 1);
        const end = Date.UTC(year + 1, 0, 1);
        for (
          let transition = nextTransition(zone, cursor);
          transition !== undefined && transition < end;
          transition = nextTransition(zone, cursor)
        ) {
          expect(offsetAt(zone, transition - 1)).not.toBe(offsetAt(zone, transition));
          expect(offsetAt(zone, transition)).toBe(offsetFromIntl(zoneOf(zone), transition));
          cursor = transition;
        }
      }),
      { numRuns: 60 },
    );
  });

  it('R-TZ-3 resolves local dates and times as Temporal "compatible" does, 1900–2999, zones with odd histories included', () => {
    fc.assert(
      fc.property(anyZoneArbitrary, supportedDayArbitrary, timeOfDayArbitrary, (zone, dayNumber, msOfDay) => {
        expect(instantOf(zone, dayNumber, msOfDay)).toBe(temporalInstant(zone, dayNumber, msOfDay));
      }),
      { numRuns: 400 },
    );
  });

  it('R-TZ-3 resolves local dates and times on the first and last days of a table period as Temporal does, 1900–2999', () => {
    // Periods are 32 days from 1970-01-01 (day 0): day numbers 32k - 1, 32k, 32k + 1 and 32k + 30 sit at their edges.
    const edgeDayArbitrary = fc
      .tuple(
        fc.integer({ min: Math.ceil(dayNumberOf(1900, 1, 3) / 32), max: Math.floor(dayNumberOf(2999, 12, 29) / 32) }),
        fc.constantFrom(-1, 0, 1, 30),
      )
      .map(([period, offset]) => period * 32 + offset);
    fc.assert(
      fc.property(anyZoneArbitrary, edgeDayArbitrary, timeOfDayArbitrary, (zone, dayNumber, msOfDay) => {
        expect(instantOf(zone, dayNumber, msOfDay)).toBe(temporalInstant(zone, dayNumber, msOfDay));
      }),
      { numRuns: 400 },
    );
  });

  it('R-TZ-3 resolves the wall times around every transition as Temporal does, 1900–2999', () => {
    fc.assert(
      fc.property(oddZoneArbitrary, supportedInstantArbitrary, fc.integer({ min: -5400, max: 5400 }), (zone, start, shiftSeconds) => {
        const transition = nextTransition(zone, start);
        if (transition === undefined) return;
        const wall = transition + offsetAt(zone, transition - 1) + shiftSeconds * 1000;
        const dayNumber = Math.floor(wall / DAY);
        const msOfDay = wall - dayNumber * DAY;
        const wholeSeconds = Math.floor(msOfDay / 1000) * 1000;
        expect(instantOf(zone, dayNumber, wholeSeconds)).toBe(temporalInstant(zone, dayNumber, wholeSeconds));
      }),
      { numRuns: 300 },
    );
  });

  it('R-PURE-3 learns the same table whatever order the periods are first asked for in', () => {
    fc.assert(
      fc.property(oddZoneArbitrary, fc.array(supportedInstantArbitrary, { minLength: 1, maxLength: 20 }), (zone, instants) => {
        const forwards = [...instants].sort((a, b) => a - b).map((instant) => offsetAt(zone, instant));
        forgetZoneTables();
        const backwards = [...instants]
          .sort((a, b) => b - a)
          .map((instant) => offsetAt(zone, instant))
          .reverse();
        expect(backwards).toEqual(forwards);
      }),
      { numRuns: 50 },
    );
  });

  it('R-TZ-1 walks onto every transition that falls on a period edge, 1900–2100, found by searching every zone', () => {
    const edges = periodEdgeTransitions();
    // With the tz data of the Node versions CI runs, 43 such transitions in 28 zones (1900–2100).
    expect(edges.length).toBeGreaterThanOrEqual(40);
    expect(edges).toContainEqual({ timeZone: 'Asia/Jerusalem', instant: Date.UTC(2019, 2, 29) });
    for (const { timeZone, instant } of edges) {
      forgetZoneTables();
      const zone = zoneOf(timeZone);
      // From the period before, from a second before, and from the edge itself (strictly after).
      expect(nextTransitionAfter(zone, instant - 86_400_000, instant + PERIOD_MS)).toBe(instant);
      expect(nextTransitionAfter(zone, instant - 1000, instant + PERIOD_MS)).toBe(instant);
      expect(nextTransitionAfter(zone, instant, instant + 1)).toBe(instant + 1);
      expect(offsetAt(timeZone, instant - 1)).toBe(offsetFromIntl(zone, instant - 1000));
      expect(offsetAt(timeZone, instant)).toBe(offsetFromIntl(zone, instant));
    }
  });

  it('R-TZ-1 lists the transitions Temporal lists around random period edges, each once, whichever period is learnt first', () => {
    const edgeArbitrary = fc.integer({
      min: Math.ceil(Date.UTC(1900, 0, 2) / PERIOD_MS),
      max: Math.floor(Date.UTC(2999, 11, 1) / PERIOD_MS),
    });
    // Half the time an edge with a transition on it (found by search), else any edge of any zone.
    const zoneAndEdgeArbitrary = fc.oneof(
      fc.tuple(anyZoneArbitrary, edgeArbitrary),
      fc.constantFrom(...periodEdgeTransitions().map(({ timeZone, instant }) => [timeZone, instant / PERIOD_MS] as const)),
    );
    fc.assert(
      fc.property(zoneAndEdgeArbitrary, fc.boolean(), ([timeZone, index], laterFirst) => {
        forgetZoneTables();
        const zone = zoneOf(timeZone);
        const from = (index - 1) * PERIOD_MS;
        const to = (index + 1) * PERIOD_MS;
        if (laterFirst) offsetAt(timeZone, index * PERIOD_MS);
        const walked: number[] = [];
        for (let at = nextTransitionAfter(zone, from - 1, to); at < to; at = nextTransitionAfter(zone, at, to)) walked.push(at);
        const expected: number[] = [];
        for (let at = nextTransition(timeZone, from - 1); at !== undefined && at < to; at = nextTransition(timeZone, at)) expected.push(at);
        expect(walked).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
