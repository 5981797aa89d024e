import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { formatDayNumber } from '../../src/clock/civil.js';
import { definePolicy } from '../../src/policy/definePolicy.js';
import { getReminderSchedule } from '../../src/reminders/getReminderSchedule.js';
import { day, zoneArbitrary } from '../support/arbitraries.js';
import { hhmm } from '../support/policies.js';

const MINUTE = 60_000;

/** A policy with one SMS reminder on the expiration date only, at `sendTime`, allowed `start`–`end`. */
function oneSms(timeZone: string, sendTime: string, start: string, end: string) {
  return definePolicy({
    timeZone,
    reminders: {
      cadences: [{ channel: 'sms', cadence: 'daily', from: 0, through: 0 }],
      sendTimes: { email: '09:00', sms: sendTime, phone: '11:00' },
      quietHours: { channels: ['sms'], start, end },
    },
  });
}

const smsOn = (expirationDate: string, policy: ReturnType<typeof oneSms>, recipientTimeZone?: string) =>
  getReminderSchedule({ id: 'q', expirationDate, ...(recipientTimeZone === undefined ? {} : { recipientTimeZone }) }, policy)
    .filter((reminder) => reminder.date === expirationDate)
    .map((reminder) => reminder.sendAt.toISOString());

describe('quiet hours across DST (R-RM-6 on instants)', () => {
  it('R-RM-6 keeps the SMS when the allowed window meets the spring-forward gap: 01:59 EST is its last allowed minute', () => {
    // Allowed 01:00–02:30 on 2026-03-08 in New York: only 01:00–01:59 EST exist. Sent at
    // 23:00, after all of them, it goes at the last allowed minute before: 01:59 EST.
    expect(smsOn('2026-03-08', oneSms('America/New_York', '23:00', '01:00', '02:30'))).toEqual(['2026-03-08T06:59:00.000Z']);
  });

  it('R-RM-6 moves forward to 03:00 EDT when the window starts inside the gap (02:30 does not exist, 03:00 does)', () => {
    expect(smsOn('2026-03-08', oneSms('America/New_York', '01:00', '02:30', '04:00'))).toEqual(['2026-03-08T07:00:00.000Z']);
  });

  it('R-RM-6 takes 01:29 EST, the later instant, as the last allowed minute of 00:00–01:30 on the fall-back day', () => {
    expect(smsOn('2026-11-01', oneSms('America/New_York', '10:00', '00:00', '01:30'))).toEqual(['2026-11-01T06:29:00.000Z']);
  });

  it('R-RM-6 drops the reminder when its date has no allowed instant at all (the window lies in the gap)', () => {
    expect(smsOn('2026-03-08', oneSms('America/New_York', '10:00', '02:00', '02:59'))).toEqual([]);
  });

  it('R-RM-6 handles Apia, whose 2011-12-30 does not exist: no SMS that day, the next day as usual', () => {
    const policy = oneSms('Pacific/Apia', '10:00', '08:00', '21:00');
    expect(smsOn('2011-12-31', policy)).toEqual(['2011-12-30T20:00:00.000Z']);
  });
});

/**
 * The brute-force reference of R-RM-6: walks every 30 seconds of the business date (every
 * whole minute of any offset in whole minutes or half-minutes, as every offset since 1970
 * is), asking Temporal for local dates and times, independently of the library's engine.
 */
function referenceSendAt(
  policyZone: string,
  recipientZone: string,
  dayNumber: number,
  scheduled: number,
  start: number,
  end: number,
): number | undefined {
  const date = formatDayNumber(dayNumber);
  const dayStart = Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: policyZone }).epochMilliseconds;
  const dayEnd = Temporal.PlainDate.from(date).add({ days: 1 }).toZonedDateTime({ timeZone: policyZone }).epochMilliseconds;
  const localMsOfDay = (instant: number) => {
    const local = Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(recipientZone);
    return ((local.hour * 60 + local.minute) * 60 + local.second) * 1000 + local.millisecond;
  };
  const allowed = (instant: number) =>
    instant >= dayStart && instant < dayEnd && localMsOfDay(instant) >= start && localMsOfDay(instant) < end;
  if (allowed(scheduled)) return scheduled;
  let latestBefore: number | undefined;
  // The exact first allowed instant at or after `scheduled` may be the day's start or a
  // transition, which need not be on the 30-second grid: step back to find it exactly.
  for (let instant = dayStart; instant < dayEnd; instant += 30_000) {
    if (!allowed(instant)) continue;
    if (instant >= scheduled) {
      let first = instant;
      while (first - 1000 >= scheduled && allowed(first - 1000)) first -= 1000;
      return first;
    }
    if (localMsOfDay(instant) % MINUTE === 0) latestBefore = instant;
  }
  return latestBefore;
}

