import { describe, expect, it } from 'vitest';
import { ExpiryInputError } from '../../src/errors.js';
import { getReminderSchedule } from '../../src/reminders/getReminderSchedule.js';
import { getRemindersDue } from '../../src/reminders/getRemindersDue.js';

const subscription = { id: 'sub_42', expirationDate: '2026-03-10' };

describe('getRemindersDue', () => {
  it('R-RM-4 returns the reminders of one New York day (the 23-hour 2026-03-08)', () => {
    const due = getRemindersDue(subscription, { from: '2026-03-08T00:00:00-05:00', to: '2026-03-09T00:00:00-04:00' });
    expect(due.map((r) => [r.key, r.sendAt.toISOString()])).toEqual([
      ['sub_42:email:2026-03-08', '2026-03-08T13:00:00.000Z'],
      ['sub_42:sms:2026-03-08', '2026-03-08T14:00:00.000Z'],
      ['sub_42:phone:2026-03-08', '2026-03-08T15:00:00.000Z'],
    ]);
  });

  it('R-RM-4 includes a reminder sent exactly at `from` and excludes one sent exactly at `to`', () => {
    const at = new Date('2026-03-08T14:00:00.000Z'); // the SMS of 2026-03-08
    expect(getRemindersDue(subscription, { from: at, to: at.getTime() + 1 }).map((r) => r.key)).toEqual(['sub_42:sms:2026-03-08']);
    expect(getRemindersDue(subscription, { from: at.getTime() - 1, to: at }).map((r) => r.key)).toEqual([]);
    expect(getRemindersDue(subscription, { from: at, to: at })).toEqual([]);
  });

  it('R-RM-4 a late job that passes its last run as `from` catches up on everything it missed, once', () => {
    // Runs at 2026-03-01T12:00Z, then not again until 2026-03-05T12:00Z, then daily.
    const runs = ['2026-03-01T12:00:00Z', '2026-03-05T12:00:00Z', '2026-03-06T12:00:00Z'];
    const sent = [
      ...getRemindersDue(subscription, { from: runs[0] as string, to: runs[1] as string }),
      ...getRemindersDue(subscription, { from: runs[1] as string, to: runs[2] as string }),
    ].map((r) => r.key);
    expect(sent).toEqual(['sub_42:email:2026-03-03', 'sub_42:email:2026-03-04', 'sub_42:email:2026-03-05']);
  });

  it('R-RM-4 over a window holding the whole schedule equals the schedule', () => {
    expect(getRemindersDue(subscription, { from: 0, to: Date.UTC(2030, 0, 1) })).toEqual(getReminderSchedule(subscription));
  });

  it('R-RM-6 R-RM-4 windows use the moved send time of a quiet-hours reminder', () => {
    const tokyo = { ...subscription, recipientTimeZone: 'Asia/Tokyo' };
    // 10:00 EST (15:00Z) is quiet in Tokyo; the SMS moved to 23:00Z.
    expect(getRemindersDue(tokyo, { from: '2026-03-07T15:00:00Z', to: '2026-03-07T15:00:01Z' })).toEqual([]);
    expect(getRemindersDue(tokyo, { from: '2026-03-07T23:00:00Z', to: '2026-03-07T23:00:01Z' }).map((r) => r.key)).toEqual([
      'sub_42:phone:2026-03-07',
      'sub_42:sms:2026-03-07',
    ]);
  });

  it('R-PURE-2 returns a frozen array of frozen reminders', () => {
    const due = getRemindersDue(subscription, { from: '2026-03-01T00:00:00Z', to: '2026-03-11T00:00:00Z' });
    expect(due).toHaveLength(16);
    expect(Object.isFrozen(due)).toBe(true);
    expect(due.every((r) => Object.isFrozen(r) && Object.isFrozen(r.sendAt))).toBe(true);
  });

  it('R-IN-4 rejects a window that ends before it starts with invalid-range', () => {
    const call = () => getRemindersDue(subscription, { from: '2026-03-09T00:00:00Z', to: '2026-03-08T00:00:00Z' });
    expect(call).toThrow(ExpiryInputError);
    expect(call).toThrow(expect.objectContaining({ code: 'invalid-range', path: 'window.to' }));
  });

  it('R-IN-2 R-IN-4 rejects bad bounds with the path of the bound', () => {
    expect(() => getRemindersDue(subscription, { from: '2026-03-08T00:00:00', to: 0 })).toThrow(
      expect.objectContaining({ code: 'ambiguous-instant', path: 'window.from' }),
    );
    expect(() => getRemindersDue(subscription, { from: 0, to: new Date(Number.NaN) })).toThrow(
      expect.objectContaining({ code: 'invalid-instant', path: 'window.to' }),
    );
    expect(() => getRemindersDue(subscription, { from: 0 } as never)).toThrow(
      expect.objectContaining({ code: 'missing', path: 'window.to' }),
    );
    expect(() => getRemindersDue(subscription, undefined as never)).toThrow(expect.objectContaining({ code: 'missing', path: 'window' }));
    expect(() => getRemindersDue({ expirationDate: '2026-13-01' }, { from: 0, to: 1 })).toThrow(
      expect.objectContaining({ path: 'subscription.expirationDate' }),
    );
  });
});
