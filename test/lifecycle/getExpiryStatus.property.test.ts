import type { Phase } from '../../src/lifecycle/types.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { forgetZoneTables } from '../support/zone.js';
import { isLibraryError } from '../../src/errors.js';
import { getCapabilities } from '../../src/lifecycle/getCapabilities.js';
import { getTimeline } from '../../src/timeline/getTimeline.js';
import { getExpiryStatus } from '../../src/lifecycle/getExpiryStatus.js';
import type { ExpiryStatus } from '../../src/lifecycle/types.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { definePolicy } from '../../src/policy/definePolicy.js';
import type { Policy } from '../../src/policy/types.js';
import type { Subscription } from '../../src/input/subscription.js';
import { anyValue } from '../support/hostile.js';
import { calendarDateArbitrary, instantArbitrary, withHostTimeZone, zoneArbitrary } from '../support/arbitraries.js';
import { addDays, daysBetween, expectedLifecycle, expectedPhaseAt, localDate } from './oracle.js';
import { policyArbitrary } from '../support/policies.js';

/** The order the phases come in (R-ST-1), for "phases only move forward". */
const PHASE_ORDER: readonly Phase[] = ['active', 'renewal-due', 'extended', 'expired', 'deleted', 'unrecoverable'];

const DAY = 86_400_000;

/** The default policy half the time, a random valid one otherwise. */
const anyPolicy = fc.oneof(fc.constant(defaultPolicy), policyArbitrary);

/** A subscription, extended by 1–60 days a third of the time. */
const subscriptionArbitrary: fc.Arbitrary<Subscription & { expirationDate: string; extension?: { endsOn: string } }> = fc
  .tuple(calendarDateArbitrary, fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 60 })))
  .map(([expirationDate, extraDays]) =>
    extraDays === 0 ? { expirationDate } : { expirationDate, extension: { endsOn: addDays(expirationDate, extraDays) } },
  );

/** A case: policy, subscription and an instant, half the time on, a millisecond from, or within two days of one of its boundaries. */
const caseArbitrary = fc
  .tuple(
    anyPolicy,
    subscriptionArbitrary,
    fc.nat({ max: 5 }),
    fc.oneof(fc.constantFrom(-1, 0, 1), fc.integer({ min: -2 * DAY, max: 2 * DAY })),
    instantArbitrary,
    fc.boolean(),
  )
  .map(([policy, subscription, boundaryIndex, offset, randomInstant, nearBoundary]) => {
    const lifecycle = expectedLifecycle(policy, subscription.expirationDate, subscription.extension?.endsOn);
    const boundary = lifecycle.phases[1 + (boundaryIndex % (lifecycle.phases.length - 1))]?.from ?? 0;
    return { policy, subscription, lifecycle, now: nearBoundary ? boundary + offset : randomInstant };
  });

function phaseAt(subscription: Subscription, instant: number, policy: Policy): ExpiryStatus['phase'] {
  return getExpiryStatus(subscription, instant, policy).phase;
}

/** Every object reachable from `value`, Dates included, is frozen (R-PURE-2). */
function isDeeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeeplyFrozen);
}

