import { describe, expect, it } from 'vitest';
import { defaultPolicy, definePolicy, getTimeline, quoteReactivationFee, type FeeQuote, type PolicyOverrides } from '../../src/index.js';
import { sameTerms } from '../../src/policy/feeTerms.js';
import { policyErrorOf } from '../support/errors.js';

const usd = (amount: string) => ({ amount, currency: 'USD' });
const march31 = (invoiceAmount: string) => ({ expirationDate: '2026-03-31', invoiceAmount });
const DAY_2 = '2026-04-02T12:00:00-04:00';
const DAY_9 = '2026-04-09T12:00:00-04:00';
const DAY_45 = '2026-05-15T12:00:00-04:00';

function priced(quote: FeeQuote): Extract<FeeQuote, { kind: 'reactivation' | 'recovery' }> {
  if (quote.kind !== 'reactivation' && quote.kind !== 'recovery') throw new Error(`expected a priced quote, got ${quote.kind}`);
  return quote;
}

const fees = (overrides: NonNullable<PolicyOverrides['fees']>) => definePolicy({ fees: overrides });
const SEED_TIERS = defaultPolicy.fees.reactivationTiers;

describe('quoteReactivationFee with caps', () => {
  it('R-FEE-6 the default policy has no caps: every priced quote says capApplied false and has no cap', () => {
    expect(SEED_TIERS.every((tier) => tier.maximum === undefined && tier.maximumRate === undefined)).toBe(true);
    for (const now of [DAY_2, DAY_9, DAY_45]) {
      const quote = priced(quoteReactivationFee(march31('300.00'), now));
      expect(quote.capApplied).toBe(false);
      expect('cap' in quote).toBe(false);
    }
  });

  it('R-FEE-6 a maximum caps a reactivation tier, and the cap wins over the minimum', () => {
    const policy = fees({
      reactivationTiers: [
        { fromDay: 0, rate: '0.10', minimum: '25.00', maximum: '25.00' },
        { fromDay: 7, rate: '0.15', minimum: '50.00', maximum: '60.00' },
      ],
      recovery: { rate: '0.15', minimum: '50.00', dailyRate: '4.00', maximum: '200.00' },
    });
    const day2 = priced(quoteReactivationFee(march31('300.00'), DAY_2, policy));
    expect([day2.fee, day2.cap, day2.capApplied, day2.total]).toEqual([usd('25.00'), usd('25.00'), true, usd('325.00')]);
    const day9 = priced(quoteReactivationFee(march31('1000.00'), DAY_9, policy));
    expect([day9.percentageFee, day9.fee, day9.cap, day9.capApplied]).toEqual([usd('150.00'), usd('60.00'), usd('60.00'), true]);
    // Below the cap the cap is shown but not applied.
    const small = priced(quoteReactivationFee(march31('100.00'), DAY_9, policy));
    expect([small.fee, small.minimumApplied, small.cap, small.capApplied]).toEqual([usd('50.00'), true, usd('60.00'), false]);
  });

  it('R-FEE-6 maximumRate caps at a share of the invoice, rounded as the policy rounds, and wins over the minimum', () => {
    const policy = definePolicy({
      rounding: 'down',
      fees: {
        reactivationTiers: [{ fromDay: 0, rate: '0.10', minimum: '25.00', maximumRate: '0.2' }],
        recovery: { rate: '0.15', minimum: '50.00', dailyRate: '4.00', maximumRate: '0.5' },
      },
    });
    // 20 % of $99.99 is $19.998, rounded down to $19.99: below the $25 minimum, and it wins.
    const quote = priced(quoteReactivationFee(march31('99.99'), DAY_2, policy));
    expect([quote.minimumApplied, quote.cap, quote.capApplied, quote.fee]).toEqual([true, usd('19.99'), true, usd('19.99')]);
  });

  it('R-FEE-6 with both, the lower cap applies', () => {
    const tiers = (maximum: string, maximumRate: string) => [{ fromDay: 0, rate: '0.5', minimum: '0.00', maximum, maximumRate }];
    const recovery = { rate: '0.5', minimum: '0.00', dailyRate: '0.00' };
    const byAmount = priced(quoteReactivationFee(march31('300.00'), DAY_2, fees({ reactivationTiers: tiers('40.00', '0.2'), recovery })));
    expect(byAmount.cap).toEqual(usd('40.00')); // 20 % is $60
    const byRate = priced(quoteReactivationFee(march31('300.00'), DAY_2, fees({ reactivationTiers: tiers('80.00', '0.2'), recovery })));
    expect(byRate.cap).toEqual(usd('60.00'));
  });

  it('R-FEE-6 R-FEE-4 a recovery cap caps the whole fee, daily charge included, and the fee then stops rising', () => {
    // A recovery cap needs capped tiers before it (an uncapped tier could charge more).
    const tiers = SEED_TIERS.map((tier) => ({ ...tier, maximum: '150.00' }));
    const policy = fees({ reactivationTiers: tiers, recovery: { ...defaultPolicy.fees.recovery, maximum: '200.00' } });
    const quote = priced(quoteReactivationFee(march31('300.00'), DAY_45, policy));
    if (quote.kind !== 'recovery') throw new Error('expected recovery');
    expect([quote.dailyCharge, quote.cap, quote.capApplied, quote.fee, quote.total]).toEqual([
      usd('180.00'),
      usd('200.00'),
      true,
      usd('200.00'),
      usd('500.00'),
    ]);
    expect(quote.nextIncrease).toBeUndefined();
    // Day 37: $50 + $148 = $198, below the cap; it rises once more, to the cap.
    const day37 = priced(quoteReactivationFee(march31('300.00'), '2026-05-07T12:00:00-04:00', policy));
    expect([day37.fee, day37.capApplied, day37.nextIncrease]).toEqual([usd('198.00'), false, new Date('2026-05-08T04:00:00Z')]);
    const day38 = priced(quoteReactivationFee(march31('300.00'), '2026-05-08T00:00:00-04:00', policy));
    expect([day38.fee, day38.capApplied, day38.nextIncrease]).toEqual([usd('200.00'), true, undefined]);
  });

  it('R-FEE-6 the results stay frozen and carry cap as Money', () => {
    const policy = fees({
      reactivationTiers: [{ fromDay: 0, rate: '0.10', minimum: '25.00', maximum: '30.00' }],
      recovery: { ...defaultPolicy.fees.recovery, maximum: '50.00' },
    });
    const quote = priced(quoteReactivationFee(march31('900.00'), DAY_2, policy));
    expect(Object.isFrozen(quote)).toBe(true);
    expect(Object.isFrozen(quote.cap)).toBe(true);
  });

  it('R-TL-1 R-FEE-6 a tier that only raises the cap is still a fee increase in the timeline', () => {
    const policy = fees({
      reactivationTiers: [
        { fromDay: 0, rate: '0.10', minimum: '25.00', maximum: '30.00' },
        { fromDay: 7, rate: '0.10', minimum: '25.00', maximum: '60.00' },
      ],
      recovery: { rate: '0.15', minimum: '50.00', dailyRate: '4.00', maximum: '200.00' },
    });
    const increases = getTimeline({ expirationDate: '2026-03-31' }, policy).filter((event) => event.event === 'reactivation-fee-increase');
    expect(increases.map((event) => event.date)).toEqual(['2026-04-07']);
  });
});

