import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDayNumber } from '../../src/clock/civil.js';
import { parseTimeOfDay } from '../../src/clock/timeOfDay.js';
import { forgetZoneTables, instantOf, localDayOf, wallTimeAt } from '../support/zone.js';
import { hhmm } from '../support/policies.js';
import { isLibraryError } from '../../src/errors.js';
import { parseSubscription } from '../../src/input/subscription.js';
import { boundariesOf } from '../../src/lifecycle/boundaries.js';
import { resolvePolicy } from '../../src/policy/compile.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { definePolicy } from '../../src/policy/definePolicy.js';
import type { CadenceUnit, Policy, ReminderCadence } from '../../src/policy/types.js';
import { getReminderSchedule } from '../../src/reminders/getReminderSchedule.js';
import { getRemindersDue } from '../../src/reminders/getRemindersDue.js';
import type { Reminder } from '../../src/reminders/types.js';
import { calendarDateArbitrary, day, withHostTimeZone, zoneArbitrary } from '../support/arbitraries.js';
import { anyValue } from '../support/hostile.js';

const DAY = 86_400_000;
const MINUTE = 60_000;
const CHANNELS = ['email', 'sms', 'phone', 'letter'] as const;
const FINENESS: Record<CadenceUnit, number> = { daily: 0, weekly: 1, monthly: 2 };

/**
 * R-TZ-4 stated on its own, with the platform's UTC calendar rather than the library's
 * arithmetic: k calendar months from a day, on the same day of the month, or on the last day
 * of a shorter month (2026-08-31 plus 6 months is 2027-02-28).
 */
function addCalendarMonths(dayNumber: number, k: number): number {
  const date = new Date(dayNumber * DAY);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + k;
  const lastDayOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDayOfMonth)) / DAY;
}

/** Occurrence k of a cadence, straight from R-RM-1. */
function occurrenceDay(unit: CadenceUnit, expirationDay: number, k: number): number {
  if (unit === 'monthly') return addCalendarMonths(expirationDay, k);
  return expirationDay + (unit === 'weekly' ? 7 * k : k);
}

/** The dates of a cadence, first to last. */
function occurrences(cadence: ReminderCadence, expirationDay: number): number[] {
  const days: number[] = [];
  for (let k = cadence.from; k <= cadence.through; k += 1) days.push(occurrenceDay(cadence.cadence, expirationDay, k));
  return days;
}

/** Is `dayNumber` between the first and last date of a strictly finer cadence of `cadence`'s channel? */
function coveredByFiner(
  policy: Policy,
  cadence: { channel: string; cadence: CadenceUnit },
  expirationDay: number,
  dayNumber: number,
): boolean {
  return policy.reminders.cadences.some(
    (other) =>
      other.channel === cadence.channel &&
      FINENESS[other.cadence] < FINENESS[cadence.cadence] &&
      occurrenceDay(other.cadence, expirationDay, other.from) <= dayNumber &&
      dayNumber <= occurrenceDay(other.cadence, expirationDay, other.through),
  );
}

const timeArbitrary = fc.integer({ min: 0, max: 1439 }).map(hhmm);

const cadenceArbitrary = (span: number): fc.Arbitrary<ReminderCadence> =>
  fc
    .record({
      channel: fc.constantFrom(...CHANNELS),
      cadence: fc.constantFrom<CadenceUnit>('monthly', 'weekly', 'daily'),
      a: fc.integer({ min: -span, max: span }),
      b: fc.integer({ min: -span, max: span }),
    })
    .map(({ channel, cadence, a, b }) => ({ channel, cadence, from: Math.min(a, b), through: Math.max(a, b) }));

/**
 * Random valid policies: zone, cadences, send times, and quiet hours whose allowed
 * window is at least two hours long (so a 15-minute scan cannot miss one).
 */
const policyArbitrary = (options: { span?: number; quiet?: boolean } = {}): fc.Arbitrary<Policy> =>
  fc
    .record({
      timeZone: zoneArbitrary,
      cadences: fc.array(cadenceArbitrary(options.span ?? 30), { minLength: 1, maxLength: 6 }),
      sendTimes: fc.record({ email: timeArbitrary, sms: timeArbitrary, phone: timeArbitrary, letter: timeArbitrary }),
      quietChannels: options.quiet === false ? fc.constant([]) : fc.subarray([...CHANNELS]),
      start: fc.integer({ min: 0, max: 22 * 60 - 120 }),
      length: fc.integer({ min: 120, max: 22 * 60 }),
    })
    .map(({ timeZone, cadences, sendTimes, quietChannels, start, length }) =>
      definePolicy({
        timeZone,
        reminders: {
          cadences,
          sendTimes,
          quietHours: { channels: quietChannels, start: hhmm(start), end: hhmm(Math.min(start + length, 1439)) },
        },
      }),
    );

