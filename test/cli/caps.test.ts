import { describe, expect, it } from 'vitest';
import { quoteLines } from '../../src/cli/commands.js';
import { defaultPolicy, definePolicy, quoteReactivationFee } from '../../src/index.js';

describe('subscription-expiry quote (working with caps)', () => {
  it('R-FEE-6 shows the cap, and whether it applied, only when the tier has one', () => {
    const capped = definePolicy({
      fees: {
        reactivationTiers: defaultPolicy.fees.reactivationTiers.map((tier) => ({ ...tier, maximum: '150.00' })),
        recovery: { ...defaultPolicy.fees.recovery, maximum: '200.00' },
      },
    });
    const subscription = { expirationDate: '2026-03-31', invoiceAmount: '300.00' };
    const lines = new Map(quoteLines(quoteReactivationFee(subscription, '2026-05-15T12:00:00-04:00', capped), 'en-US'));
    expect([lines.get('cap'), lines.get('fee')]).toEqual(['$200.00 (applied)', '$200.00']);
    const early = new Map(quoteLines(quoteReactivationFee(subscription, '2026-04-02T12:00:00-04:00', capped), 'en-US'));
    expect(early.get('cap')).toBe('$150.00');
    const uncapped = new Map(quoteLines(quoteReactivationFee(subscription, '2026-05-15T12:00:00-04:00'), 'en-US'));
    expect(uncapped.has('cap')).toBe(false);
  });
});
