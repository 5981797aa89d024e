import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definePolicy, PolicyError } from '../../src/index.js';
import { policyErrorOf } from '../support/errors.js';

/** Issue 26: definePolicy reports every problem of a policy, each with its code, path and message. */

const pathsOf = (overrides: unknown) => policyErrorOf(() => definePolicy(overrides as never)).problems.map((problem) => problem.path);

describe('definePolicy: every problem', () => {
  it('R-POL-1 the error is the first problem; problems lists each, code, path and message, in the order of the policy', () => {
    const error = policyErrorOf(() => definePolicy({ timeZone: 'Mars/Olympus', deletionDay: 0, rounding: 'sideways' } as never));
    expect([error.code, error.path, error.message]).toEqual([
      'invalid-time-zone',
      'policy.timeZone',
      'policy.timeZone: "Mars/Olympus" is not an IANA time zone this runtime knows, such as "America/New_York"',
    ]);
    expect(error.problems).toEqual([
      { code: 'invalid-time-zone', path: 'policy.timeZone', message: error.message },
      { code: 'invalid-value', path: 'policy.rounding', message: expect.stringMatching(/^policy\.rounding: "sideways" is not one of /) },
      {
        code: 'invalid-number',
        path: 'policy.deletionDay',
        message: 'policy.deletionDay: expected a whole number of days or months from 1 to 168, got 0',
      },
    ]);
    expect(Object.isFrozen(error.problems) && error.problems.every((problem) => Object.isFrozen(problem))).toBe(true);
  });

  it('R-POL-1 one problem: problems holds exactly the error itself', () => {
    const error = policyErrorOf(() => definePolicy({ deletionDay: 0 }));
    expect(error.problems).toEqual([{ code: error.code, path: error.path, message: error.message }]);
    expect(new PolicyError('missing', 'policy.x', 'this field is required').problems).toEqual([
      { code: 'missing', path: 'policy.x', message: 'policy.x: this field is required' },
    ]);
  });

  it('R-POL-1 unknown fields come last, each named, beside the other problems', () => {
    expect(pathsOf({ deletionDays: 20, currency: 'UDS', reminders: { quietHour: {} } })).toEqual([
      'policy.currency',
      'policy.deletionDays',
      'policy.reminders.quietHour',
    ]);
  });

  it('R-POL-1 fees wait for the currency and the deletion day: no problem is guessed from a wrong one', () => {
    expect(pathsOf({ currency: 'UDS', fees: { recovery: { minimum: '-1', bogus: 1 } } })).toEqual(['policy.currency']);
    expect(pathsOf({ recoveryWindowMonths: 0, fees: { recovery: { minimum: '-1' } } })).toEqual(['policy.recoveryWindowMonths']);
  });

  it('R-FEE-1 each tier is checked on its own, and the order of tiers once every tier is right', () => {
    const tiers = [
      { fromDay: 0, rate: '0.10', minimum: '25.00', extra: true },
      { fromDay: 3, rate: 'x', minimum: '25.00' },
      { fromDay: 5, rate: '0.10', minimum: '25.001' },
    ];
    const error = policyErrorOf(() => definePolicy({ fees: { reactivationTiers: tiers } } as never));
    expect(error.problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['unknown-field', 'policy.fees.reactivationTiers[0].extra'],
      ['invalid-number', 'policy.fees.reactivationTiers[1].rate'],
      ['invalid-amount', 'policy.fees.reactivationTiers[2].minimum'],
    ]);
    expect(
      pathsOf({
        fees: {
          reactivationTiers: [
            { fromDay: 1, rate: '0.10', minimum: '25.00' },
            { fromDay: 7, rate: '0.15', minimum: '50.00' },
          ],
          recovery: { rate: '0.15', minimum: 'x', dailyRate: '4.00', maximum: '1.00' },
        },
      }),
    ).toEqual(['policy.fees.reactivationTiers[0].fromDay', 'policy.fees.recovery.minimum']);
  });

  it('R-FEE-6 a wrong recovery minimum leaves its cap unjudged, not reported as an unknown field', () => {
    expect(pathsOf({ fees: { recovery: { minimum: '-5', maximum: '10', maximumRate: '0.5' } } })).toEqual(['policy.fees.recovery.minimum']);
  });

  it('R-RM-1 every cadence and send time is checked; a channel whose send time is wrong is not also said to have none', () => {
    const error = policyErrorOf(() =>
      definePolicy({
        reminders: {
          cadences: [
            { channel: 'email', cadence: 'hourly', from: -1, through: 0 },
            { channel: 'sms', cadence: 'daily', from: 0, through: -1 },
            { channel: 'fax', cadence: 'daily', from: -1, through: 0 },
            { channel: 'phone', cadence: 'daily', from: -1, through: 0 },
          ],
          sendTimes: { email: '09:00', sms: '25:00', phone: '26:00' },
          quietHours: { channels: ['sms', 'Phone'], start: '21:00', end: '08:00' },
        },
      } as never),
    );
    expect(error.problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['invalid-reminders', 'policy.reminders.cadences[0].cadence'],
      ['invalid-reminders', 'policy.reminders.cadences[1].through'],
      ['invalid-time', 'policy.reminders.sendTimes.sms'],
      ['invalid-time', 'policy.reminders.sendTimes.phone'],
      ['invalid-reminders', 'policy.reminders.cadences[2].channel'],
      ['invalid-reminders', 'policy.reminders.quietHours.channels[1]'],
      ['invalid-time', 'policy.reminders.quietHours.end'],
    ]);
  });

  it('R-EXT-6 the order id and the extension days are checked apart', () => {
    expect(pathsOf({ extensions: { orderId: { groups: [0] }, requestDaysBefore: -1, durationDays: 0, cooldownDays: 1e9 } })).toEqual([
      'policy.extensions.orderId.groups[0]',
      'policy.extensions.requestDaysBefore',
      'policy.extensions.durationDays',
      'policy.extensions.cooldownDays',
    ]);
  });

  it('R-POL-1 property: break any set of independent fields, and problems names exactly those, in policy order', () => {
    const BREAKS: readonly [string, Record<string, unknown>][] = [
      ['policy.timeZone', { timeZone: 'Nowhere/Land' }],
      ['policy.expiryTime', { expiryTime: '25:00' }],
      ['policy.rounding', { rounding: 'sideways' }],
      ['policy.renewalInvoiceDaysBefore', { renewalInvoiceDaysBefore: -1 }],
      ['policy.bankTransferDaysBefore', { bankTransferDaysBefore: 1.5 }],
      ['policy.reminders.quietHours.start', { reminders: { quietHours: { start: 'noon' } } }],
      ['policy.extensions.durationDays', { extensions: { durationDays: 0 } }],
      ['policy.extensions.cooldownDays', { extensions: { cooldownDays: 'long' } }],
      ['policy.misspelt', { misspelt: 1 }],
    ];
    const mergeInto = (target: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> => {
      for (const [key, value] of Object.entries(source)) {
        const current = target[key];
        target[key] =
          typeof value === 'object' && value !== null && typeof current === 'object' && current !== null
            ? mergeInto({ ...(current as Record<string, unknown>) }, value as Record<string, unknown>)
            : value;
      }
      return target;
    };
    fc.assert(
      fc.property(fc.subarray([...BREAKS.keys()], { minLength: 1 }), (chosen) => {
        const overrides = chosen.reduce((all, index) => mergeInto(all, (BREAKS[index] as (typeof BREAKS)[number])[1]), {});
        expect(pathsOf(overrides)).toEqual(chosen.map((index) => (BREAKS[index] as (typeof BREAKS)[number])[0]));
      }),
    );
  });
});