const recipientArbitrary = fc.option(zoneArbitrary, { nil: undefined });
const idArbitrary = fc.option(fc.string({ minLength: 1, maxLength: 12 }), { nil: undefined });

function subscriptionOf(expirationDate: string, recipientTimeZone: string | undefined, id?: string) {
  return {
    expirationDate,
    ...(recipientTimeZone === undefined ? {} : { recipientTimeZone }),
    ...(id === undefined ? {} : { id }),
  };
}

const byChannelAndCadence = (schedule: readonly Reminder[]) => {
  const groups = new Map<string, Reminder[]>();
  for (const reminder of schedule) {
    const name = `${reminder.channel} ${reminder.cadence}`;
    groups.set(name, [...(groups.get(name) ?? []), reminder]);
  }
  return groups;
};

describe('getReminderSchedule (properties)', () => {
  it('R-RM-3 the schedule is sorted by sendAt, then channel, and its keys are unique', () => {
    fc.assert(
      fc.property(policyArbitrary(), calendarDateArbitrary, recipientArbitrary, idArbitrary, (policy, date, recipient, id) => {
        const schedule = getReminderSchedule(subscriptionOf(date, recipient, id), policy);
        for (let index = 1; index < schedule.length; index += 1) {
          const [a, b] = [schedule[index - 1] as Reminder, schedule[index] as Reminder];
          expect(a.sendAt.getTime() < b.sendAt.getTime() || (a.sendAt.getTime() === b.sendAt.getTime() && a.channel <= b.channel)).toBe(
            true,
          );
        }
        const identities = schedule.map((r) => `${r.channel}:${r.date}`);
        expect(new Set(identities).size).toBe(identities.length);
        for (const r of schedule) expect(r.key).toBe(id === undefined ? undefined : `${id}:${r.channel}:${r.date}`);
      }),
      { numRuns: 150 },
    );
  });

  it('R-RM-1 with the default cadences, no reminder falls after expiry or before its cadence starts', () => {
    fc.assert(
      fc.property(zoneArbitrary, calendarDateArbitrary, recipientArbitrary, (timeZone, date, recipient) => {
        const policy = definePolicy({ timeZone });
        const subscription = subscriptionOf(date, recipient);
        const { expiresAt } = boundariesOf(parseSubscription(subscription), resolvePolicy(policy));
        const expirationDay = day(date);
        const schedule = getReminderSchedule(subscription, policy);
        expect(schedule.length).toBeGreaterThanOrEqual(20);
        for (const r of schedule) {
          expect(r.sendAt.getTime()).toBeLessThan(expiresAt);
          const starts = defaultPolicy.reminders.cadences
            .filter((c) => c.channel === r.channel && c.cadence === r.cadence)
            .map((c) => occurrenceDay(c.cadence, expirationDay, c.from));
          expect(day(r.date)).toBeGreaterThanOrEqual(Math.min(...starts));
          expect(r.daysBeforeExpiry).toBe(expirationDay - day(r.date));
          expect(r.daysBeforeExpiry).toBeGreaterThanOrEqual(0);
        }
        // The expiration date itself gets its daily reminders on every channel.
        expect(
          schedule
            .filter((r) => r.date === date)
            .map((r) => r.channel)
            .sort(),
        ).toEqual(['email', 'phone', 'sms']);
      }),
      { numRuns: 150 },
    );
  });

  it('R-RM-1 R-RM-2 with the default cadences, consecutive reminders of one cadence are one step apart', () => {
    fc.assert(
      fc.property(calendarDateArbitrary, recipientArbitrary, (date, recipient) => {
        const expirationDay = day(date);
        const groups = byChannelAndCadence(getReminderSchedule(subscriptionOf(date, recipient)));
        expect([...groups.keys()].sort()).toEqual(['email daily', 'email monthly', 'email weekly', 'phone daily', 'sms daily']);
        for (const [name, reminders] of groups) {
          const days = reminders.map((r) => day(r.date));
          days.slice(1).forEach((current, index) => {
            const previous = days[index] as number;
            if (name.endsWith('daily')) expect(current - previous).toBe(1);
            else if (name.endsWith('weekly')) expect(current - previous).toBe(7);
            else {
              const k = [-4, -3, -2, -1].find((m) => addCalendarMonths(expirationDay, m) === previous);
              expect(k).toBeDefined();
              expect(current).toBe(addCalendarMonths(expirationDay, (k as number) + 1));
            }
          });
        }
        // The daily emails run −7…0 and the weekly ones −28, −21, −14 (R-RM-2).
        expect(groups.get('email daily')?.map((r) => r.daysBeforeExpiry)).toEqual([7, 6, 5, 4, 3, 2, 1, 0]);
        expect(groups.get('email weekly')?.map((r) => r.daysBeforeExpiry)).toEqual([28, 21, 14]);
        const monthly = groups.get('email monthly')?.map((r) => r.date) ?? [];
        const lastMonth = addCalendarMonths(expirationDay, -1);
        expect(monthly).toEqual(
          [-4, -3, -2, -1]
            .filter((m) => m < -1 || lastMonth < expirationDay - 28)
            .map((m) => formatDayNumber(addCalendarMonths(expirationDay, m))),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('R-RM-1 R-RM-2 for random cadences, an occurrence is sent unless a finer cadence of its channel covers its date or another reminder of the channel took it; nothing else is sent', () => {
    fc.assert(
      fc.property(policyArbitrary({ quiet: false }), calendarDateArbitrary, (policy, date) => {
        const expirationDay = day(date);
        const schedule = getReminderSchedule({ expirationDate: date }, policy);
        const sent = new Map(schedule.map((r) => [`${r.channel} ${r.date}`, r]));
        for (const cadence of policy.reminders.cadences) {
          for (const occurrence of occurrences(cadence, expirationDay)) {
            const reminder = sent.get(`${cadence.channel} ${formatDayNumber(occurrence)}`);
            if (coveredByFiner(policy, cadence, expirationDay, occurrence)) continue;
            // Sent, by this cadence or by one at least as fine (R-RM-2: one per channel per date).
            expect(reminder).toBeDefined();
            expect(FINENESS[(reminder as Reminder).cadence]).toBeLessThanOrEqual(FINENESS[cadence.cadence]);
          }
        }
        for (const r of schedule) {
          // Every reminder is an occurrence of a cadence of its channel and unit, and no finer cadence covers it.
          const own = policy.reminders.cadences.filter((c) => c.channel === r.channel && c.cadence === r.cadence);
          expect(own.some((c) => occurrences(c, expirationDay).includes(day(r.date)))).toBe(true);
          expect(coveredByFiner(policy, r, expirationDay, day(r.date))).toBe(false);
          expect(r.sendAt.getTime()).toBe(
            instantOf(policy.timeZone, day(r.date), parseTimeOfDay(policy.reminders.sendTimes[r.channel] as string) as number),
          );
        }
      }),
      { numRuns: 150 },
    );
  });

  it('R-RM-6 quiet-hours channels send at the first allowed minute of their business date in the recipient zone (or the last one, or not at all); others keep their send time', () => {
    const STEP = 15 * MINUTE;
    fc.assert(
      fc.property(policyArbitrary({ span: 4 }), calendarDateArbitrary, recipientArbitrary, (policy, date, recipient) => {
        const { timeZone, reminders } = policy;
        const recipientZone = recipient ?? timeZone;
        const start = parseTimeOfDay(reminders.quietHours.start) as number;
        const end = parseTimeOfDay(reminders.quietHours.end) as number;
        const allowed = (instant: number) => {
          const wall = wallTimeAt(recipientZone, instant);
          const ms = wall - Math.floor(wall / DAY) * DAY;
          return ms >= start && ms < end;
        };
        /** Is every instant of the 15-minute grid from `from` up to `to` quiet? Windows are ≥ 2 hours, so none hides between. */
        const quietThroughout = (from: number, to: number) => {
          for (let instant = from; instant < to; instant += STEP) if (allowed(instant)) return false;
          return true;
        };
        const schedule = getReminderSchedule(subscriptionOf(date, recipient), policy);
        const loud = getReminderSchedule(
          { expirationDate: date },
          definePolicy({ reminders: { quietHours: { ...policy.reminders.quietHours, channels: [] } } }, policy),
        );
        const sent = new Map(schedule.map((r) => [`${r.channel}:${r.date}`, r]));
        for (const plain of loud) {
          const dayNumber = day(plain.date);
          const policySendAt = plain.sendAt.getTime();
          const dayStart = instantOf(timeZone, dayNumber, 0);
          const nextDayStart = instantOf(timeZone, dayNumber + 1, 0);
          const r = sent.get(`${plain.channel}:${plain.date}`);
          if (!reminders.quietHours.channels.includes(plain.channel)) {
            expect(r).toEqual(plain);
            continue;
          }
          if (r === undefined) {
            // Dropped only when the business date holds no allowed minute at all.
            expect(quietThroughout(dayStart, nextDayStart)).toBe(true);
            continue;
          }
          const sendAt = r.sendAt.getTime();
          expect({ ...r, sendAt: plain.sendAt }).toEqual(plain);
          expect(allowed(sendAt)).toBe(true);
          expect(sendAt).toBeGreaterThanOrEqual(dayStart);
          expect(sendAt).toBeLessThan(nextDayStart);
          if (dayStart < nextDayStart) expect(localDayOf(timeZone, sendAt)).toBe(dayNumber);
          if (allowed(policySendAt)) expect(sendAt).toBe(policySendAt);
          else if (sendAt > policySendAt) expect(quietThroughout(policySendAt, sendAt)).toBe(true);
          else {
            // Moved back: nothing allowed later that date, nor between it and the send time.
            expect(quietThroughout(policySendAt, nextDayStart)).toBe(true);
            expect(allowed(sendAt + MINUTE)).toBe(false);
            expect(quietThroughout(sendAt + MINUTE, policySendAt)).toBe(true);
          }
        }
        expect(schedule.length).toBeLessThanOrEqual(loud.length);
      }),
      { numRuns: 100 },
    );
  });

  it('R-RM-4 for any split of time into windows, the union of getRemindersDue is the whole schedule, without duplicates', () => {
    fc.assert(
      fc.property(
        policyArbitrary({ span: 6 }),
        calendarDateArbitrary,
        recipientArbitrary,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: -1, max: 1 })), { maxLength: 12 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
        (policy, date, recipient, nearSends, fractions) => {
          const subscription = subscriptionOf(date, recipient, 'sub');
          const schedule = getReminderSchedule(subscription, policy);
          const times = schedule.map((r) => r.sendAt.getTime());
          const first = (times[0] ?? 0) - DAY;
          const last = (times.at(-1) ?? 0) + DAY;
          // Cut points on, just before and just after send times, and anywhere between.
          const cuts = [
            ...nearSends.flatMap(([index, shift]) => (times.length === 0 ? [] : [(times[index % times.length] as number) + shift])),
            ...fractions.map((f) => Math.floor(first + f * (last - first))),
          ].sort((a, b) => a - b);
          const bounds = [first, ...cuts, last];
          const union = bounds
            .slice(1)
            .flatMap((to, index) => getRemindersDue(subscription, { from: bounds[index] as number, to }, policy));
          expect(union).toEqual(schedule);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("R-RM-5 an extended subscription has the schedule of one expiring on the extension's last day", () => {
    fc.assert(
      fc.property(calendarDateArbitrary, fc.integer({ min: 0, max: 60 }), zoneArbitrary, (date, extraDays, timeZone) => {
        const policy = definePolicy({ timeZone });
        const endsOn = formatDayNumber(day(date) + extraDays);
        expect(getReminderSchedule({ expirationDate: date, extension: { endsOn } }, policy)).toEqual(
          getReminderSchedule({ expirationDate: endsOn }, policy),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('R-PURE-3 the schedule does not depend on the host TZ', () => {
    const hosts = ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
    fc.assert(
      fc.property(zoneArbitrary, calendarDateArbitrary, recipientArbitrary, (timeZone, date, recipient) => {
        const results = hosts.map((host) =>
          withHostTimeZone(host, () => {
            forgetZoneTables();
            // A fresh policy object is compiled afresh, so nothing compiled crosses hosts.
            return JSON.stringify(getReminderSchedule(subscriptionOf(date, recipient, 'a'), definePolicy({ timeZone })));
          }),
        );
        for (const result of results) expect(result).toBe(results[0]);
      }),
      { numRuns: 40 },
    );
  });

  it('R-IN-4 throws nothing but the library errors, for any input at all', () => {
    fc.assert(
      fc.property(anyValue, anyValue, fc.option(anyValue, { nil: undefined }), (subscription, window, policy) => {
        for (const call of [
          () => getReminderSchedule(subscription as never, policy as never),
          () => getRemindersDue(subscription as never, window as never, policy as never),
          () => getRemindersDue({ expirationDate: '2026-03-10' }, window as never),
          () => getRemindersDue({ expirationDate: '2026-03-10' }, { from: window, to: subscription } as never),
        ]) {
          try {
            call();
          } catch (error) {
            expect(isLibraryError(error)).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
