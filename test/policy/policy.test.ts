import { describe, expect, it, vi } from 'vitest';
import { checkExtensionEligibility } from '../../src/extensions/checkExtensionEligibility.js';
import { quoteReactivationFee } from '../../src/fees/quoteReactivationFee.js';
import { getCapabilities } from '../../src/lifecycle/getCapabilities.js';
import { getExpiryStatus } from '../../src/lifecycle/getExpiryStatus.js';
import { getTimeline } from '../../src/timeline/getTimeline.js';
import type { Policy } from '../../src/policy/types.js';
import { getReminderSchedule } from '../../src/reminders/getReminderSchedule.js';
import { getRemindersDue } from '../../src/reminders/getRemindersDue.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { definePolicy } from '../../src/policy/definePolicy.js';
import { resolvePolicy } from '../../src/policy/compile.js';
import { policyErrorOf } from '../support/errors.js';

function isDeeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeeplyFrozen);
}

describe('defaultPolicy', () => {
  it("R-POL-1 holds the seeds' numbers", () => {
    expect(defaultPolicy.timeZone).toBe('America/New_York'); // seed 003: 11:59:59pm America/New_York
    expect(defaultPolicy.expiryTime).toBe('23:59:59');
    expect(defaultPolicy.renewalInvoiceDaysBefore).toBe(30); // seed 003: invoice 30 days prior
    expect(defaultPolicy.bankTransferDaysBefore).toBe(7); // seed 000: send payment 7 days before
    expect(defaultPolicy.deletionDay).toBe(15); // seed 003: deleted after 14 days unpaid
    expect(defaultPolicy.recoveryWindowMonths).toBe(6);
    expect(defaultPolicy.fees.reactivationTiers).toEqual([
      { fromDay: 0, rate: '0.10', minimum: '25.00' },
      { fromDay: 7, rate: '0.15', minimum: '50.00' },
    ]);
    expect(defaultPolicy.fees.recovery).toEqual({ rate: '0.15', minimum: '50.00', dailyRate: '4.00' });
    expect(defaultPolicy.reminders.sendTimes).toEqual({ email: '09:00', sms: '10:00', phone: '11:00' });
    expect(defaultPolicy.reminders.quietHours).toEqual({ channels: ['sms', 'phone'], start: '08:00', end: '21:00' });
    expect(defaultPolicy.extensions).toEqual({
      requestDaysBefore: 7,
      durationDays: 7,
      cooldownDays: 90,
      orderId: { groups: [3, 3, 5], separator: '-' },
    });
  });

  it('R-POL-1 is deeply frozen, and so is every policy definePolicy returns', () => {
    expect(isDeeplyFrozen(defaultPolicy)).toBe(true);
    expect(isDeeplyFrozen(definePolicy({ timeZone: 'Europe/Berlin' }))).toBe(true);
    expect(() => {
      // biome-ignore lint/style/noNonNullAssertion: the first tier exists; the write must throw
      (defaultPolicy.fees.reactivationTiers as unknown as { fromDay: number }[])[0]!.fromDay = 3;
    }).toThrow(TypeError);
  });

  it('R-POL-1 is itself a valid policy', () => {
    expect(definePolicy({})).toEqual(defaultPolicy);
  });
});