describe('getExpiryStatus (properties)', () => {
  it('R-ST-1 maps every instant to exactly the phase SPEC §2 gives it, for random valid policies in random zones', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ policy, subscription, lifecycle, now }) => {
        const status = getExpiryStatus(subscription, now, policy);
        expect(status.phase).toBe(expectedPhaseAt(lifecycle, now));
        expect(status.expiresAt.getTime()).toBe(lifecycle.expiresAt);
        expect(status.expirationDate).toBe(subscription.extension?.endsOn ?? subscription.expirationDate);
        expect(status.originalExpirationDate).toBe(subscription.expirationDate);
        expect(status.access).toBe(
          { active: 'full', 'renewal-due': 'full', extended: 'full', expired: 'read-only', deleted: 'none', unrecoverable: 'none' }[
            status.phase
          ],
        );
      }),
      { numRuns: 200 },
    );
  });

  it('R-TZ-5 counts daysUntilExpiry / daysPastExpiry in calendar days of the policy zone', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ policy, subscription, now }) => {
        const status = getExpiryStatus(subscription, now, policy);
        const days = daysBetween(status.expirationDate, localDate(policy.timeZone, now));
        if ('daysPastExpiry' in status) {
          expect(now).toBeGreaterThanOrEqual(status.expiresAt.getTime());
          expect(status.daysPastExpiry).toBe(days);
        } else {
          expect(now).toBeLessThan(status.expiresAt.getTime());
          // Never below 0: only a zone that skipped the whole expiration day could make it so.
          expect(status.daysUntilExpiry).toBe(Math.max(0, -days));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('R-ST-1 phases only move forward as time moves forward', () => {
    fc.assert(
      fc.property(caseArbitrary, fc.integer({ min: 0, max: 400 * DAY }), ({ policy, subscription, now }, later) => {
        const first = PHASE_ORDER.indexOf(phaseAt(subscription, now, policy));
        const second = PHASE_ORDER.indexOf(phaseAt(subscription, now + later, policy));
        expect(second).toBeGreaterThanOrEqual(first);
      }),
      { numRuns: 200 },
    );
  });

  it('R-ST-3 next.at is exactly the first instant at which the phase changes (checked 1 ms before and at it)', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ policy, subscription, now }) => {
        const status = getExpiryStatus(subscription, now, policy);
        if (status.phase === 'unrecoverable') {
          expect('next' in status).toBe(false);
          return;
        }
        const at = status.next.at.getTime();
        expect(at).toBeGreaterThan(now);
        expect(status.next.phase).not.toBe(status.phase);
        expect(phaseAt(subscription, at - 1, policy)).toBe(status.phase);
        expect(phaseAt(subscription, at, policy)).toBe(status.next.phase);
      }),
      { numRuns: 200 },
    );
  });

  it('R-ST-2 an extension changes nothing before the original expiry and is `extended` until the effective expiry', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ policy, subscription, now, lifecycle }) => {
        if (subscription.extension === undefined) return;
        const plain = { expirationDate: subscription.expirationDate };
        const phase = phaseAt(subscription, now, policy);
        if (now < lifecycle.originalExpiresAt) expect(phase).toBe(phaseAt(plain, now, policy));
        else if (now < lifecycle.expiresAt) expect(phase).toBe('extended');
        else expect(['expired', 'deleted', 'unrecoverable']).toContain(phase);
      }),
      { numRuns: 200 },
    );
  });

  it('R-PURE-3 gives the same status whatever the host TZ', () => {
    fc.assert(
      fc.property(zoneArbitrary, zoneArbitrary, subscriptionArbitrary, instantArbitrary, (host, zone, subscription, now) => {
        const expected = getExpiryStatus(subscription, now, definePolicy({ timeZone: zone }));
        const underHost = withHostTimeZone(host, () => {
          forgetZoneTables();
          // A fresh policy object: nothing compiled under another host zone is reused.
          return getExpiryStatus(subscription, now, definePolicy({ timeZone: zone }));
        });
        expect(underHost).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('R-IN-4 getExpiryStatus, getCapabilities and getTimeline return deeply frozen results or throw only the library errors, for any input at all', () => {
    const maybe = fc.oneof(anyValue, fc.constant(undefined));
    const subscription = fc.oneof(
      anyValue,
      maybe.map((expirationDate) => ({ expirationDate })),
      maybe.map((endsOn) => ({ expirationDate: '2026-03-08', extension: { endsOn } })),
      maybe.map((paymentMethod) => ({ expirationDate: '2026-03-08', paymentMethod })),
      maybe.map((recipientTimeZone) => ({ expirationDate: '2026-03-08', recipientTimeZone })),
    );
    const now = fc.oneof(anyValue, fc.constant('2026-03-09T03:59:59Z'));
    const role = fc.oneof(anyValue, fc.constant('owner'));
    const policy = fc.oneof(fc.constant(undefined), anyValue);
    fc.assert(
      fc.property(subscription, now, role, policy, (s, n, r, p) => {
        for (const run of [
          () => getExpiryStatus(s as never, n as never, p as never),
          () => getCapabilities(s as never, n as never, r as never, p as never),
          () => getTimeline(s as never, p as never),
        ]) {
          try {
            expect(isDeeplyFrozen(run())).toBe(true);
          } catch (error) {
            expect(isLibraryError(error)).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
