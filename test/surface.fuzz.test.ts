import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as library from '../src/index.js';
import { anyValue } from './support/hostile.js';
import { calendarDateArbitrary, instantArbitrary, zoneArbitrary } from './support/arbitraries.js';

/**
 * R-IN-4, R-PURE-1, R-PURE-2 over the whole public surface: every exported function,
 * called with arbitrary values and near-valid shapes, returns a deeply frozen result
 * or throws one of the two library errors, and leaves its arguments as they were.
 * `npm run fuzz` runs it with many more runs (FUZZ_RUNS).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

const nearInstant = fc.oneof(
  instantArbitrary,
  instantArbitrary.map((t) => new Date(t)),
  instantArbitrary.map((t) => new Date(t).toISOString()),
  anyValue,
);
const nearDate = fc.oneof(calendarDateArbitrary, fc.constantFrom('2026-02-30', '2026-3-8', ''), anyValue);
const nearAmount = fc.oneof(
  fc.integer({ min: 0, max: 10_000_000_00 }).map((c) => (c / 100).toFixed(2)),
  fc.double(),
  anyValue,
);
const nearSubscription = fc.oneof(
  fc.record(
    {
      id: fc.oneof(fc.string({ minLength: 1 }), anyValue),
      expirationDate: nearDate,
      invoiceAmount: nearAmount,
      extension: fc.oneof(fc.record({ endsOn: nearDate }), anyValue),
      paymentMethod: fc.oneof(fc.constantFrom('card', 'bank-transfer'), anyValue),
      recipientTimeZone: fc.oneof(zoneArbitrary, anyValue),
    },
    { requiredKeys: ['expirationDate'] },
  ),
  anyValue,
);
const nearPolicy = fc.oneof(fc.constant(undefined), fc.constant(library.defaultPolicy), anyValue);
const nearOrderId = fc.oneof(fc.constantFrom('ABC-123-45678', 'abc-123-4567'), fc.string(), anyValue);
const nearRequest = fc.oneof(
  fc.record(
    {
      orderId: nearOrderId,
      requestedAt: nearInstant,
      subscription: nearSubscription,
      previousRequests: fc.oneof(fc.array(nearInstant, { maxLength: 3 }), anyValue),
    },
    { requiredKeys: [] },
  ),
  anyValue,
);

/** The calls of the surface, each with its arbitrary arguments. */
const CALLS: [name: string, args: fc.Arbitrary<unknown[]>, call: (...args: never[]) => unknown][] = [
  ['getExpiryStatus', fc.tuple(nearSubscription, nearInstant, nearPolicy), library.getExpiryStatus],
  [
    'getCapabilities',
    fc.tuple(nearSubscription, nearInstant, fc.oneof(fc.constantFrom('owner', 'administrator', 'agent'), anyValue), nearPolicy),
    library.getCapabilities,
  ],
  ['getTimeline', fc.tuple(nearSubscription, nearPolicy), library.getTimeline],
  ['getReminderSchedule', fc.tuple(nearSubscription, nearPolicy), library.getReminderSchedule],
  [
    'getRemindersDue',
    fc.tuple(nearSubscription, fc.oneof(fc.record({ from: nearInstant, to: nearInstant }), anyValue), nearPolicy),
    library.getRemindersDue,
  ],
  ['quoteReactivationFee', fc.tuple(nearSubscription, nearInstant, nearPolicy), library.quoteReactivationFee],
  ['checkExtensionEligibility', fc.tuple(nearRequest, nearPolicy), library.checkExtensionEligibility],
  [
    'findOrderId',
    fc.tuple(
      fc.oneof(
        fc.string(),
        fc.string().map((s) => `order ABC-123-45678 ${s}`),
        anyValue,
      ),
    ),
    library.findOrderId,
  ],
  [
    'formatMoney',
    fc.tuple(
      fc.oneof(fc.record({ amount: nearAmount, currency: fc.constantFrom('USD', 'EUR', 'JPY', 'usd') }), anyValue),
      fc.oneof(fc.constantFrom('en-US', 'de-DE'), anyValue),
    ),
    library.formatMoney,
  ],
  ['definePolicy', fc.tuple(anyValue), library.definePolicy],
];

function isDeeplyFrozen(value: unknown, seen = new Set<unknown>()): boolean {
  if (typeof value !== 'object' || value === null || seen.has(value)) return true;
  seen.add(value);
  if (!Object.isFrozen(value)) return false;
  return Object.values(value).every((child) => isDeeplyFrozen(child, seen));
}

/** A structural snapshot that never throws, for checking arguments are unchanged. */
function snapshot(value: unknown): string {
  try {
    return fc.stringify(value);
  } catch {
    return '<unprintable>';
  }
}

describe('the public surface (fuzz)', () => {
  for (const [name, args, call] of CALLS) {
    it(`R-IN-4 ${name} returns a frozen result or throws a library error, and leaves its arguments alone (R-PURE-1, R-PURE-2)`, () => {
      fc.assert(
        fc.property(args, (values) => {
          const before = values.map(snapshot);
          try {
            const result = (call as (...a: unknown[]) => unknown)(...values);
            expect(isDeeplyFrozen(result)).toBe(true);
          } catch (error) {
            expect(error instanceof library.ExpiryInputError || error instanceof library.PolicyError).toBe(true);
            const { code, path } = error as library.ExpiryInputError;
            expect(typeof code === 'string' && typeof path === 'string').toBe(true);
          }
          expect(values.map(snapshot)).toEqual(before);
        }),
        { numRuns: RUNS },
      );
    });
  }
});
