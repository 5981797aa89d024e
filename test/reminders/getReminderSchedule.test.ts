import { describe, expect, it } from 'vitest';
import { ExpiryInputError, PolicyError } from '../../src/errors.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { definePolicy } from '../../src/policy/definePolicy.js';
import { getReminderSchedule } from '../../src/reminders/getReminderSchedule.js';
import type { Reminder } from '../../src/reminders/types.js';

/** A reminder as a row: channel, cadence, date, sendAt (ISO), daysBeforeExpiry, key. */
type Row = [string, string, string, string, number, string | undefined];

function rows(schedule: readonly Reminder[]): Row[] {
  return schedule.map((r) => [r.channel, r.cadence, r.date, r.sendAt.toISOString(), r.daysBeforeExpiry, r.key]);
}

function emailDates(schedule: readonly Reminder[]): [string, string][] {
  return schedule.filter((r) => r.channel === 'email').map((r) => [r.date, r.cadence]);
}

describe('getReminderSchedule', () => {
  it('R-RM-1 R-RM-2 R-RM-3 gives every date and sendAt of the default schedule for 2026-03-10 in New York, across the 2026-03-08 DST change', () => {
    // Worked by hand: 09:00/10:00/11:00 New York is 14:00/15:00/16:00Z under EST (−05:00)
    // and 13:00/14:00/15:00Z under EDT (−04:00), which starts 2026-03-08 at 02:00.
    // −1 month (2026-02-10) is exactly −28 days, the weekly start: the monthly email is dropped.
    // −7 days (2026-03-03) is the daily start: the weekly email there is dropped.
    const expected: Row[] = [
      ['email', 'monthly', '2025-11-10', '2025-11-10T14:00:00.000Z', 120, 'sub_42:email:2025-11-10'],
      ['email', 'monthly', '2025-12-10', '2025-12-10T14:00:00.000Z', 90, 'sub_42:email:2025-12-10'],
      ['email', 'monthly', '2026-01-10', '2026-01-10T14:00:00.000Z', 59, 'sub_42:email:2026-01-10'],
      ['email', 'weekly', '2026-02-10', '2026-02-10T14:00:00.000Z', 28, 'sub_42:email:2026-02-10'],
      ['email', 'weekly', '2026-02-17', '2026-02-17T14:00:00.000Z', 21, 'sub_42:email:2026-02-17'],
      ['email', 'weekly', '2026-02-24', '2026-02-24T14:00:00.000Z', 14, 'sub_42:email:2026-02-24'],
      ['email', 'daily', '2026-03-03', '2026-03-03T14:00:00.000Z', 7, 'sub_42:email:2026-03-03'],
      ['email', 'daily', '2026-03-04', '2026-03-04T14:00:00.000Z', 6, 'sub_42:email:2026-03-04'],
      ['email', 'daily', '2026-03-05', '2026-03-05T14:00:00.000Z', 5, 'sub_42:email:2026-03-05'],
      ['email', 'daily', '2026-03-06', '2026-03-06T14:00:00.000Z', 4, 'sub_42:email:2026-03-06'],
      ['email', 'daily', '2026-03-07', '2026-03-07T14:00:00.000Z', 3, 'sub_42:email:2026-03-07'],
      ['sms', 'daily', '2026-03-07', '2026-03-07T15:00:00.000Z', 3, 'sub_42:sms:2026-03-07'],
      ['phone', 'daily', '2026-03-07', '2026-03-07T16:00:00.000Z', 3, 'sub_42:phone:2026-03-07'],
      ['email', 'daily', '2026-03-08', '2026-03-08T13:00:00.000Z', 2, 'sub_42:email:2026-03-08'],
      ['sms', 'daily', '2026-03-08', '2026-03-08T14:00:00.000Z', 2, 'sub_42:sms:2026-03-08'],
      ['phone', 'daily', '2026-03-08', '2026-03-08T15:00:00.000Z', 2, 'sub_42:phone:2026-03-08'],
      ['email', 'daily', '2026-03-09', '2026-03-09T13:00:00.000Z', 1, 'sub_42:email:2026-03-09'],
      ['sms', 'daily', '2026-03-09', '2026-03-09T14:00:00.000Z', 1, 'sub_42:sms:2026-03-09'],
      ['phone', 'daily', '2026-03-09', '2026-03-09T15:00:00.000Z', 1, 'sub_42:phone:2026-03-09'],
      ['email', 'daily', '2026-03-10', '2026-03-10T13:00:00.000Z', 0, 'sub_42:email:2026-03-10'],
      ['sms', 'daily', '2026-03-10', '2026-03-10T14:00:00.000Z', 0, 'sub_42:sms:2026-03-10'],
      ['phone', 'daily', '2026-03-10', '2026-03-10T15:00:00.000Z', 0, 'sub_42:phone:2026-03-10'],
    ];
    expect(rows(getReminderSchedule({ id: 'sub_42', expirationDate: '2026-03-10' }))).toEqual(expected);
  });

  it('R-RM-1 R-TZ-4 puts monthly emails on end-of-month-clamped dates (2026-06-30 and 2026-05-31)', () => {
    const monthly = (expirationDate: string) =>
      getReminderSchedule({ expirationDate })
        .filter((r) => r.cadence === 'monthly')
        .map((r) => r.date);
    // 2026-06-30 − 4 months would be 2026-02-30: clamped to the 28th; the others keep the 30th.
    expect(monthly('2026-06-30')).toEqual(['2026-02-28', '2026-03-30', '2026-04-30', '2026-05-30']);
    // 2026-05-31: −3 months is February (28), −1 month is April (30).
    expect(monthly('2026-05-31')).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
  });

  it('R-RM-2 drops the −1 month email of 2027-03-28: 2027-02-28 is 28 days before, where the weekly emails start', () => {
    expect(emailDates(getReminderSchedule({ expirationDate: '2027-03-28' }))).toEqual([
      ['2026-11-28', 'monthly'],
      ['2026-12-28', 'monthly'],
      ['2027-01-28', 'monthly'],
      ['2027-02-28', 'weekly'],
      ['2027-03-07', 'weekly'],
      ['2027-03-14', 'weekly'],
      ['2027-03-21', 'daily'],
      ['2027-03-22', 'daily'],
      ['2027-03-23', 'daily'],
      ['2027-03-24', 'daily'],
      ['2027-03-25', 'daily'],
      ['2027-03-26', 'daily'],
      ['2027-03-27', 'daily'],
      ['2027-03-28', 'daily'],
    ]);
  });

  it('R-RM-2 keeps the −1 month email of 2027-03-29: 2027-02-28 is 29 days before, ahead of the weekly start 2027-03-01', () => {
    const emails = emailDates(getReminderSchedule({ expirationDate: '2027-03-29' }));
    expect(emails.slice(0, 5)).toEqual([
      ['2026-11-29', 'monthly'],
      ['2026-12-29', 'monthly'],
      ['2027-01-29', 'monthly'],
      ['2027-02-28', 'monthly'],
      ['2027-03-01', 'weekly'],
    ]);
  });

  it('R-RM-3 keys are id:channel:date; without a subscription id there is no key (one would collide across subscriptions)', () => {
    const withoutId = getReminderSchedule({ expirationDate: '2026-03-10' });
    expect(withoutId.every((r) => !('key' in r))).toBe(true);
    const withId = getReminderSchedule({ id: 'acme/7', expirationDate: '2026-03-10' });
    expect(withId.at(-1)?.key).toBe('acme/7:phone:2026-03-10');
    expect(withId[0]?.key).toBe('acme/7:email:2025-11-10');
    expect(withId.map((r) => r.key)).toEqual(withoutId.map((r) => `acme/7:${r.channel}:${r.date}`));
  });

  it('R-RM-3 sorts reminders sent at the same instant by channel (code-unit order)', () => {
    const policy = definePolicy({ reminders: { sendTimes: { email: '10:00', sms: '10:00', phone: '10:00' } } });
    const lastDay = getReminderSchedule({ expirationDate: '2026-07-01' }, policy).slice(-3);
    expect(lastDay.map((r) => [r.channel, r.sendAt.toISOString()])).toEqual([
      ['email', '2026-07-01T14:00:00.000Z'],
      ['phone', '2026-07-01T14:00:00.000Z'],
      ['sms', '2026-07-01T14:00:00.000Z'],
    ]);
  });

  it('R-RM-5 follows the effective expiration date of an extended subscription', () => {
    const extended = getReminderSchedule({ id: 's', expirationDate: '2026-03-03', extension: { endsOn: '2026-03-10' } });
    const plain = getReminderSchedule({ id: 's', expirationDate: '2026-03-10' });
    expect(rows(extended)).toEqual(rows(plain));
    expect(extended.at(-1)?.date).toBe('2026-03-10');
    expect(extended.at(-1)?.daysBeforeExpiry).toBe(0);
  });

  it('R-POL-2 R-RM-1 uses the policy zone and send times (Europe/Berlin, email 08:30, across 2026-03-29 DST)', () => {
    const berlin = definePolicy({ timeZone: 'Europe/Berlin', reminders: { sendTimes: { email: '08:30', sms: '10:00', phone: '11:00' } } });
    const emails = getReminderSchedule({ expirationDate: '2026-03-31' }, berlin)
      .filter((r) => r.channel === 'email')
      .slice(-4);
    // CET (+01:00) through 2026-03-28, CEST (+02:00) from 2026-03-29.
    expect(emails.map((r) => [r.date, r.sendAt.toISOString()])).toEqual([
      ['2026-03-28', '2026-03-28T07:30:00.000Z'],
      ['2026-03-29', '2026-03-29T06:30:00.000Z'],
      ['2026-03-30', '2026-03-30T06:30:00.000Z'],
      ['2026-03-31', '2026-03-31T06:30:00.000Z'],
    ]);
  });
});

