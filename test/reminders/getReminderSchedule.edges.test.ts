import { describe, expect, it } from 'vitest';
import { definePolicy } from '../../src/policy/definePolicy.js';
import { getReminderSchedule } from '../../src/reminders/getReminderSchedule.js';
import type { Reminder } from '../../src/reminders/types.js';

const row = (r: Reminder) => [r.channel, r.cadence, r.date, r.sendAt.toISOString(), r.key];

/** Is the schedule in R-RM-3 order: sendAt, then channel, then date? */
function isOrdered(schedule: readonly Reminder[]): boolean {
  return schedule.every((r, i) => {
    const previous = schedule[i - 1];
    if (previous === undefined) return true;
    const [a, b] = [previous.sendAt.getTime(), r.sendAt.getTime()];
    return a < b || (a === b && (previous.channel < r.channel || (previous.channel === r.channel && previous.date < r.date)));
  });
}

describe('getReminderSchedule (edges)', () => {
  // Samoa skipped 2011-12-30 (UTC−10 → UTC+14). Its 09:00 falls in the gap and resolves,
  // as Temporal 'compatible' does (R-TZ-3), to 09:00 on the 31st: the emails of both dates
  // are sent at the same instant, 2011-12-30T19:00Z.
  const apia = definePolicy({ timeZone: 'Pacific/Apia' });
  const sameInstant = '2011-12-30T19:00:00.000Z';

  it('R-RM-3 R-TZ-3 orders two emails sent at the same instant (Apia skipped 2011-12-30) by date, keys kept apart', () => {
    const schedule = getReminderSchedule({ id: 'ws-1', expirationDate: '2012-01-03' }, apia);
    expect(schedule.filter((r) => r.sendAt.toISOString() === sameInstant).map(row)).toEqual([
      ['email', 'daily', '2011-12-30', sameInstant, 'ws-1:email:2011-12-30'],
      ['email', 'daily', '2011-12-31', sameInstant, 'ws-1:email:2011-12-31'],
    ]);
    expect(isOrdered(schedule)).toBe(true);
  });

  it('R-RM-3 orders them by date also when the later date comes from the finer cadence (daily from 2011-12-31, weekly on 2011-12-30)', () => {
    const policy = definePolicy({
      timeZone: 'Pacific/Apia',
      reminders: {
        cadences: [
          { channel: 'email', cadence: 'weekly', from: -2, through: -1 },
          { channel: 'email', cadence: 'daily', from: -6, through: 0 },
        ],
      },
    });
    const schedule = getReminderSchedule({ id: 'ws-2', expirationDate: '2012-01-06' }, policy);
    expect(schedule.map(row).slice(0, 3)).toEqual([
      ['email', 'weekly', '2011-12-23', '2011-12-23T19:00:00.000Z', 'ws-2:email:2011-12-23'],
      ['email', 'weekly', '2011-12-30', sameInstant, 'ws-2:email:2011-12-30'],
      ['email', 'daily', '2011-12-31', sameInstant, 'ws-2:email:2011-12-31'],
    ]);
    expect(schedule).toHaveLength(9);
    expect(isOrdered(schedule)).toBe(true);
  });
});

describe('R-RM-3 ties in the schedule', () => {
  it('R-RM-3 reminders sent at the same instant come in code-unit order of channel, never policy order', () => {
    const policy = definePolicy({ reminders: { sendTimes: { email: '09:00', sms: '09:00', phone: '09:00' } } } as never);
    const onTheDay = getReminderSchedule({ expirationDate: '2026-03-08' }, policy).filter((reminder) => reminder.date === '2026-03-08');
    expect(onTheDay.map((reminder) => reminder.channel)).toEqual(['email', 'phone', 'sms']);
    expect(new Set(onTheDay.map((reminder) => reminder.sendAt.getTime())).size).toBe(1);
  });
});
