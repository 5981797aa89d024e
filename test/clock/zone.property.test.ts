import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { civilOf, formatDayNumber } from '../../src/clock/civil.js';
import { forgetZoneTables, instantOf, localDayOf, wallTimeAt } from '../support/zone.js';
import { dayNumberArbitrary, instantArbitrary, timeOfDayArbitrary, withHostTimeZone, zoneArbitrary } from '../support/arbitraries.js';

const DAY = 86_400_000;

/** Temporal's own answer, from an independent implementation (the TC39 polyfill). */
function temporalInstant(zone: string, dayNumber: number, msOfDay: number): number {
  const [year, month, dayOfMonth] = civilOf(dayNumber);
  const seconds = msOfDay / 1000;
  return Temporal.ZonedDateTime.from(
    {
      timeZone: zone,
      year,
      month,
      day: dayOfMonth,
      hour: Math.floor(seconds / 3600),
      minute: Math.floor(seconds / 60) % 60,
      second: seconds % 60,
    },
    { disambiguation: 'compatible' },
  ).epochMilliseconds;
}

describe('the business clock (properties)', () => {
  it('R-TZ-3 resolves every local date and time exactly as Temporal "compatible" does, in random IANA zones 1970–2100', () => {
    fc.assert(
      fc.property(zoneArbitrary, dayNumberArbitrary, timeOfDayArbitrary, (zone, dayNumber, msOfDay) => {
        expect(instantOf(zone, dayNumber, msOfDay)).toBe(temporalInstant(zone, dayNumber, msOfDay));
      }),
      { numRuns: 300 },
    );
  });

  it('R-TZ-3 agrees with Temporal around real transitions (times near each zone offset change)', () => {
    // Instants next to a transition: find one with Temporal and probe the wall times around it.
    fc.assert(
      fc.property(zoneArbitrary, instantArbitrary, fc.integer({ min: -7200, max: 7200 }), (zone, start, shiftSeconds) => {
        const transition = Temporal.Instant.fromEpochMilliseconds(start).toZonedDateTimeISO(zone).getTimeZoneTransition('next');
        if (transition === null || transition.epochMilliseconds > 4_102_444_800_000) return;
        const wall = wallTimeAt(zone, transition.epochMilliseconds) + shiftSeconds * 1000;
        const dayNumber = Math.floor(wall / DAY);
        expect(instantOf(zone, dayNumber, wall - dayNumber * DAY)).toBe(temporalInstant(zone, dayNumber, wall - dayNumber * DAY));
      }),
      { numRuns: 300 },
    );
  });

  it('R-TZ-1 round-trips instant → local date and time → instant, except the later half of an overlap', () => {
    fc.assert(
      fc.property(zoneArbitrary, instantArbitrary, (zone, instant) => {
        const wall = wallTimeAt(zone, instant);
        const dayNumber = Math.floor(wall / DAY);
        const back = instantOf(zone, dayNumber, wall - dayNumber * DAY);
        // Equal, or the earlier instant of the same wall time in an overlap.
        expect(back === instant || (back < instant && wallTimeAt(zone, back) === wall)).toBe(true);
        expect(localDayOf(zone, instant)).toBe(dayNumber);
        const zoned = Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(zone);
        expect(formatDayNumber(dayNumber)).toBe(zoned.toPlainDate().toString());
      }),
      { numRuns: 300 },
    );
  });

  it('R-PURE-3 gives the same local dates and instants whatever the host TZ (property over host zones)', () => {
    fc.assert(
      fc.property(
        zoneArbitrary,
        zoneArbitrary,
        dayNumberArbitrary,
        timeOfDayArbitrary,
        instantArbitrary,
        (host, zone, dayNumber, msOfDay, instant) => {
          const expected = [
            temporalInstant(zone, dayNumber, msOfDay),
            Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(zone).toPlainDate().toString(),
          ];
          const underHost = withHostTimeZone(host, () => {
            forgetZoneTables(); // recompute from scratch under this host zone
            return [instantOf(zone, dayNumber, msOfDay), formatDayNumber(localDayOf(zone, instant))];
          });
          expect(underHost).toEqual(expected);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('R-TZ-5 counts calendar days between local dates independently of the DST in between', () => {
    fc.assert(
      fc.property(zoneArbitrary, dayNumberArbitrary, fc.integer({ min: 0, max: 400 }), (zone, start, days) => {
        const later = instantOf(zone, start + days, 12 * 3_600_000);
        const earlier = instantOf(zone, start, 12 * 3_600_000);
        expect(localDayOf(zone, later) - localDayOf(zone, earlier)).toBe(days);
      }),
      { numRuns: 200 },
    );
  });
});
