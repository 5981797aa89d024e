import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { isLibraryError } from '../../src/errors.js';
import { findOrderId } from '../../src/extensions/findOrderId.js';
import { checkExtensionEligibility } from '../../src/extensions/checkExtensionEligibility.js';
import type { ExtensionDecision, ExtensionRequest } from '../../src/extensions/types.js';
import { getExpiryStatus } from '../../src/lifecycle/getExpiryStatus.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import type { Policy } from '../../src/policy/types.js';
import { anyValue } from '../support/hostile.js';
import { calendarDateArbitrary } from '../support/arbitraries.js';
import { addDays, expectedLifecycle, localDate, localInstant } from '../lifecycle/oracle.js';
import { policyArbitrary } from '../support/policies.js';

const DAY = 86_400_000;
const ALPHANUMERIC = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'];

/** A well-formed order id for a policy (never the all-X placeholder), in random case. */
function orderIdArbitrary(policy: Policy): fc.Arbitrary<string> {
  const { groups, separator } = policy.extensions.orderId;
  return fc
    .tuple(
      ...groups.map((length) =>
        fc.array(fc.constantFrom(...ALPHANUMERIC), { minLength: length, maxLength: length }).map((chars) => chars.join('')),
      ),
    )
    .map((parts) => parts.join(separator))
    .map((id) => (/^[xX]+$/.test(id.split(separator).join('')) ? `A${id.slice(1)}` : id));
}

/** Where a subscription's extension window opens and closes, on the Temporal oracle (R-EXT-2). */
function windowOf(policy: Policy, expirationDate: string): { opensAt: number; closesAt: number } {
  const opensAt = localInstant(policy.timeZone, addDays(expirationDate, -policy.extensions.requestDaysBefore));
  return { opensAt, closesAt: expectedLifecycle(policy, expirationDate).deletedAt };
}

/** A policy, a subscription and a well-formed order id. */
const setupArbitrary = fc
  .tuple(fc.oneof(fc.constant(defaultPolicy), policyArbitrary), calendarDateArbitrary)
  .chain(([policy, expirationDate]) => fc.tuple(fc.constant(policy), fc.constant(expirationDate), orderIdArbitrary(policy)))
  .map(([policy, expirationDate, orderId]) => ({
    policy,
    subscription: { expirationDate },
    orderId,
    window: windowOf(policy, expirationDate),
  }));

/** An instant inside the window, at a random fraction of it, or at its very first or last millisecond. */
const fractionArbitrary = fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true }));
const inWindow = (window: { opensAt: number; closesAt: number }, fraction: number) =>
  Math.min(window.closesAt - 1, window.opensAt + Math.floor(fraction * (window.closesAt - window.opensAt)));

/** Random letter case, character by character. */
const recase = (text: string, mask: readonly boolean[]) =>
  [...text].map((char, index) => (mask[index % Math.max(1, mask.length)] ? char.toLowerCase() : char.toUpperCase())).join('');

type Timing = 'too-early' | 'in-time' | 'data-deleted';
function timingOf(decision: ExtensionDecision): Timing {
  if (decision.eligible) return 'in-time';
  const codes = decision.reasons.map((reason) => reason.code);
  return codes.includes('too-early') ? 'too-early' : codes.includes('data-deleted') ? 'data-deleted' : 'in-time';
}

/** Every object reachable from `value`, Dates included, is frozen (R-PURE-2). */
function isDeeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeeplyFrozen);
}

