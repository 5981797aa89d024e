import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PolicyError } from '../../src/errors.js';
import { definePolicy } from '../../src/policy/definePolicy.js';
import { resolvePolicy } from '../../src/policy/compile.js';
import { policyArbitrary } from '../support/policies.js';
import { anyValue } from '../support/hostile.js';

/** Every field of a policy, with values that can never be right for it. */
const BAD_FIELDS: readonly [path: string, bad: readonly unknown[]][] = [
  ['timeZone', ['Mars/Base', '', 42, null]],
  ['expiryTime', ['24:00', '9', '23:60', 2359]],
  ['currency', ['usd', 'DOLLAR', 1]],
  ['rounding', ['banker', 0]],
  ['renewalInvoiceDaysBefore', [-1, 1.5, '30', 400]],
  ['bankTransferDaysBefore', [-1, Number.NaN]],
  ['deletionDay', [0, -3, 1000]],
  ['recoveryWindowMonths', [0, 121, '6']],
  ['fees.reactivationTiers', [[], 'tiers', [{ fromDay: 3, rate: '0.1', minimum: '1' }]]],
  ['fees.recovery.rate', ['-0.1', '11', 'ten']],
  ['fees.recovery.minimum', ['-1', '1.001', {}]],
  ['fees.recovery.dailyRate', ['-4', '4.005', Number.POSITIVE_INFINITY]],
  ['reminders.cadences', ['daily', [{ channel: 'email', cadence: 'hourly', from: 0, through: 0 }]]],
  ['reminders.sendTimes.email', ['9 am', '25:00', 900]],
  ['reminders.quietHours.start', ['8', '23:59:60']],
  ['reminders.quietHours.channels', ['sms', [1]]],
  ['extensions.requestDaysBefore', [-7, 7.5]],
  ['extensions.durationDays', [0, '7']],
  ['extensions.cooldownDays', [-1, 1e9]],
  ['extensions.orderId.groups', [[], [0], 'xxx']],
  ['extensions.orderId.separator', ['', '--', 'a', 5]],
];

function overridesAt(path: string, value: unknown): Record<string, unknown> {
  return path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

describe('policy validation (properties)', () => {
  it('R-POL-1 catches every invalid field of any valid policy, naming its path', () => {
    const badField = fc.constantFrom(...BAD_FIELDS).chain(([path, values]) => fc.tuple(fc.constant(path), fc.constantFrom(...values)));
    fc.assert(
      fc.property(policyArbitrary, badField, (policy, [path, value]) => {
        let caught: unknown;
        try {
          definePolicy(overridesAt(path, value) as never, policy);
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(PolicyError);
        expect((caught as PolicyError).path.startsWith(`policy.${path}`)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('R-POL-2 accepts every random valid policy, and it round-trips through definePolicy unchanged', () => {
    fc.assert(
      fc.property(policyArbitrary, (policy) => {
        expect(definePolicy({}, policy)).toEqual(policy);
        expect(resolvePolicy(policy).policy).toEqual(policy);
      }),
      { numRuns: 200 },
    );
  });

  it('R-IN-4 answers any override value with a policy or a PolicyError, nothing else', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BAD_FIELDS.map(([path]) => path)), anyValue, (path, value) => {
        try {
          definePolicy(overridesAt(path, value) as never);
        } catch (error) {
          expect(error).toBeInstanceOf(PolicyError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
