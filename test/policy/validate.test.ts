import { describe, expect, it } from 'vitest';
import { getExpiryStatus } from '../../src/lifecycle/getExpiryStatus.js';
import { resolvePolicy } from '../../src/policy/compile.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { definePolicy } from '../../src/policy/definePolicy.js';
import type { Policy } from '../../src/policy/types.js';
import { policyErrorOf } from '../support/errors.js';

/** A mutable, unfrozen deep copy of a policy. */
const plainCopy = (policy: Policy): Policy => JSON.parse(JSON.stringify(policy)) as Policy;

/** The default recovery pricing with some fields changed. */
const recovery = (changes: Partial<Policy['fees']['recovery']>): Policy['fees']['recovery'] => ({
  ...defaultPolicy.fees.recovery,
  ...changes,
});

describe('definePolicy (edges of validation)', () => {
  it('R-POL-1 rejects channel names that are not lower-case words, wherever a channel is named', () => {
    const cases: [object, string][] = [
      [{ reminders: { sendTimes: { Email: '09:00' } } }, 'policy.reminders.sendTimes.Email'],
      [{ reminders: { sendTimes: { 'e mail': '09:00' } } }, 'policy.reminders.sendTimes.e mail'],
      [{ reminders: { cadences: [{ channel: 'SMS', cadence: 'daily', from: -1, through: 0 }] } }, 'policy.reminders.cadences[0].channel'],
      [{ reminders: { quietHours: { channels: ['sms', '-phone'] } } }, 'policy.reminders.quietHours.channels[1]'],
      [{ reminders: { sendTimes: { [`a${'b'.repeat(32)}`]: '09:00' } } }, `policy.reminders.sendTimes.a${'b'.repeat(32)}`],
    ];
    for (const [overrides, path] of cases) {
      const error = policyErrorOf(() => definePolicy(overrides as never));
      expect({ code: error.code, path: error.path }).toEqual({ code: 'invalid-reminders', path });
      expect(error.message).toContain('is not a channel name');
    }
    // The longest name allowed (32 characters) with digits and dashes is a channel.
    const longest = `a${'-9'.repeat(15)}b`;
    expect(longest).toHaveLength(32);
    const policy = definePolicy({
      reminders: { sendTimes: { [longest]: '12:00' }, cadences: [{ channel: longest, cadence: 'daily', from: -1, through: 0 }] },
    });
    expect(policy.reminders.cadences[0]?.channel).toBe(longest);
  });

  it('R-POL-1 bounds cadence offsets to −120…120, and says "a whole number" for them, "days or months" for day counts', () => {
    const offset = policyErrorOf(() =>
      definePolicy({ reminders: { cadences: [{ channel: 'email', cadence: 'daily', from: -121, through: 0 }] } }),
    );
    expect({ code: offset.code, path: offset.path }).toEqual({ code: 'invalid-number', path: 'policy.reminders.cadences[0].from' });
    expect(offset.message).toContain('expected a whole number from -120 to 120, got -121');
    const through = policyErrorOf(() =>
      definePolicy({ reminders: { cadences: [{ channel: 'email', cadence: 'monthly', from: 0, through: 121 }] } }),
    );
    expect(through.path).toBe('policy.reminders.cadences[0].through');
    const days = policyErrorOf(() => definePolicy({ renewalInvoiceDaysBefore: 367 }));
    expect(days.message).toContain('expected a whole number of days or months from 0 to 366, got 367');
    // Both ends of the range are accepted.
    const widest = definePolicy({ reminders: { cadences: [{ channel: 'email', cadence: 'daily', from: -120, through: 120 }] } });
    expect(widest.reminders.cadences).toEqual([{ channel: 'email', cadence: 'daily', from: -120, through: 120 }]);
  });

  it('R-POL-1 rejects a rate with more than 6 decimal places and keeps one with 6 as written', () => {
    const error = policyErrorOf(() => definePolicy({ fees: { recovery: recovery({ rate: '0.1500001' }) } }));
    expect({ code: error.code, path: error.path }).toEqual({ code: 'invalid-number', path: 'policy.fees.recovery.rate' });
    expect(error.message).toContain('0.1500001 has more than 6 decimal places');
    const tier = policyErrorOf(() => definePolicy({ fees: { reactivationTiers: [{ fromDay: 0, rate: '0.0000001', minimum: '25.00' }] } }));
    expect(tier.path).toBe('policy.fees.reactivationTiers[0].rate');
    expect(definePolicy({ fees: { recovery: recovery({ rate: '0.150001' }) } }).fees.recovery.rate).toBe('0.150001');
  });

  it('R-POL-1 rejects amounts of a trillion or more, and accepts the largest amount below it', () => {
    const error = policyErrorOf(() => definePolicy({ fees: { recovery: recovery({ dailyRate: '1000000000000' }) } }));
    expect({ code: error.code, path: error.path }).toEqual({ code: 'invalid-amount', path: 'policy.fees.recovery.dailyRate' });
    expect(error.message).toContain('is not below the ceiling of 1000000000000 USD');
    expect(policyErrorOf(() => definePolicy({ fees: { recovery: recovery({ minimum: '1000000000000.00' }) } })).path).toBe(
      'policy.fees.recovery.minimum',
    );
    expect(definePolicy({ fees: { recovery: recovery({ dailyRate: '999999999999.99' }) } }).fees.recovery.dailyRate).toBe(
      '999999999999.99',
    );
  });

  it('R-POL-1 names a missing list entry as missing and any other non-object entry as wrong-type, with its index', () => {
    const cases: [object, string, string][] = [
      [{ fees: { reactivationTiers: [undefined] } }, 'missing', 'policy.fees.reactivationTiers[0]'],
      [
        { fees: { reactivationTiers: [{ fromDay: 0, rate: '0.10', minimum: '25.00' }, null] } },
        'wrong-type',
        'policy.fees.reactivationTiers[1]',
      ],
      [{ reminders: { cadences: [undefined] } }, 'missing', 'policy.reminders.cadences[0]'],
      [{ reminders: { cadences: ['email daily'] } }, 'wrong-type', 'policy.reminders.cadences[0]'],
    ];
    for (const [overrides, code, path] of cases) {
      const error = policyErrorOf(() => definePolicy(overrides as never));
      expect({ code: error.code, path: error.path }).toEqual({ code, path });
      expect(error.message).toContain('expected an object');
    }
  });

  it('R-POL-1 takes nothing from a base that is not an object: every field must then come from the overrides', () => {
    const complete = plainCopy(definePolicy({ timeZone: 'Europe/Berlin', currency: 'EUR' }));
    for (const base of [null, 42, 'default', [defaultPolicy]]) {
      expect(definePolicy(complete, base as never)).toEqual(complete);
      const missing = policyErrorOf(() => definePolicy({ timeZone: 'Europe/Berlin' }, base as never));
      expect({ code: missing.code, path: missing.path }).toEqual({ code: 'missing', path: 'policy.expiryTime' });
    }
  });
});

