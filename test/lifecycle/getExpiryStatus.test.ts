import { describe, expect, it } from 'vitest';
import { ExpiryInputError, PolicyError } from '../../src/errors.js';
import { getExpiryStatus } from '../../src/lifecycle/getExpiryStatus.js';
import { definePolicy } from '../../src/policy/definePolicy.js';
import { thrown } from '../support/errors.js';

const at = (iso: string) => new Date(iso);
const before = (iso: string) => new Date(Date.parse(iso) - 1);

describe('getExpiryStatus', () => {
  it('R-TZ-2 expires 2026-03-08 (spring forward) at 2026-03-09T03:59:59Z: renewal-due a millisecond before, expired at it', () => {
    const subscription = { expirationDate: '2026-03-08' };
    const justBefore = getExpiryStatus(subscription, before('2026-03-09T03:59:59Z'));
    expect(justBefore).toMatchObject({ phase: 'renewal-due', access: 'full', daysUntilExpiry: 0 });
    expect(justBefore.expiresAt).toEqual(at('2026-03-09T03:59:59Z'));
    expect(justBefore.phase !== 'unrecoverable' && justBefore.next).toEqual({ phase: 'expired', at: at('2026-03-09T03:59:59Z') });
    expect(getExpiryStatus(subscription, '2026-03-09T03:59:59Z')).toMatchObject({
      phase: 'expired',
      access: 'read-only',
      daysPastExpiry: 0,
    });
  });

  it('R-TZ-2 expires 2026-11-01 (fall back) at 2026-11-02T04:59:59Z', () => {
    const subscription = { expirationDate: '2026-11-01' };
    expect(getExpiryStatus(subscription, before('2026-11-02T04:59:59Z')).phase).toBe('renewal-due');
    const status = getExpiryStatus(subscription, '2026-11-02T04:59:59Z');
    expect(status.phase).toBe('expired');
    expect(status.expiresAt).toEqual(at('2026-11-02T04:59:59Z'));
  });

  it('R-TZ-5 counts daysPastExpiry 0 through the last second of the expiration date, 1 from local midnight', () => {
    const subscription = { expirationDate: '2026-03-08' };
    // 23:59:59.999 EDT on 2026-03-08 is 03:59:59.999Z on 2026-03-09.
    expect(getExpiryStatus(subscription, '2026-03-09T03:59:59.999Z')).toMatchObject({ phase: 'expired', daysPastExpiry: 0 });
    expect(getExpiryStatus(subscription, '2026-03-09T04:00:00Z')).toMatchObject({ phase: 'expired', daysPastExpiry: 1 });
  });

  it('R-TZ-5 counts daysUntilExpiry in calendar days, not 24-hour spans, across the DST change', () => {
    // 2026-03-07 00:00 EST is 05:00Z; the expiration date 2026-03-08 is 1 calendar day later.
    expect(getExpiryStatus({ expirationDate: '2026-03-08' }, '2026-03-07T05:00:00Z')).toMatchObject({
      phase: 'renewal-due',
      daysUntilExpiry: 1,
    });
    expect(getExpiryStatus({ expirationDate: '2026-03-08' }, '2026-03-07T04:59:59Z')).toMatchObject({ daysUntilExpiry: 2 });
  });

  it('R-ST-1 moves from expired (day 14) to deleted (day 15) at local midnight: 2026-03-23T04:00:00Z for 2026-03-08', () => {
    const subscription = { expirationDate: '2026-03-08' };
    const dayFourteen = getExpiryStatus(subscription, before('2026-03-23T04:00:00Z'));
    expect(dayFourteen).toMatchObject({ phase: 'expired', daysPastExpiry: 14, next: { phase: 'deleted', at: at('2026-03-23T04:00:00Z') } });
    expect(getExpiryStatus(subscription, '2026-03-23T04:00:00Z')).toMatchObject({ phase: 'deleted', access: 'none', daysPastExpiry: 15 });
  });

  it('R-ST-1 puts day 15 at local midnight even when DST starts between expiry and deletion (EST expiry, EDT deletion)', () => {
    const subscription = { expirationDate: '2026-02-25' };
    expect(getExpiryStatus(subscription, '2026-02-26T04:59:59Z').phase).toBe('expired');
    expect(getExpiryStatus(subscription, before('2026-03-12T04:00:00Z'))).toMatchObject({ phase: 'expired', daysPastExpiry: 14 });
    expect(getExpiryStatus(subscription, '2026-03-12T04:00:00Z')).toMatchObject({ phase: 'deleted', daysPastExpiry: 15 });
  });

  it('R-TZ-4 keeps 2026-08-31 recoverable through 2027-02-28 and unrecoverable from 2027-03-01 local midnight', () => {
    const subscription = { expirationDate: '2026-08-31' };
    const lastMoment = getExpiryStatus(subscription, before('2027-03-01T05:00:00Z'));
    expect(lastMoment).toMatchObject({
      phase: 'deleted',
      daysPastExpiry: 181,
      next: { phase: 'unrecoverable', at: at('2027-03-01T05:00:00Z') },
    });
    const gone = getExpiryStatus(subscription, '2027-03-01T05:00:00Z');
    expect(gone).toMatchObject({ phase: 'unrecoverable', access: 'none', daysPastExpiry: 182 });
    expect('next' in gone).toBe(false);
  });

  it('R-ST-1 is renewal-due from the local start of expiration − 30 days, active before', () => {
    const subscription = { expirationDate: '2026-03-08' };
    // 2026-02-06 00:00 EST is 05:00Z.
    expect(getExpiryStatus(subscription, before('2026-02-06T05:00:00Z'))).toMatchObject({
      phase: 'active',
      access: 'full',
      daysUntilExpiry: 31,
      next: { phase: 'renewal-due', at: at('2026-02-06T05:00:00Z') },
    });
    expect(getExpiryStatus(subscription, '2026-02-06T05:00:00Z')).toMatchObject({ phase: 'renewal-due', daysUntilExpiry: 30 });
  });

  it('R-ST-2 an extension runs from the original expiry to the effective one and moves deletion and recovery', () => {
    const subscription = { expirationDate: '2026-03-08', extension: { endsOn: '2026-03-15' } };
    const extended = getExpiryStatus(subscription, '2026-03-09T03:59:59Z');
    expect(extended).toEqual({
      phase: 'extended',
      access: 'full',
      expirationDate: '2026-03-15',
      originalExpirationDate: '2026-03-08',
      extended: true,
      expiresAt: at('2026-03-16T03:59:59Z'),
      daysUntilExpiry: 7,
      next: { phase: 'expired', at: at('2026-03-16T03:59:59Z') },
    });
    expect(getExpiryStatus(subscription, before('2026-03-09T03:59:59Z'))).toMatchObject({
      phase: 'renewal-due',
      next: { phase: 'extended', at: at('2026-03-09T03:59:59Z') },
    });
    expect(getExpiryStatus(subscription, '2026-03-16T03:59:59Z')).toMatchObject({
      phase: 'expired',
      daysPastExpiry: 0,
      next: { phase: 'deleted', at: at('2026-03-30T04:00:00Z') },
    });
    // Recovery runs to 2026-09-15, six months after the effective date.
    expect(getExpiryStatus(subscription, before('2026-09-16T04:00:00Z')).phase).toBe('deleted');
    expect(getExpiryStatus(subscription, '2026-09-16T04:00:00Z').phase).toBe('unrecoverable');
  });

  it('R-ST-3 without an extension shows the same original and effective date and extended: false', () => {
    const status = getExpiryStatus({ expirationDate: '2026-06-30' }, '2026-01-01T00:00:00Z');
    expect(status).toMatchObject({ phase: 'active', expirationDate: '2026-06-30', originalExpirationDate: '2026-06-30', extended: false });
  });

  it('R-POL-2 answers in the policy time zone and expiry time (Europe/Berlin, 18:00, 14-day deletion)', () => {
    const berlin = definePolicy({
      timeZone: 'Europe/Berlin',
      currency: 'EUR',
      expiryTime: '18:00',
      deletionDay: 14,
      fees: { reactivationTiers: [{ fromDay: 0, rate: '0.10', minimum: '25.00' }] },
    });
    // 2026-03-29 is the EU spring-forward day: 18:00 CEST is 16:00Z.
    const subscription = { expirationDate: '2026-03-29' };
    expect(getExpiryStatus(subscription, before('2026-03-29T16:00:00Z'), berlin).phase).toBe('renewal-due');
    expect(getExpiryStatus(subscription, '2026-03-29T16:00:00Z', berlin)).toMatchObject({
      phase: 'expired',
      expiresAt: at('2026-03-29T16:00:00Z'),
      next: { phase: 'deleted', at: at('2026-04-11T22:00:00Z') },
    });
  });

  it('R-ST-3 skips a zero-length phase: with no renewal lead and expiry at 00:00, active is followed directly by expired', () => {
    const policy = definePolicy({ renewalInvoiceDaysBefore: 0, expiryTime: '00:00:00' });
    const subscription = { expirationDate: '2026-03-08' };
    // 2026-03-08 00:00 EST is 05:00Z: both renewal-due and expired would begin then.
    expect(getExpiryStatus(subscription, before('2026-03-08T05:00:00Z'), policy)).toMatchObject({
      phase: 'active',
      daysUntilExpiry: 1,
      next: { phase: 'expired', at: at('2026-03-08T05:00:00Z') },
    });
    expect(getExpiryStatus(subscription, '2026-03-08T05:00:00Z', policy)).toMatchObject({ phase: 'expired', daysPastExpiry: 0 });
  });

  it('R-TZ-3 a zone that skipped the expiration date (Pacific/Apia, 2011-12-30) expires at the wall time pushed past the gap', () => {
    const apia = definePolicy({ timeZone: 'Pacific/Apia' });
    const subscription = { expirationDate: '2011-12-30' };
    // 2011-12-29 24:00 (−10:00) jumped to 2011-12-31 00:00 (+14:00): 23:59:59 on the 30th becomes 23:59:59 on the 31st.
    const lastDay = getExpiryStatus(subscription, '2011-12-31T09:59:58Z', apia);
    expect(lastDay).toMatchObject({ phase: 'renewal-due', daysUntilExpiry: 0, expiresAt: at('2011-12-31T09:59:59Z') });
    expect(getExpiryStatus(subscription, '2011-12-31T09:59:59Z', apia)).toMatchObject({ phase: 'expired', daysPastExpiry: 1 });
  });

  it('R-ST-3 writes every phase with the same fields in the same order (JSON and the CLI depend on it)', () => {
    const common = ['phase', 'access', 'expirationDate', 'originalExpirationDate', 'extended', 'expiresAt'];
    const subscription = { expirationDate: '2026-03-08', extension: { endsOn: '2026-03-15' } };
    const cases: [string, string, string, string[]][] = [
      ['2026-01-01T12:00:00Z', 'active', 'full', ['daysUntilExpiry', 'next']],
      ['2026-02-20T12:00:00Z', 'renewal-due', 'full', ['daysUntilExpiry', 'next']],
      ['2026-03-10T12:00:00Z', 'extended', 'full', ['daysUntilExpiry', 'next']],
      ['2026-03-20T12:00:00Z', 'expired', 'read-only', ['daysPastExpiry', 'next']],
      ['2026-04-10T12:00:00Z', 'deleted', 'none', ['daysPastExpiry', 'next']],
      ['2026-12-01T12:00:00Z', 'unrecoverable', 'none', ['daysPastExpiry']],
    ];
    for (const [now, phase, access, rest] of cases) {
      const status = getExpiryStatus(subscription, now);
      expect(Object.keys(status), phase).toEqual([...common, ...rest]);
      expect([status.phase, status.access, status.originalExpirationDate, status.extended]).toEqual([phase, access, '2026-03-08', true]);
    }
  });

  it('R-PURE-2 returns deeply frozen results', () => {
    const status = getExpiryStatus({ expirationDate: '2026-03-08' }, '2026-03-01T00:00:00Z');
    expect(Object.isFrozen(status)).toBe(true);
    expect(status.phase !== 'unrecoverable' && Object.isFrozen(status.next)).toBe(true);
  });

  it('R-IN-4 rejects bad subscriptions, instants without an offset and bad policies with the library errors', () => {
    const badDate = thrown(() => getExpiryStatus({ expirationDate: '2026-02-30' }, 0));
    expect(badDate).toBeInstanceOf(ExpiryInputError);
    expect(badDate).toMatchObject({ code: 'invalid-date', path: 'subscription.expirationDate' });
    expect(thrown(() => getExpiryStatus({ expirationDate: '2026-03-08' }, '2026-03-08T12:00:00'))).toMatchObject({
      code: 'ambiguous-instant',
      path: 'now',
    });
    expect(thrown(() => getExpiryStatus({ expirationDate: '2026-03-08' }, new Date(Number.NaN)))).toMatchObject({
      code: 'invalid-instant',
      path: 'now',
    });
    expect(thrown(() => getExpiryStatus(null as never, 0))).toMatchObject({ code: 'missing', path: 'subscription' });
    expect(thrown(() => getExpiryStatus({ expirationDate: '2026-03-08' }, 0, { timeZone: 'Mars/Base' } as never))).toBeInstanceOf(
      PolicyError,
    );
  });
});
