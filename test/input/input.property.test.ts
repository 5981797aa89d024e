import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ExpiryInputError, PolicyError } from '../../src/errors.js';
import { parseCalendarDate } from '../../src/input/calendarDate.js';
import { parseInstant } from '../../src/input/instant.js';
import { parseMoney } from '../../src/input/money.js';
import { atTheDoor } from '../../src/input/read.js';
import { parseSubscription } from '../../src/input/subscription.js';
import { definePolicy } from '../../src/policy/definePolicy.js';
import { resolvePolicy } from '../../src/policy/compile.js';
import { anyValue } from '../support/hostile.js';

function onlyLibraryErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(error instanceof ExpiryInputError || error instanceof PolicyError).toBe(true);
    const { code, path, message } = error as ExpiryInputError;
    expect(typeof code).toBe('string');
    expect(typeof path).toBe('string');
    expect(message.length).toBeGreaterThan(path.length);
  }
}

const nearSubscription = fc.record(
  {
    id: fc.oneof(fc.string(), anyValue),
    expirationDate: fc.oneof(fc.constantFrom('2026-03-08', '2026-02-30', '1899-01-01'), fc.string(), anyValue),
    invoiceAmount: fc.oneof(fc.constantFrom('300.00', 0.1 + 0.2, -5), anyValue),
    extension: fc.oneof(fc.record({ endsOn: fc.oneof(fc.constant('2026-03-15'), anyValue) }), anyValue),
    paymentMethod: anyValue,
    recipientTimeZone: fc.oneof(fc.constantFrom('Europe/Berlin', 'Nowhere/Else'), anyValue),
  },
  { requiredKeys: [] },
);

describe('the door (fuzz)', () => {
  it('R-IN-4 turns any value at all into a result or one of the two library errors', () => {
    fc.assert(
      fc.property(anyValue, nearSubscription, (value, subscription) => {
        onlyLibraryErrors(() => atTheDoor('d', () => parseCalendarDate(value, 'd')));
        onlyLibraryErrors(() => atTheDoor('now', () => parseInstant(value, 'now')));
        onlyLibraryErrors(() => atTheDoor('amount', () => parseMoney(value, 'USD', 2, 'amount')));
        onlyLibraryErrors(() => atTheDoor('subscription', () => parseSubscription(value)));
        onlyLibraryErrors(() => atTheDoor('subscription', () => parseSubscription(subscription)));
        onlyLibraryErrors(() => atTheDoor('policy', () => definePolicy(value as never)));
        onlyLibraryErrors(() => atTheDoor('policy', () => resolvePolicy(value)));
      }),
      { numRuns: 500 },
    );
  });
});