describe('definePolicy', () => {
  it('R-POL-1 merges objects field by field and replaces arrays whole', () => {
    const policy = definePolicy({
      timeZone: 'Europe/Berlin',
      currency: 'EUR',
      fees: { recovery: { rate: '0.20', minimum: '60.00', dailyRate: '5.00' } },
      reminders: {
        sendTimes: { push: '12:00' } as Record<string, string>,
        cadences: [{ channel: 'push', cadence: 'daily', from: -2, through: 0 }],
      },
    });
    expect(policy.timeZone).toBe('Europe/Berlin');
    expect(policy.fees.reactivationTiers).toEqual(defaultPolicy.fees.reactivationTiers);
    expect(policy.fees.recovery.dailyRate).toBe('5.00');
    expect(policy.reminders.sendTimes).toEqual({ email: '09:00', sms: '10:00', phone: '11:00', push: '12:00' });
    expect(policy.reminders.cadences).toEqual([{ channel: 'push', cadence: 'daily', from: -2, through: 0 }]);
    expect(policy.reminders.quietHours).toEqual(defaultPolicy.reminders.quietHours);
  });

  it('R-POL-1 normalises amounts to the currency digits and accepts exact numbers', () => {
    const policy = definePolicy({ fees: { recovery: { rate: 0.15, minimum: 50, dailyRate: 4 } } } as never);
    expect(policy.fees.recovery).toEqual({ rate: '0.15', minimum: '50.00', dailyRate: '4.00' }); // numbers become their exact decimal text
    expect(
      definePolicy({
        currency: 'JPY',
        fees: {
          reactivationTiers: [{ fromDay: 0, rate: '0.1', minimum: '2500' }],
          recovery: { rate: '0.15', minimum: '5000', dailyRate: '400' },
        },
      }).fees.recovery.minimum,
    ).toBe('5000');
  });

  it('R-POL-1 rejects an unknown time zone, non-increasing tiers, a last tier past deletion, negative rates and non-times', () => {
    const cases: [object, string, string][] = [
      [{ timeZone: 'Mars/Olympus_Mons' }, 'policy.timeZone', 'invalid-time-zone'],
      [
        {
          fees: {
            reactivationTiers: [
              { fromDay: 0, rate: '0.1', minimum: '25' },
              { fromDay: 0, rate: '0.15', minimum: '50' },
            ],
          },
        },
        'policy.fees.reactivationTiers[1].fromDay',
        'invalid-tiers',
      ],
      [
        {
          fees: {
            reactivationTiers: [
              { fromDay: 0, rate: '0.1', minimum: '25' },
              { fromDay: 15, rate: '0.15', minimum: '50' },
            ],
          },
        },
        'policy.fees.reactivationTiers[1].fromDay',
        'invalid-tiers',
      ],
      [
        { fees: { reactivationTiers: [{ fromDay: 1, rate: '0.1', minimum: '25' }] } },
        'policy.fees.reactivationTiers[0].fromDay',
        'invalid-tiers',
      ],
      [
        {
          fees: {
            reactivationTiers: [
              { fromDay: 0, rate: '0.2', minimum: '25' },
              { fromDay: 7, rate: '0.15', minimum: '50' },
            ],
          },
        },
        'policy.fees.reactivationTiers[1]',
        'invalid-tiers',
      ],
      [
        { fees: { reactivationTiers: [{ fromDay: 0, rate: '-0.1', minimum: '25' }] } },
        'policy.fees.reactivationTiers[0].rate',
        'invalid-number',
      ],
      [{ fees: { recovery: { dailyRate: '-4' } } }, 'policy.fees.recovery.dailyRate', 'invalid-amount'],
      [{ fees: { recovery: { minimum: '40.00' } } }, 'policy.fees.recovery', 'invalid-tiers'],
      [{ fees: { recovery: { minimum: '40.001' } } }, 'policy.fees.recovery.minimum', 'invalid-amount'],
      [{ fees: { recovery: { dailyRate: '1000000000000' } } }, 'policy.fees.recovery.dailyRate', 'invalid-amount'],
      [{ fees: { recovery: { dailyRate: '01000000000000.00' } } }, 'policy.fees.recovery.dailyRate', 'invalid-amount'],
      [{ expiryTime: '24:00' }, 'policy.expiryTime', 'invalid-time'],
      [{ reminders: { sendTimes: { email: '9am' } } }, 'policy.reminders.sendTimes.email', 'invalid-time'],
      [{ reminders: { quietHours: { start: '21:00', end: '08:00' } } }, 'policy.reminders.quietHours.end', 'invalid-time'],
      [
        { reminders: { cadences: [{ channel: 'fax', cadence: 'daily', from: -1, through: 0 }] } },
        'policy.reminders.cadences[0].channel',
        'invalid-reminders',
      ],
      [
        { reminders: { cadences: [{ channel: 'email', cadence: 'hourly', from: -1, through: 0 }] } },
        'policy.reminders.cadences[0].cadence',
        'invalid-reminders',
      ],
      [
        { reminders: { cadences: [{ channel: 'email', cadence: 'daily', from: 0, through: -1 }] } },
        'policy.reminders.cadences[0].through',
        'invalid-reminders',
      ],
      [{ currency: 'usd' }, 'policy.currency', 'invalid-currency'],
      [{ rounding: 'bankers' }, 'policy.rounding', 'invalid-value'],
      [{ deletionDay: 0 }, 'policy.deletionDay', 'invalid-number'],
      [{ extensions: { cooldownDays: 1.5 } }, 'policy.extensions.cooldownDays', 'invalid-number'],
      [{ extensions: { orderId: { separator: 'x' } } }, 'policy.extensions.orderId.separator', 'invalid-value'],
      [{ timezone: 'Europe/Berlin' }, 'policy.timezone', 'unknown-field'],
      [{ fees: { recovery: { daily: '4' } } }, 'policy.fees.recovery.daily', 'unknown-field'],
    ];
    for (const [overrides, path, code] of cases) {
      const error = policyErrorOf(() => definePolicy(overrides as never));
      expect({ path: error.path, code: error.code }).toEqual({ path, code });
      expect(error.name).toBe('PolicyError');
    }
  });
});