describe('getReminderSchedule: cadences are policy data', () => {
  const cadences = defaultPolicy.reminders.cadences;

  it('R-POL-1 R-RM-1 adds a daily dunning email for the 14 days after expiry without code', () => {
    const dunning = definePolicy({ reminders: { cadences: [...cadences, { channel: 'email', cadence: 'daily', from: 1, through: 14 }] } });
    const after = getReminderSchedule({ expirationDate: '2026-03-10' }, dunning).filter((r) => r.daysBeforeExpiry < 0);
    expect(after.map((r) => [r.channel, r.cadence, r.date, r.daysBeforeExpiry])).toEqual(
      Array.from({ length: 14 }, (_, index) => ['email', 'daily', `2026-03-${String(11 + index).padStart(2, '0')}`, -1 - index]),
    );
    expect(after[0]?.sendAt.toISOString()).toBe('2026-03-11T13:00:00.000Z');
  });

  it('R-RM-2 keeps a weekly dunning email after expiry: the pre-expiry daily cadence ends on the expiration date', () => {
    const weeklyDunning = definePolicy({
      reminders: { cadences: [...cadences, { channel: 'email', cadence: 'weekly', from: 1, through: 3 }] },
    });
    const after = getReminderSchedule({ expirationDate: '2026-03-10' }, weeklyDunning).filter((r) => r.daysBeforeExpiry < 0);
    expect(after.map((r) => [r.cadence, r.date])).toEqual([
      ['weekly', '2026-03-17'],
      ['weekly', '2026-03-24'],
      ['weekly', '2026-03-31'],
    ]);
  });

  it('R-RM-2 lets a finer cadence take over only within its own dates, and keeps one reminder per channel per date', () => {
    // weekly −3…3 around a daily −1…1: the weekly ones at −21, −14, −7, 7, 14, 21 days stay.
    const policy = definePolicy({
      reminders: {
        cadences: [
          { channel: 'email', cadence: 'weekly', from: -3, through: 3 },
          { channel: 'email', cadence: 'daily', from: -1, through: 1 },
          { channel: 'email', cadence: 'daily', from: 0, through: 2 },
        ],
      },
    });
    expect(emailDates(getReminderSchedule({ expirationDate: '2026-07-15' }, policy))).toEqual([
      ['2026-06-24', 'weekly'],
      ['2026-07-01', 'weekly'],
      ['2026-07-08', 'weekly'],
      ['2026-07-14', 'daily'],
      ['2026-07-15', 'daily'],
      ['2026-07-16', 'daily'],
      ['2026-07-17', 'daily'],
      ['2026-07-22', 'weekly'],
      ['2026-07-29', 'weekly'],
      ['2026-08-05', 'weekly'],
    ]);
  });

  it('R-POL-1 adds a channel with its own send time (a letter one and two months after expiry)', () => {
    const letters = definePolicy({
      reminders: {
        cadences: [...cadences, { channel: 'letter', cadence: 'monthly', from: 1, through: 2 }],
        sendTimes: { letter: '12:00' },
      },
    });
    const schedule = getReminderSchedule({ id: 'x', expirationDate: '2026-03-10' }, letters);
    expect(rows(schedule.filter((r) => r.channel === 'letter'))).toEqual([
      ['letter', 'monthly', '2026-04-10', '2026-04-10T16:00:00.000Z', -31, 'x:letter:2026-04-10'],
      ['letter', 'monthly', '2026-05-10', '2026-05-10T16:00:00.000Z', -61, 'x:letter:2026-05-10'],
    ]);
    expect(schedule.filter((r) => r.channel !== 'letter')).toEqual(getReminderSchedule({ id: 'x', expirationDate: '2026-03-10' }));
  });

  it('R-POL-1 an empty cadence list means no reminders', () => {
    expect(getReminderSchedule({ expirationDate: '2026-03-10' }, definePolicy({ reminders: { cadences: [] } }))).toEqual([]);
  });
});