describe('definePolicy (fields that throw)', () => {
  const throwing = <T extends object>(tier: T, key: string): T =>
    Object.defineProperty({ ...tier }, key, {
      enumerable: true,
      get() {
        throw new Error('getter');
      },
    });

  it('R-POL-1 R-IN-4 names a list entry whose getter throws as unreadable, by its path, whether the field is required or optional', () => {
    const tier = { fromDay: 0, rate: '0.10', minimum: '25.00' };
    const required = policyErrorOf(() => definePolicy({ fees: { reactivationTiers: [throwing(tier, 'minimum')] } }));
    expect([required.code, required.path]).toEqual(['unreadable', 'policy.fees.reactivationTiers[0].minimum']);
    expect(required.message).toContain('this field could not be read (its getter threw)');
    const optional = policyErrorOf(() => definePolicy({ fees: { reactivationTiers: [throwing(tier, 'maximum')] } }));
    expect([optional.code, optional.path]).toEqual(['unreadable', 'policy.fees.reactivationTiers[0].maximum']);
    expect(optional.message).toContain('this field could not be read (its getter threw)');
  });
});

describe('resolvePolicy (edges)', () => {
  const subscription = { expirationDate: '2026-03-08' };
  const now = '2026-03-09T12:00:00Z';

  it('R-POL-2 R-IN-4 refuses a proxy of a policy unchecked, and definePolicy checks it, even when its isExtensible trap throws', () => {
    const target = plainCopy(defaultPolicy) as { timeZone: string };
    const proxy = new Proxy(target, {
      isExtensible: () => {
        throw new Error('extensible trap');
      },
    }) as unknown as Policy;
    expect(() => Object.isFrozen(proxy)).toThrow('extensible trap');
    expect(policyErrorOf(() => getExpiryStatus(subscription, now, proxy)).code).toBe('not-defined');

    target.timeZone = 'Asia/Tokyo';
    const inTokyo = definePolicy(proxy);
    expect(getExpiryStatus(subscription, now, inTokyo).expiresAt.toISOString()).toBe('2026-03-08T14:59:59.000Z'); // R-TZ-2
    // The defined policy is a checked copy: later changes to the object are not seen.
    target.timeZone = 'Europe/Berlin';
    expect(inTokyo.timeZone).toBe('Asia/Tokyo');
    // A proxy of a defined policy is not the policy itself, and one whose get trap throws is not even read.
    expect(policyErrorOf(() => resolvePolicy(new Proxy(inTokyo, {}))).code).toBe('not-defined');
    const hostile = new Proxy(inTokyo, {
      get: () => {
        throw new Error('get trap');
      },
    });
    expect(policyErrorOf(() => resolvePolicy(hostile)).code).toBe('not-defined');
  });
});
