import { describe, expect, it } from 'vitest';
import { quoteReactivationFee } from '../../src/fees/quoteReactivationFee.js';
import { definePolicy } from '../../src/policy/definePolicy.js';
import { inputErrorOf } from '../support/errors.js';

describe('quoteReactivationFee (edges)', () => {
  it('R-FEE-5 R-IN-4 asks for a missing invoice amount in the policy currency, with an example in its digits (JPY "300", USD "300.00")', () => {
    const yen = definePolicy({
      currency: 'JPY',
      fees: {
        reactivationTiers: [{ fromDay: 0, rate: '0.1', minimum: '2500' }],
        recovery: { rate: '0.15', minimum: '5000', dailyRate: '400' },
      },
    });
    const subscription = { expirationDate: '2026-03-08' };
    const inYen = inputErrorOf(() => quoteReactivationFee(subscription, '2026-03-10T12:00:00Z', yen));
    expect({ code: inYen.code, path: inYen.path }).toEqual({ code: 'missing', path: 'subscription.invoiceAmount' });
    expect(inYen.message).toContain('to quote a reactivation fee (2 days past expiry); pass it in JPY, such as "300"');
    const inDollars = inputErrorOf(() => quoteReactivationFee(subscription, '2026-03-30T12:00:00Z'));
    expect(inDollars.message).toContain('to quote a recovery fee (22 days past expiry); pass it in USD, such as "300.00"');
  });
});

describe('R-FEE-1 exactness at the largest amounts', () => {
  it('R-FEE-1 rounds once, at the end, even when the product has 21 significant digits', () => {
    // $848,904,265,993.35 × 9.298797 = 7,893,788,441,906.164999995 exactly: $…906.16. A
    // calculator with decimal.js's default 20 digits rounds the product to …906.16500000
    // first and then to $…906.17 (found by search; it is why the clone uses 40 digits).
    const rate = '9.298797';
    const policy = definePolicy({
      fees: { reactivationTiers: [{ fromDay: 0, rate, minimum: '25.00' }], recovery: { rate, minimum: '50.00', dailyRate: '4.00' } },
    } as never);
    const quote = quoteReactivationFee({ expirationDate: '2026-03-08', invoiceAmount: '848904265993.35' }, '2026-03-10T12:00:00Z', policy);
    expect(quote).toMatchObject({ kind: 'reactivation', fee: { amount: '7893788441906.16' } });
  });
});