/**
 * A business date with a DST transition (or another offset change) of `zone`, 1970–2100, and
 * the local minute of day at which it happens (by the offset before it), so windows and send
 * times can be drawn around it.
 */
const transitionDayArbitrary = (zone: string) =>
  fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }).map((start) => {
    const transition = Temporal.Instant.fromEpochMilliseconds(start).toZonedDateTimeISO(zone).getTimeZoneTransition('next');
    const at = transition === null ? start : transition.epochMilliseconds;
    const before = Temporal.Instant.fromEpochMilliseconds(at - 1).toZonedDateTimeISO(zone);
    return [Temporal.PlainDate.from(before.toPlainDate()).since('1970-01-01').days, before.hour * 60 + before.minute] as const;
  });

const minutesArbitrary = fc.integer({ min: 0, max: 1439 });
/** A minute of the day, half the time within 90 minutes of `around`. */
const minutesNear = (around: number) =>
  fc.oneof(
    minutesArbitrary,
    fc.integer({ min: -90, max: 90 }).map((shift) => Math.min(1439, Math.max(0, around + shift))),
  );

describe('quiet hours against a brute-force walk of the day (properties)', () => {
  it('R-RM-6 sends at the earliest allowed instant at or after, else the latest allowed whole minute before, else not at all, on transition days 1970–2100', () => {
    fc.assert(
      fc.property(
        zoneArbitrary.chain((zone) =>
          transitionDayArbitrary(zone).chain(([dayNumber, minute]) =>
            fc.tuple(fc.constant(zone), fc.constant(dayNumber), minutesNear(minute), minutesNear(minute), minutesNear(minute)),
          ),
        ),
        fc.option(zoneArbitrary, { nil: undefined }),
        ([policyZone, dayNumber, sendMinute, a, b], recipient) => {
          const [start, end] = a === b ? [Math.min(a, 1438), Math.min(a, 1438) + 1] : [Math.min(a, b), Math.max(a, b)];
          const policy = oneSms(policyZone, hhmm(sendMinute), hhmm(start), hhmm(end));
          const date = formatDayNumber(dayNumber);
          const recipientZone = recipient ?? policyZone;
          const scheduled = getReminderSchedule(
            { id: 'q', expirationDate: date },
            definePolicy({ reminders: { quietHours: { ...policy.reminders.quietHours, channels: [] } } }, policy),
          )[0]?.sendAt.getTime() as number;
          const expected = referenceSendAt(policyZone, recipientZone, dayNumber, scheduled, start * MINUTE, end * MINUTE);
          const actual = smsOn(date, policy, recipient);
          expect(actual).toEqual(expected === undefined ? [] : [new Date(expected).toISOString()]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('R-RM-6 agrees with the walk on ordinary days in random zones, the recipient far from the business zone', () => {
    fc.assert(
      fc.property(
        zoneArbitrary,
        zoneArbitrary,
        fc.integer({ min: day('1970-01-01'), max: day('2100-12-31') }),
        minutesArbitrary,
        minutesArbitrary,
        minutesArbitrary,
        (policyZone, recipientZone, dayNumber, sendMinute, a, b) => {
          const [start, end] = a === b ? [Math.min(a, 1438), Math.min(a, 1438) + 1] : [Math.min(a, b), Math.max(a, b)];
          const policy = oneSms(policyZone, hhmm(sendMinute), hhmm(start), hhmm(end));
          const date = formatDayNumber(dayNumber);
          const scheduled = getReminderSchedule(
            { id: 'q', expirationDate: date },
            definePolicy({ reminders: { quietHours: { ...policy.reminders.quietHours, channels: [] } } }, policy),
          )[0]?.sendAt.getTime() as number;
          const expected = referenceSendAt(policyZone, recipientZone, dayNumber, scheduled, start * MINUTE, end * MINUTE);
          expect(smsOn(date, policy, recipientZone)).toEqual(expected === undefined ? [] : [new Date(expected).toISOString()]);
        },
      ),
      { numRuns: 40 },
    );
  });
});