describe('getReminderSchedule: quiet hours', () => {
  const quietRows = (schedule: readonly Reminder[]) =>
    schedule.filter((r) => r.channel !== 'email').map((r) => [r.channel, r.date, r.sendAt.toISOString()]);

  it('R-RM-6 moves SMS and calls for a recipient in Tokyo to the next 08:00 there, on the same business date', () => {
    // 10:00 and 11:00 in New York are 00:00–01:00 (EST) or 23:00–00:00 (EDT) in Tokyo (+09:00):
    // quiet. 08:00 in Tokyo is 23:00Z, that is 18:00 EST or 19:00 EDT: still the same New York date.
    // Both land on the same instant, so channel order (phone < sms) decides.
    const schedule = getReminderSchedule({ expirationDate: '2026-03-10', recipientTimeZone: 'Asia/Tokyo' });
    expect(quietRows(schedule)).toEqual([
      ['phone', '2026-03-07', '2026-03-07T23:00:00.000Z'],
      ['sms', '2026-03-07', '2026-03-07T23:00:00.000Z'],
      ['phone', '2026-03-08', '2026-03-08T23:00:00.000Z'],
      ['sms', '2026-03-08', '2026-03-08T23:00:00.000Z'],
      ['phone', '2026-03-09', '2026-03-09T23:00:00.000Z'],
      ['sms', '2026-03-09', '2026-03-09T23:00:00.000Z'],
      ['phone', '2026-03-10', '2026-03-10T23:00:00.000Z'],
      ['sms', '2026-03-10', '2026-03-10T23:00:00.000Z'],
    ]);
    // Email ignores quiet hours.
    expect(schedule.filter((r) => r.channel === 'email')).toEqual(
      getReminderSchedule({ expirationDate: '2026-03-10' }).filter((r) => r.channel === 'email'),
    );
  });

  it("R-RM-6 keeps SMS and calls that are already inside the recipient's allowed hours (Europe/Berlin: 16:00–17:00)", () => {
    const schedule = getReminderSchedule({ expirationDate: '2026-03-10', recipientTimeZone: 'Europe/Berlin' });
    expect(rows(schedule)).toEqual(rows(getReminderSchedule({ expirationDate: '2026-03-10' })));
  });

  it('R-RM-6 moves a 07:30 call to 08:00, and a 22:00 SMS back to 20:59: the next 08:00 is another date', () => {
    const policy = definePolicy({ reminders: { sendTimes: { email: '06:00', sms: '22:00', phone: '07:30' } } });
    const schedule = getReminderSchedule({ expirationDate: '2026-03-08' }, policy);
    expect(quietRows(schedule)).toEqual([
      ['phone', '2026-03-05', '2026-03-05T13:00:00.000Z'],
      ['sms', '2026-03-05', '2026-03-06T01:59:00.000Z'],
      ['phone', '2026-03-06', '2026-03-06T13:00:00.000Z'],
      ['sms', '2026-03-06', '2026-03-07T01:59:00.000Z'],
      ['phone', '2026-03-07', '2026-03-07T13:00:00.000Z'],
      ['sms', '2026-03-07', '2026-03-08T01:59:00.000Z'],
      ['phone', '2026-03-08', '2026-03-08T12:00:00.000Z'],
      ['sms', '2026-03-08', '2026-03-09T00:59:00.000Z'],
    ]);
    // Email at 06:00 is not a quiet-hours channel: it stays at 06:00 (11:00Z EST).
    expect(schedule[0]?.sendAt.toISOString()).toBe('2025-11-08T11:00:00.000Z');
  });

  it('R-RM-6 sends no SMS or call on a business date that holds no allowed minute (23-hour 2026-03-08, window 04:30–04:31 UTC)', () => {
    // New York's 2026-03-08 runs 05:00Z → 2026-03-09T04:00Z: it misses 04:30Z on both ends.
    const policy = definePolicy({ reminders: { quietHours: { channels: ['sms', 'phone'], start: '04:30', end: '04:31' } } });
    const schedule = getReminderSchedule({ expirationDate: '2026-03-09', recipientTimeZone: 'UTC' }, policy);
    expect(quietRows(schedule).filter((row) => row[0] === 'sms')).toEqual([
      ['sms', '2026-03-06', '2026-03-07T04:30:00.000Z'], // next allowed minute: 23:30 EST, same date
      ['sms', '2026-03-07', '2026-03-08T04:30:00.000Z'],
      ['sms', '2026-03-09', '2026-03-09T04:30:00.000Z'], // 00:30 EDT: the next one would be 2026-03-10
    ]);
  });

  it('R-RM-6 quiet-hours channels are policy data: email too, when the policy says so', () => {
    const policy = definePolicy({ reminders: { quietHours: { channels: ['email', 'sms', 'phone'], start: '08:00', end: '21:00' } } });
    const schedule = getReminderSchedule({ expirationDate: '2026-03-10', recipientTimeZone: 'Asia/Tokyo' }, policy);
    // 09:00 EST is 23:00 in Tokyo: moved to 08:00 Tokyo, 23:00Z.
    expect(schedule[0]?.sendAt.toISOString()).toBe('2025-11-10T23:00:00.000Z');
  });
});

