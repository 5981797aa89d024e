import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { definePolicy, getReminderSchedule, getTimeline } from '../../src/index.js';
import { thrown } from '../support/errors.js';

/**
 * Sentences of the documents that state behaviour, each beside the behaviour it states: a
 * document that says one thing while the library does another fails here, whichever of the
 * two changed.
 */
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8').replace(/\s+/g, ' ');

describe('documents that state behaviour', () => {
  it('R-FEE-6 docs/policy.md: a capped tier followed by an uncapped recovery is accepted', () => {
    expect(read('docs/policy.md')).toContain('a capped tier followed by an uncapped recovery is accepted');
    expect(read('docs/policy.md')).not.toContain('is set on every later tier and on recovery');
    const policy = definePolicy({
      fees: {
        reactivationTiers: [{ fromDay: 0, rate: '0.10', minimum: '25.00', maximum: '100.00' }],
        recovery: { rate: '0.15', minimum: '50.00', dailyRate: '4.00' },
      },
    });
    expect(policy.fees.recovery).not.toHaveProperty('maximum');
  });

  it('R-RM-6 docs/decisions.md: on a skipped date email keeps its reminder, SMS and calls are dropped', () => {
    const decisions = read('docs/decisions.md');
    expect(decisions).toContain('Skipped days keep their email reminders; SMS and calls on them are dropped.');
    expect(decisions).not.toContain('nothing is lost');
    const apia = definePolicy({
      timeZone: 'Pacific/Apia',
      reminders: {
        cadences: [
          { channel: 'email', cadence: 'daily', from: 0, through: 0 },
          { channel: 'sms', cadence: 'daily', from: 0, through: 0 },
          { channel: 'phone', cadence: 'daily', from: 0, through: 0 },
        ],
      },
    });
    const onSkippedDay = getReminderSchedule({ id: 's', expirationDate: '2011-12-30' }, apia).filter((r) => r.date === '2011-12-30');
    expect(onSkippedDay.map((reminder) => reminder.channel)).toEqual(['email']);
  });

  it('R-IN-5 docs/decisions.md: the supported-years check counts the bank-transfer deadline for every subscription', () => {
    expect(read('docs/decisions.md')).toContain('the bank-transfer deadline and the renewal invoice count for a card subscription too');
    // With a 366-day bank-transfer lead, a 1901-01-01 expiry has its deadline on 1899-12-31:
    // refused, though the subscription says nothing of how it pays; a day later it fits.
    const policy = definePolicy({ bankTransferDaysBefore: 366, renewalInvoiceDaysBefore: 30, reminders: { cadences: [] } });
    const error = thrown(() => getTimeline({ expirationDate: '1901-01-01' }, policy)) as { code?: string };
    expect(error.code).toBe('date-out-of-range');
    expect(getTimeline({ expirationDate: '1901-01-02' }, policy).length).toBeGreaterThan(0);
  });
});
