import { describe, expect, it } from 'vitest';
import { quoteReactivationFee } from '../../src/fees/quoteReactivationFee.js';
import { definePolicy } from '../../src/policy/definePolicy.js';
import { inputErrorOf } from '../support/errors.js';

describe('quoteReactivationFee (edges)', () => {
  it('R-FEE-5 R-IN-4 asks for a missing invoice amount in the policy currency, with an example in its digits (JPY "300", USD "300.00")', () => {
    const yen = definePolicy({
      currency: 'JPY',
      fees: { reactivationTiers: [{ fromDay: 0, rate: '0.1', minimum: '2500' }], recovery: { rate: '0.15', minimum: '5000', dailyRate: '400' } },
    });
    const subscription = { expirationDate: '2026-03-08' };
    const inYen = inputErrorOf(() => quoteReactivationFee(subscription, '2026-03-10T12:00:00Z', yen));
    expect({ code: inYen.code, path: inYen.path }).toEqual({ code: 'missing', path: 'subscription.invoiceAmount' });
    expect(inYen.message).toContain('to quote a reactivation fee (2 days past expiry); pass it in JPY, such as "300"');
    const inDollars = inputErrorOf(() => quoteReactivationFee(subscription, '2026-03-30T12:00:00Z'));
    expect(inDollars.message).toContain('to quote a recovery fee (22 days past expiry); pass it in USD, such as "300.00"');
  });
});
