import { describe, expect, it } from 'vitest';
import { getExpiryStatus } from '../../src/lifecycle/getExpiryStatus.js';
import { quoteReactivationFee } from '../../src/fees/quoteReactivationFee.js';
import { definePolicy } from '../../src/policy/definePolicy.js';

/**
 * R-PURE-2: the same inputs give deep-equal, frozen results, computed afresh by the rule
 * each time (no cache of answers stands between a caller and the rules: docs/performance.md).
 */
describe('results of equal inputs', () => {
  const now = Date.UTC(2026, 3, 22, 16);

  it('R-PURE-2 gives deep-equal frozen statuses for the same dates and instant, and different ones when either moves', () => {
    const first = getExpiryStatus({ id: 'a', expirationDate: '2026-03-08' }, now);
    const again = getExpiryStatus({ id: 'b', expirationDate: '2026-03-08' }, new Date(now));
    expect(again).toEqual(first);
    expect(Object.isFrozen(again)).toBe(true);
    expect(getExpiryStatus({ expirationDate: '2026-03-08' }, now + 86_400_000)).not.toEqual(first);
    expect(getExpiryStatus({ expirationDate: '2026-03-09' }, now)).not.toEqual(first);
    expect(getExpiryStatus({ expirationDate: '2026-03-08', extension: { endsOn: '2026-03-09' } }, now)).not.toEqual(first);
    expect(getExpiryStatus({ expirationDate: '2026-03-08' }, now)).toEqual(first);
  });

  it('R-PURE-2 gives deep-equal quotes for the same dates, instant and amount, whether the amount is a string or a number', () => {
    const first = quoteReactivationFee({ expirationDate: '2026-03-08', invoiceAmount: '300.00' }, now);
    expect(quoteReactivationFee({ expirationDate: '2026-03-08', invoiceAmount: '300.00' }, now)).toEqual(first);
    expect(quoteReactivationFee({ expirationDate: '2026-03-08', invoiceAmount: 300 }, now)).toEqual(first);
    expect(quoteReactivationFee({ expirationDate: '2026-03-08', invoiceAmount: '299.99' }, now)).not.toEqual(first);
    expect(quoteReactivationFee({ expirationDate: '2026-03-08', invoiceAmount: '300.00' }, now + 86_400_000)).not.toEqual(first);
  });

  it('R-POL-2 answers for each policy in its own zone', () => {
    const berlin = definePolicy({ timeZone: 'Europe/Berlin' });
    const newYork = getExpiryStatus({ expirationDate: '2026-03-08' }, now);
    const inBerlin = getExpiryStatus({ expirationDate: '2026-03-08' }, now, berlin);
    expect(inBerlin).not.toEqual(newYork);
    expect(inBerlin.expiresAt.toISOString()).toBe('2026-03-08T22:59:59.000Z');
  });
});