describe('sameTerms', () => {
  it('R-TL-1 R-FEE-6 terms are the same only when rate, minimum and both caps are (an absent cap equals only an absent one)', () => {
    const terms = (maximum?: string, maximumRate?: string) => ({
      rate: '0.1',
      minimum: '25',
      ...(maximum === undefined ? {} : { maximum }),
      ...(maximumRate === undefined ? {} : { maximumRate }),
    });
    expect(sameTerms(terms(), terms())).toBe(true);
    expect(sameTerms(terms('100', '0.5'), terms('100.00', '0.50'))).toBe(true);
    expect(sameTerms(terms('100'), terms())).toBe(false);
    expect(sameTerms(terms(), terms('100'))).toBe(false);
    expect(sameTerms(terms('100'), terms('101'))).toBe(false);
    expect(sameTerms(terms(undefined, '0.5'), terms(undefined, '0.6'))).toBe(false);
  });
});

describe('definePolicy with caps', () => {
  const recovery = { rate: '0.15', minimum: '50.00', dailyRate: '4.00' };

  it("R-FEE-6 R-POL-1 rejects a maximum below its tier's minimum", () => {
    const error = policyErrorOf(() => fees({ reactivationTiers: [{ fromDay: 0, rate: '0.1', minimum: '25.00', maximum: '24.99' }] }));
    expect([error.code, error.path]).toEqual(['invalid-amount', 'policy.fees.reactivationTiers[0].maximum']);
    expect(error.message).toContain('the maximum 24.99 is below the minimum 25.00');
    const onRecovery = policyErrorOf(() => fees({ recovery: { ...recovery, maximum: '49.00' } }));
    expect(onRecovery.path).toBe('policy.fees.recovery.maximum');
  });

  it('R-FEE-6 R-FEE-5 rejects caps that would let a fee fall as days pass', () => {
    const cases: [NonNullable<PolicyOverrides['fees']>, string][] = [
      // A cap after an uncapped tier: a large invoice would pay less on day 7.
      [
        {
          reactivationTiers: [
            { fromDay: 0, rate: '0.1', minimum: '25.00' },
            { fromDay: 7, rate: '0.15', minimum: '50.00', maximum: '100.00' },
          ],
        },
        'policy.fees.reactivationTiers[1].maximum',
      ],
      // A lower cap later.
      [
        {
          reactivationTiers: [
            { fromDay: 0, rate: '0.1', minimum: '25.00', maximum: '100.00' },
            { fromDay: 7, rate: '0.15', minimum: '50.00', maximum: '90.00' },
          ],
          recovery: { ...recovery, maximum: '100.00' },
        },
        'policy.fees.reactivationTiers[1].maximum',
      ],
      [
        {
          reactivationTiers: [
            { fromDay: 0, rate: '0.1', minimum: '25.00', maximumRate: '0.3' },
            { fromDay: 7, rate: '0.15', minimum: '50.00', maximumRate: '0.2' },
          ],
        },
        'policy.fees.reactivationTiers[1].maximumRate',
      ],
      // A rate cap where the tier before had none: a small invoice would pay less than its minimum.
      [
        {
          reactivationTiers: [
            { fromDay: 0, rate: '0.1', minimum: '25.00', maximum: '100.00' },
            { fromDay: 7, rate: '0.15', minimum: '50.00', maximum: '100.00', maximumRate: '0.5' },
          ],
        },
        'policy.fees.reactivationTiers[1].maximumRate',
      ],
      // Recovery capped below, or after, the last tier.
      [
        {
          reactivationTiers: [{ fromDay: 0, rate: '0.1', minimum: '25.00', maximum: '100.00' }],
          recovery: { ...recovery, maximum: '90.00' },
        },
        'policy.fees.recovery.maximum',
      ],
      [{ reactivationTiers: SEED_TIERS, recovery: { ...recovery, maximumRate: '0.5' } }, 'policy.fees.recovery.maximumRate'],
    ];
    for (const [overrides, path] of cases) {
      const error = policyErrorOf(() => fees(overrides));
      expect({ code: error.code, path: error.path }, path).toEqual({ code: 'invalid-tiers', path });
      expect(error.message).toMatch(/the fee would fall as days pass/);
    }
  });

  it('R-FEE-6 R-POL-1 accepts caps that only rise, and an uncapped recovery after capped tiers', () => {
    const policy = fees({
      reactivationTiers: [
        { fromDay: 0, rate: '0.1', minimum: '25', maximum: '100', maximumRate: '0.25' },
        { fromDay: 7, rate: '0.15', minimum: '50', maximum: '100', maximumRate: '0.5' },
      ],
      recovery,
    });
    expect(policy.fees.reactivationTiers[0]).toEqual({ fromDay: 0, rate: '0.1', minimum: '25.00', maximum: '100.00', maximumRate: '0.25' });
    expect(policy.fees.recovery).toEqual(recovery);
    expect(policyErrorOf(() => fees({ recovery: { ...recovery, maximumRate: '-0.1' } })).code).toBe('invalid-number');
    expect(policyErrorOf(() => fees({ recovery: { ...recovery, maximum: 'lots' } })).code).toBe('invalid-number');
    const hostile = Object.defineProperty({ ...recovery }, 'maximum', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const unreadable = policyErrorOf(() => fees({ recovery: hostile }));
    expect([unreadable.code, unreadable.path]).toEqual(['unreadable', 'policy.fees.recovery.maximum']);
    // A hand-made policy is checked by definePolicy, getters and all; a function refuses it unchecked.
    const handMade = JSON.parse(JSON.stringify(defaultPolicy)) as { fees: { recovery: object } };
    handMade.fees.recovery = hostile;
    const defined = policyErrorOf(() => definePolicy(handMade as never));
    expect([defined.code, defined.path]).toEqual(['unreadable', 'policy.fees.recovery.maximum']);
    const atCall = policyErrorOf(() => quoteReactivationFee(march31('300.00'), DAY_2, handMade as never));
    expect([atCall.code, atCall.path]).toEqual(['not-defined', 'policy']);
  });
});
