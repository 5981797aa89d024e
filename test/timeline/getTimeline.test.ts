import { describe, expect, it } from 'vitest';
import { ExpiryInputError } from '../../src/errors.js';
import { getTimeline } from '../../src/timeline/getTimeline.js';
import { definePolicy } from '../../src/policy/definePolicy.js';

const event = (name: string, date: string, at: string, extra: object = {}) => ({ event: name, date, at: new Date(at), ...extra });

describe('getTimeline', () => {
  it('R-TL-1 lists every event of a 2026-03-08 bank-transfer subscription, sorted, with local dates and instants', () => {
    expect(getTimeline({ expirationDate: '2026-03-08', paymentMethod: 'bank-transfer' })).toEqual([
      // R-RM-1: the monthly email 4 months before, 09:00 EST.
      event('reminders-start', '2025-11-08', '2025-11-08T14:00:00Z'),
      // expiration − 30 days, local midnight EST.
      event('renewal-invoice', '2026-02-06', '2026-02-06T05:00:00Z'),
      // Seed 000: sent at least 7 days before: through the end of 2026-03-01 (23:59:59 EST).
      event('bank-transfer-deadline', '2026-03-01', '2026-03-02T04:59:59Z'),
      // R-TZ-2.
      event('expiry', '2026-03-08', '2026-03-09T03:59:59Z'),
      // Day 7, local midnight EDT.
      event('reactivation-fee-increase', '2026-03-15', '2026-03-15T04:00:00Z', { daysPastExpiry: 7 }),
      // Day 15, local midnight EDT.
      event('data-deletion', '2026-03-23', '2026-03-23T04:00:00Z'),
      // R-TZ-4: six months after, the day ends at the local midnight that begins 2026-09-09.
      event('recovery-closes', '2026-09-08', '2026-09-09T04:00:00Z'),
    ]);
  });

  it('R-TL-1 leaves out the bank-transfer deadline for other payment methods', () => {
    const events = getTimeline({ expirationDate: '2026-03-08', paymentMethod: 'card' }).map((e) => e.event);
    expect(events).toEqual([
      'reminders-start',
      'renewal-invoice',
      'expiry',
      'reactivation-fee-increase',
      'data-deletion',
      'recovery-closes',
    ]);
  });

  it('R-TZ-4 closes recovery for 2026-08-31 after 2027-02-28 (end-of-month clamping)', () => {
    const closes = getTimeline({ expirationDate: '2026-08-31' }).find((e) => e.event === 'recovery-closes');
    expect(closes).toEqual(event('recovery-closes', '2027-02-28', '2027-03-01T05:00:00Z'));
  });

  it('R-ST-2 an extension adds extension-end and moves reminders, fee increases, deletion and recovery, not the invoice or original expiry', () => {
    expect(getTimeline({ expirationDate: '2026-03-08', extension: { endsOn: '2026-03-15' }, paymentMethod: 'bank-transfer' })).toEqual([
      event('reminders-start', '2025-11-15', '2025-11-15T14:00:00Z'),
      event('renewal-invoice', '2026-02-06', '2026-02-06T05:00:00Z'),
      event('bank-transfer-deadline', '2026-03-08', '2026-03-09T03:59:59Z'),
      event('expiry', '2026-03-08', '2026-03-09T03:59:59Z'),
      event('extension-end', '2026-03-15', '2026-03-16T03:59:59Z'),
      event('reactivation-fee-increase', '2026-03-22', '2026-03-22T04:00:00Z', { daysPastExpiry: 7 }),
      event('data-deletion', '2026-03-30', '2026-03-30T04:00:00Z'),
      event('recovery-closes', '2026-09-15', '2026-09-16T04:00:00Z'),
    ]);
  });

  it('R-POL-2 follows the policy: one fee increase per later tier, no reminders-start when no cadence is set', () => {
    const policy = definePolicy({
      timeZone: 'Europe/Berlin',
      currency: 'EUR',
      fees: {
        reactivationTiers: [
          { fromDay: 0, rate: '0.05', minimum: '10.00' },
          { fromDay: 3, rate: '0.10', minimum: '20.00' },
          { fromDay: 10, rate: '0.15', minimum: '50.00' },
        ],
      },
      reminders: { cadences: [] },
    });
    expect(getTimeline({ expirationDate: '2026-10-20' }, policy)).toEqual([
      event('renewal-invoice', '2026-09-20', '2026-09-19T22:00:00Z'),
      event('expiry', '2026-10-20', '2026-10-20T21:59:59Z'),
      event('reactivation-fee-increase', '2026-10-23', '2026-10-22T22:00:00Z', { daysPastExpiry: 3 }),
      // 2026-10-25 is the EU fall-back day: local midnight of 2026-10-30 is 23:00Z.
      event('reactivation-fee-increase', '2026-10-30', '2026-10-29T23:00:00Z', { daysPastExpiry: 10 }),
      event('data-deletion', '2026-11-04', '2026-11-03T23:00:00Z'),
      event('recovery-closes', '2027-04-20', '2027-04-20T22:00:00Z'),
    ]);
  });

  it('R-PURE-2 returns a frozen array of frozen events', () => {
    const timeline = getTimeline({ expirationDate: '2026-03-08' });
    expect(Object.isFrozen(timeline)).toBe(true);
    expect(timeline.every((e) => Object.isFrozen(e))).toBe(true);
  });

  it('R-IN-4 rejects a bad subscription with ExpiryInputError', () => {
    expect(() => getTimeline({ expirationDate: '2026-02-30' })).toThrow(ExpiryInputError);
    expect(() => getTimeline({ expirationDate: '2026-03-08', extension: { endsOn: '2026-03-01' } })).toThrow(ExpiryInputError);
  });
});
