import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getCapabilities } from '../../src/lifecycle/getCapabilities.js';
import { getExpiryStatus } from '../../src/lifecycle/getExpiryStatus.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { calendarDateArbitrary, instantArbitrary } from '../support/arbitraries.js';
import { addDays } from './oracle.js';
import { policyArbitrary } from '../support/policies.js';

const roleArbitrary = fc.oneof(fc.constantFrom('owner', 'administrator', 'agent'), fc.string({ minLength: 1, maxLength: 12 }));
const subscriptionArbitrary = fc
  .tuple(calendarDateArbitrary, fc.integer({ min: 0, max: 30 }))
  .map(([expirationDate, extra]) =>
    extra === 0 ? { expirationDate } : { expirationDate, extension: { endsOn: addDays(expirationDate, extra) } },
  );
/** An instant near the subscription's expiry (−60…+400 days) or anywhere. */
const caseArbitrary = fc
  .tuple(
    fc.oneof(fc.constant(defaultPolicy), policyArbitrary),
    subscriptionArbitrary,
    fc.integer({ min: -60 * 86_400_000, max: 400 * 86_400_000 }),
    instantArbitrary,
    fc.boolean(),
  )
  .map(([policy, subscription, offset, anywhere, far]) => ({
    policy,
    subscription,
    now: far ? anywhere : Date.parse(`${subscription.expirationDate}T12:00:00Z`) + offset,
  }));

describe('getCapabilities (properties)', () => {
  it('R-ST-4 holds its laws in every phase, for every role, under random valid policies', () => {
    fc.assert(
      fc.property(caseArbitrary, roleArbitrary, ({ policy, subscription, now }, role) => {
        const capabilities = getCapabilities(subscription, now, role, policy);
        const { phase } = getExpiryStatus(subscription, now, policy);
        expect(capabilities.phase).toBe(phase);
        if (capabilities.canManageBilling || capabilities.canReactivate || capabilities.canRecover) expect(role).toBe('owner');
        if (phase === 'expired') expect(capabilities.canChangeSettings || capabilities.canManageBilling).toBe(false);
        if (phase === 'deleted' || phase === 'unrecoverable') expect(capabilities.canLogIn).toBe(false);
        if (capabilities.canReactivate) expect(phase).toBe('expired');
        if (capabilities.canRecover) expect(phase).toBe('deleted');
        // Access and logging in agree: full and read-only access let every role in.
        expect(capabilities.canLogIn).toBe(phase !== 'deleted' && phase !== 'unrecoverable');
        if (!['owner', 'administrator', 'agent'].includes(role))
          expect(capabilities).toEqual(getCapabilities(subscription, now, 'agent', policy));
      }),
      { numRuns: 200 },
    );
  });
});