describe('getReminderSchedule: results and errors', () => {
  it('R-PURE-2 returns a deeply frozen array whose Dates refuse to change', () => {
    const first = getReminderSchedule({ expirationDate: '2026-03-10' });
    const second = getReminderSchedule({ expirationDate: '2026-03-10' });
    expect(Object.isFrozen(first)).toBe(true);
    for (const reminder of first) {
      expect(Object.isFrozen(reminder)).toBe(true);
      expect(Object.isFrozen(reminder.sendAt)).toBe(true);
    }
    expect(() => first[0]?.sendAt.setTime(0)).toThrow(TypeError);
    expect(getReminderSchedule({ expirationDate: '2026-03-10' })[0]?.sendAt.toISOString()).toBe('2025-11-10T14:00:00.000Z');
    expect(JSON.parse(JSON.stringify(second))[0]).toEqual({
      channel: 'email',
      cadence: 'monthly',
      date: '2025-11-10',
      sendAt: '2025-11-10T14:00:00.000Z',
      daysBeforeExpiry: 120,
    });
  });

  it('R-IN-4 rejects a bad subscription with ExpiryInputError and the field path', () => {
    expect(() => getReminderSchedule({ expirationDate: '2026-02-30' })).toThrow(
      expect.objectContaining({ code: 'invalid-date', path: 'subscription.expirationDate' }),
    );
    expect(() => getReminderSchedule(undefined as never)).toThrow(ExpiryInputError);
    expect(() => getReminderSchedule({ expirationDate: '2026-03-10', recipientTimeZone: 'Mars/Base' })).toThrow(
      expect.objectContaining({ code: 'invalid-time-zone', path: 'subscription.recipientTimeZone' }),
    );
  });

  it('R-IN-4 rejects a bad policy with PolicyError', () => {
    expect(() => getReminderSchedule({ expirationDate: '2026-03-10' }, { timeZone: 'Nowhere' } as never)).toThrow(PolicyError);
  });
});

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