describe('resolvePolicy', () => {
  it('R-POL-2 compiles a defined policy once, and refuses one that definePolicy did not make', () => {
    const berlin = definePolicy({ timeZone: 'Europe/Berlin' });
    expect(resolvePolicy(berlin)).toBe(resolvePolicy(berlin));
    expect(resolvePolicy(undefined)).toBe(resolvePolicy(defaultPolicy));
    // Spread, JSON and structured copies lose the mark: only definePolicy's checked result carries it.
    const handMade = { ...defaultPolicy, timeZone: 'Asia/Tokyo' };
    for (const copy of [handMade, JSON.parse(JSON.stringify(berlin)), structuredClone(berlin), Object.freeze({ ...berlin })]) {
      expect(policyErrorOf(() => resolvePolicy(copy)).code).toBe('not-defined');
    }
    // A copy made with the property descriptors carries a mark that points at the original, not at itself.
    const descriptorCopy = Object.create(Object.prototype, Object.getOwnPropertyDescriptors(berlin)) as object;
    expect(policyErrorOf(() => resolvePolicy(descriptorCopy)).code).toBe('not-defined');
    // definePolicy checks the hand-made object and returns a policy every function accepts.
    expect(resolvePolicy(definePolicy(handMade)).timeZone).toBe('Asia/Tokyo');
    expect(policyErrorOf(() => definePolicy({ ...defaultPolicy, deletionDay: -1 })).path).toBe('policy.deletionDay');
    expect(policyErrorOf(() => resolvePolicy('default')).code).toBe('wrong-type');
  });
});

describe('policies definePolicy did not make (forged marks)', () => {
  const subscription = { id: 'sub-1', expirationDate: '2026-03-08', invoiceAmount: '300.00' };
  const now = '2026-03-20T12:00:00Z';
  /** The public mark earlier versions trusted, written by hand on a copy that definePolicy never saw. */
  const forge = (policy: object): object =>
    Object.defineProperty(policy, Symbol.for('subscription-expiry.defined-policy'), { value: policy });

  it('R-POL-2 refuses a JSON copy of defaultPolicy marked by hand, in every function that takes a policy, as not-defined', () => {
    const forgedDefault = forge(JSON.parse(JSON.stringify(defaultPolicy)) as object) as Policy;
    const forgedBroken = forge({ timeZone: 'Nowhere/Else' }) as Policy;
    for (const policy of [forgedDefault, forgedBroken]) {
      const calls: (() => unknown)[] = [
        () => getExpiryStatus(subscription, now, policy),
        () => quoteReactivationFee(subscription, now, policy),
        () => getReminderSchedule(subscription, policy),
        () => getRemindersDue(subscription, { from: now, to: '2026-03-21T00:00:00Z' }, policy),
        () => getTimeline(subscription, policy),
        () => getCapabilities(subscription, now, 'customer', policy),
        () => checkExtensionEligibility({ subscription, requestedAt: now, orderId: 'ABC-DEF-12345' }, policy),
      ];
      for (const call of calls) {
        const error = policyErrorOf(call);
        expect([error.name, error.code, error.path]).toEqual(['PolicyError', 'not-defined', 'policy']);
      }
    }
    // definePolicy checks the forged copy like any object, and its result is accepted.
    expect(getExpiryStatus(subscription, now, definePolicy(forgedDefault))).toEqual(getExpiryStatus(subscription, now, defaultPolicy));
  });
});

describe('the registry of defined policies', () => {
  it('R-POL-2 is shared by every copy of the library loaded in one process, and cannot be replaced', async () => {
    const made = definePolicy({ timeZone: 'Europe/Berlin' });
    vi.resetModules();
    const anotherCopy = (await import('../../src/policy/defined.js')) as typeof import('../../src/policy/defined.js');
    expect(anotherCopy.definedPolicy(made)).toBe(made);
    expect(() => anotherCopy.definedPolicy({ ...made })).toThrow(expect.objectContaining({ code: 'not-defined' }));
    const slot = Symbol.for('subscription-expiry.defined-policies');
    expect(Reflect.defineProperty(globalThis, slot, { value: new WeakSet() })).toBe(false);
    expect(Object.getOwnPropertyDescriptor(globalThis, slot)).toMatchObject({ writable: false, configurable: false });
  });
});
