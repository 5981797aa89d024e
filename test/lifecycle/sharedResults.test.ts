import { describe, expect, it } from 'vitest';
import { getExpiryStatus } from '../../src/lifecycle/getExpiryStatus.js';
import { quoteReactivationFee } from '../../src/fees/quoteReactivationFee.js';
import { definePolicy } from '../../src/policy/definePolicy.js';

/**
 * R-PURE-2: results are frozen, so the same inputs share one result: a batch asking about
 * many subscriptions at one instant computes each distinct answer once (docs/performance.md).
 */
describe('shared results', () => {
  const now = Date.UTC(2026, 3, 22, 16);

  it('R-PURE-2 gives the very same frozen status for the same dates and instant, and a new one when either moves', () => {
    const first = getExpiryStatus({ id: 'a', expirationDate: '2026-03-08' }, now);
    expect(getExpiryStatus({ id: 'b', expirationDate: '2026-03-08' }, new Date(now))).toBe(first);
    expect(getExpiryStatus({ expirationDate: '2026-03-08' }, now + 1)).not.toBe(first);
    expect(getExpiryStatus({ expirationDate: '2026-03-09' }, now)).not.toBe(first);
    expect(getExpiryStatus({ expirationDate: '2026-03-08', extension: { endsOn: '2026-03-09' } }, now)).not.toBe(first);
    // Asking about another instant in between does not disturb the shared answer's correctness.
    expect(getExpiryStatus({ expirationDate: '2026-03-08' }, now)).toEqual(first);
  });

  it('R-PURE-2 gives the very same quote for the same dates, instant and amount, whether the amount is a string or a number', () => {
    const first = quoteReactivationFee({ expirationDate: '2026-03-08', invoiceAmount: '300.00' }, now);
    expect(quoteReactivationFee({ expirationDate: '2026-03-08', invoiceAmount: '300.00' }, now)).toBe(first);
    expect(quoteReactivationFee({ expirationDate: '2026-03-08', invoiceAmount: 300 }, now)).toBe(quoteReactivationFee({ expirationDate: '2026-03-08', invoiceAmount: 300 }, now));
    expect(quoteReactivationFee({ expirationDate: '2026-03-08', invoiceAmount: '299.99' }, now)).not.toBe(first);
    expect(quoteReactivationFee({ expirationDate: '2026-03-08', invoiceAmount: '300.00' }, now + 86_400_000)).not.toBe(first);
  });

  it('R-POL-2 never shares a result between policies', () => {
    const berlin = definePolicy({ timeZone: 'Europe/Berlin' });
    const newYork = getExpiryStatus({ expirationDate: '2026-03-08' }, now);
    const inBerlin = getExpiryStatus({ expirationDate: '2026-03-08' }, now, berlin);
    expect(inBerlin).not.toBe(newYork);
    expect(inBerlin.expiresAt.toISOString()).toBe('2026-03-08T22:59:59.000Z');
  });
});