describe('checkExtensionEligibility (properties)', () => {
  it('R-EXT-1 a request that passes stays eligible, with the same answer, when only its order id letter case changes', () => {
    fc.assert(
      fc.property(
        setupArbitrary,
        fractionArbitrary,
        fc.array(fc.boolean(), { minLength: 1, maxLength: 16 }),
        ({ policy, subscription, orderId, window }, fraction, mask) => {
          const requestedAt = inWindow(window, fraction);
          const decision = checkExtensionEligibility({ orderId, requestedAt, subscription }, policy);
          expect(decision.eligible).toBe(true);
          const recased = checkExtensionEligibility({ orderId: recase(orderId, mask), requestedAt, subscription }, policy);
          expect(recased).toEqual(decision);
          if (recased.eligible) expect(recased.orderId).toBe(orderId.toUpperCase());
        },
      ),
      { numRuns: 200 },
    );
  });

  it('R-EXT-2 moving a request later never turns too-early into data-deleted without passing through an eligible window', () => {
    const spread = fc.integer({ min: -60 * DAY, max: 60 * DAY });
    fc.assert(
      fc.property(setupArbitrary, spread, spread, ({ policy, subscription, orderId, window }, a, b) => {
        // Two instants, the first around the window's opening, the second no earlier and around its close.
        const earlier = window.opensAt + a;
        const later = Math.max(earlier, window.closesAt + b);
        const request = (requestedAt: number): ExtensionRequest => ({ orderId, requestedAt, subscription });
        const first = checkExtensionEligibility(request(earlier), policy);
        const second = checkExtensionEligibility(request(later), policy);
        const order: Timing[] = ['too-early', 'in-time', 'data-deleted'];
        // Timing only moves forward.
        expect(order.indexOf(timingOf(second))).toBeGreaterThanOrEqual(order.indexOf(timingOf(first)));
        if (first.eligible || second.eligible || timingOf(first) !== 'too-early' || timingOf(second) !== 'data-deleted') return;
        const tooEarly = first.reasons.find((reason) => reason.code === 'too-early');
        const deleted = second.reasons.find((reason) => reason.code === 'data-deleted');
        if (tooEarly?.code !== 'too-early' || deleted?.code !== 'data-deleted') throw new Error('unreachable');
        const opens = tooEarly.eligibleFrom.getTime();
        const closes = deleted.deletedAt.getTime();
        expect(opens).toBe(window.opensAt);
        expect(closes).toBe(window.closesAt);
        expect(earlier).toBeLessThan(opens);
        expect(opens).toBeLessThan(closes);
        expect(closes).toBeLessThanOrEqual(later);
        // In between, at both ends of the window, the same request is granted.
        expect(checkExtensionEligibility(request(opens), policy).eligible).toBe(true);
        expect(checkExtensionEligibility(request(closes - 1), policy).eligible).toBe(true);
        expect(timingOf(checkExtensionEligibility(request(opens - 1), policy))).toBe('too-early');
      }),
      { numRuns: 200 },
    );
  });

  it('R-EXT-3 granting and then re-checking the same request within the cooldown always refuses, until the cooldown ends', () => {
    fc.assert(
      fc.property(
        setupArbitrary,
        fractionArbitrary,
        fc.double({ min: 0, max: 1, noNaN: true }),
        ({ policy, subscription, orderId, window }, fraction, later) => {
          const requestedAt = inWindow(window, fraction);
          const granted = checkExtensionEligibility({ orderId, requestedAt, subscription }, policy);
          if (!granted.eligible) throw new Error('a request inside the window with a valid id and no history is granted');
          const { cooldownDays } = policy.extensions;
          // The cooldown ends at the local start of the request's local date + cooldownDays (Temporal oracle).
          const retryDate = localDate(policy.timeZone, requestedAt).add({ days: cooldownDays });
          const retryAfter = localInstant(policy.timeZone, retryDate);
          const extended = { ...subscription, extension: granted.extension };
          const previousRequests = [requestedAt];
          const recheckAt = requestedAt + Math.floor(later * Math.max(0, retryAfter - requestedAt - 1));
          const again = checkExtensionEligibility({ orderId, requestedAt: recheckAt, subscription: extended, previousRequests }, policy);
          if (cooldownDays === 0) {
            // No cooldown: the history never blocks.
            expect(!again.eligible && again.reasons.some((reason) => reason.code === 'recent-request')).toBe(false);
            return;
          }
          expect(again.eligible).toBe(false);
          if (again.eligible) return;
          const recent = again.reasons.find((reason) => reason.code === 'recent-request');
          expect(recent).toMatchObject({
            code: 'recent-request',
            retryAfter: new Date(retryAfter),
            retryAfterDate: retryDate.toString(),
            previousRequestAt: new Date(requestedAt),
          });
          // The same request, exactly as granted, is refused too.
          expect(checkExtensionEligibility({ orderId, requestedAt, subscription, previousRequests }, policy).eligible).toBe(false);
          // From the end of the cooldown on, the history no longer blocks.
          const after = checkExtensionEligibility({ orderId, requestedAt: retryAfter, subscription: extended, previousRequests }, policy);
          expect(!after.eligible && after.reasons.some((reason) => reason.code === 'recent-request')).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('R-EXT-5 / R-ST-2 a grant lasts durationDays from the later of the request date and expiration, and moves the status when passed back', () => {
    fc.assert(
      fc.property(setupArbitrary, fractionArbitrary, ({ policy, subscription, orderId, window }, fraction) => {
        const requestedAt = inWindow(window, fraction);
        const decision = checkExtensionEligibility({ orderId, requestedAt, subscription }, policy);
        if (!decision.eligible) throw new Error('expected a grant');
        const requestDate = localDate(policy.timeZone, requestedAt);
        const expiration = Temporal.PlainDate.from(subscription.expirationDate);
        const from = Temporal.PlainDate.compare(requestDate, expiration) > 0 ? requestDate : expiration;
        const endsOn = from.add({ days: policy.extensions.durationDays }).toString();
        expect(decision.extension.endsOn).toBe(endsOn);
        expect(decision.extension.endsAt.getTime()).toBe(localInstant(policy.timeZone, endsOn, policy.expiryTime));
        const extended = { ...subscription, extension: decision.extension };
        const status = getExpiryStatus(extended, requestedAt, policy);
        expect(status).toMatchObject({
          expirationDate: endsOn,
          originalExpirationDate: subscription.expirationDate,
          extended: true,
          expiresAt: decision.extension.endsAt,
        });
        expect(['active', 'renewal-due', 'extended']).toContain(status.phase);
        expect(getExpiryStatus(extended, decision.extension.endsAt, policy).phase).toBe('expired');
      }),
      { numRuns: 200 },
    );
  });

  it('R-IN-4 checkExtensionEligibility and findOrderId return deeply frozen results or throw only the library errors, for any input at all', () => {
    const maybe = fc.oneof(anyValue, fc.constant(undefined));
    const subscription = fc.oneof(anyValue, fc.constant({ expirationDate: '2026-03-08' }));
    const request = fc.oneof(
      anyValue,
      fc.record({
        orderId: fc.oneof(maybe, fc.constant('ABC-123-45678')),
        requestedAt: fc.oneof(anyValue, fc.constant('2026-03-10T15:00:00Z')),
        subscription,
        previousRequests: fc.oneof(
          maybe,
          fc.array(anyValue, { maxLength: 3 }),
          fc.array(
            anyValue.map((requestedAt) => ({ requestedAt })),
            { maxLength: 3 },
          ),
        ),
      }),
    );
    const policy = fc.oneof(fc.constant(undefined), anyValue);
    fc.assert(
      fc.property(request, anyValue, policy, (r, text, p) => {
        for (const run of [() => checkExtensionEligibility(r as never, p as never), () => findOrderId(text as never, p as never)]) {
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
