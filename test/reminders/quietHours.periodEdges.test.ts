import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { definePolicy } from '../../src/policy/definePolicy.js';
import { getReminderSchedule } from '../../src/reminders/getReminderSchedule.js';
import { periodEdgeTransitions } from '../support/periodEdgeTransitions.js';
import { hhmm } from '../support/policies.js';

/**
 * R-RM-6 on the days where a zone's transition falls exactly on the first instant of one of
 * the zone engine's 32-day periods: every such transition of 1900–2100 (found by search over
 * every zone, test/support/periodEdgeTransitions.ts), every half hour as the SMS send time,
 * six allowed windows around the night-time transitions, and three ways of placing the
 * business zone against the recipient's. Each placement is compared with a brute-force walk
 * over every second of the business date, whose local times come from Temporal alone.
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY_SECONDS = 86_400;

/** Allowed windows `[start, end)` in minutes of the local day: the default and five around transitions. */
const WINDOWS = [
  [8 * 60, 21 * 60],
  [0, 150],
  [60, 180],
  [120, 179],
  [180, 240],
  [30, 23 * 60 + 30],
] as const;
const SEND_MINUTES = Array.from({ length: 48 }, (_, half) => half * 30);

/** The second-by-second local time of day, in the recipient's zone, of each second of the business date. */
interface BusinessDay {
  readonly start: number;
  /** `localSeconds[i]`: the recipient's local second of the day at `start + i` seconds. */
  readonly localSeconds: Int32Array;
}

function businessDay(policyZone: string, recipientZone: string, date: string): BusinessDay {
  const plainDate = Temporal.PlainDate.from(date);
  const start = plainDate.toZonedDateTime({ timeZone: policyZone }).epochMilliseconds;
  const end = plainDate.add({ days: 1 }).toZonedDateTime({ timeZone: policyZone }).epochMilliseconds;
  // The recipient's offsets over the day, from Temporal's transitions: [from, offset] pairs.
  const stretches: [number, number][] = [];
  let cursor = Temporal.Instant.fromEpochMilliseconds(start).toZonedDateTimeISO(recipientZone);
  stretches.push([start, cursor.offsetNanoseconds / 1e6]);
  for (
    let next = cursor.getTimeZoneTransition('next');
    next !== null && next.epochMilliseconds < end;
    next = cursor.getTimeZoneTransition('next')
  ) {
    stretches.push([next.epochMilliseconds, next.offsetNanoseconds / 1e6]);
    cursor = next;
  }
  const localSeconds = new Int32Array((end - start) / SECOND);
  let stretch = 0;
  for (let second = 0; second < localSeconds.length; second += 1) {
    const instant = start + second * SECOND;
    while (stretch + 1 < stretches.length && (stretches[stretch + 1] as [number, number])[0] <= instant) stretch += 1;
    const wall = instant + (stretches[stretch] as [number, number])[1];
    localSeconds[second] = ((Math.floor(wall / SECOND) % DAY_SECONDS) + DAY_SECONDS) % DAY_SECONDS;
  }
  return { start, localSeconds };
}

/**
 * R-RM-6 by brute force, for one allowed window: every second of the business date is
 * looked at once, from the end backwards, so that for each second we know the earliest
 * allowed second at or after it and the latest allowed whole local minute before it.
 */
function placementsOf(day: BusinessDay, [startMinute, endMinute]: readonly [number, number]): (scheduled: number) => number | undefined {
  const length = day.localSeconds.length;
  const firstAtOrAfter = new Int32Array(length + 1).fill(-1);
  for (let second = length - 1; second >= 0; second -= 1) {
    const local = day.localSeconds[second] as number;
    firstAtOrAfter[second] = local >= startMinute * 60 && local < endMinute * 60 ? second : (firstAtOrAfter[second + 1] as number);
  }
  const lastMinuteBefore = new Int32Array(length + 1).fill(-1);
  for (let second = 0; second < length; second += 1) {
    const local = day.localSeconds[second] as number;
    const allowedMinute = local >= startMinute * 60 && local < endMinute * 60 && local % 60 === 0;
    lastMinuteBefore[second + 1] = allowedMinute ? second : (lastMinuteBefore[second] as number);
  }
  return (scheduled) => {
    const second = Math.min(Math.max(0, (scheduled - day.start) / SECOND), length);
    const chosen = firstAtOrAfter[second] !== -1 ? (firstAtOrAfter[second] as number) : (lastMinuteBefore[second] as number);
    return chosen === -1 ? undefined : day.start + chosen * SECOND;
  };
}

describe('quiet hours on transition days at a zone-table period edge (R-RM-6, brute force)', () => {
  it('R-RM-6 places every SMS as a second-by-second walk of the day does, on every period-edge transition day 1900–2100', () => {
    const edges = periodEdgeTransitions();
    expect(edges.length).toBeGreaterThanOrEqual(40);
    let compared = 0;
    const wrong: string[] = [];
    for (const { timeZone, instant } of edges) {
      // The business zone: the recipient's own, one far east (+14) and one far west of it.
      for (const policyZone of [timeZone, 'Pacific/Kiritimati', 'America/Los_Angeles']) {
        const date = Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(policyZone).toPlainDate().toString();
        const day = businessDay(policyZone, timeZone, date);
        const recipient = policyZone === timeZone ? {} : { recipientTimeZone: timeZone };
        for (const window of WINDOWS) {
          const referenceSendAt = placementsOf(day, window);
          for (const sendMinute of SEND_MINUTES) {
            const policy = definePolicy({
              timeZone: policyZone,
              reminders: {
                cadences: [{ channel: 'sms', cadence: 'daily', from: 0, through: 0 }],
                sendTimes: { email: '09:00', sms: hhmm(sendMinute), phone: '11:00' },
                quietHours: { channels: ['sms'], start: hhmm(window[0]), end: hhmm(window[1]) },
              },
            });
            const scheduled = Temporal.PlainDate.from(date).toZonedDateTime({
              timeZone: policyZone,
              plainTime: hhmm(sendMinute),
            }).epochMilliseconds;
            const expected = referenceSendAt(scheduled);
            const actual = getReminderSchedule({ id: 'q', expirationDate: date, ...recipient }, policy)
              .filter((reminder) => reminder.date === date)
              .map((reminder) => reminder.sendAt.getTime());
            compared += 1;
            if (actual.length !== (expected === undefined ? 0 : 1) || (expected !== undefined && actual[0] !== expected)) {
              wrong.push(
                `${policyZone} → ${timeZone} ${date} sms ${hhmm(sendMinute)} allowed ${hhmm(window[0])}–${hhmm(window[1])}: ${actual.map((at) => new Date(at).toISOString())} ≠ ${expected === undefined ? 'none' : new Date(expected).toISOString()}`,
              );
            }
          }
        }
      }
    }
    expect(compared).toBe(edges.length * 3 * WINDOWS.length * SEND_MINUTES.length);
    expect(wrong.slice(0, 10), `${wrong.length} of ${compared} placements differ from the walk`).toEqual([]);
  });
});
