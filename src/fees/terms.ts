import type DecimalJs from 'decimal.js';
import { fractionDigitsOf } from '../money/currencies.js';
import { decimal, roundingOf, type Decimal } from '../money/decimal.js';
import type { CompiledPolicy } from '../policy/compile.js';
import type { FeeTermsText } from '../policy/types.js';
import { moneyOf, type Money } from '../money/money.js';
import { memoised } from '../memo.js';

/** A fee's terms as decimals, with the constant parts of the working already written (R-FEE-1, R-FEE-6). */
export interface FeeTerms {
  readonly rate: Decimal;
  /** The rate as the quote shows it, such as `"0.15"`. */
  readonly rateText: string;
  readonly minimum: Decimal;
  readonly minimumMoney: Money;
  readonly maximum: Decimal | undefined;
  readonly maximumRate: Decimal | undefined;
}

export interface TierTerms extends FeeTerms {
  readonly fromDay: number;
}

interface RecoveryTerms extends FeeTerms {
  readonly dailyRate: Decimal;
  readonly dailyRateMoney: Money;
}

/** A policy's fee terms, ready to compute with. */
export interface PolicyFees {
  readonly currency: string;
  readonly fractionDigits: number;
  readonly rounding: DecimalJs.Rounding;
  readonly tiers: readonly TierTerms[];
  readonly recovery: RecoveryTerms;
}

/** Each policy's fee terms as decimals, made on first use: constants built once per policy, never at import. */
const feesByPolicy = /* @__PURE__ */ new WeakMap<CompiledPolicy, PolicyFees>();

/** The fee terms of a compiled policy. */
export function feesOf(policy: CompiledPolicy): PolicyFees {
  return memoised(feesByPolicy, policy, buildFees);
}

function buildFees(policy: CompiledPolicy): PolicyFees {
  const { currency } = policy;
  // The policy was validated, so its currency has fraction digits.
  const fractionDigits = fractionDigitsOf(currency, policy.policy.currencyDigits) as number;
  const termsOf = (terms: FeeTermsText): FeeTerms => {
    const minimum = decimal(terms.minimum);
    const rate = decimal(terms.rate);
    return {
      rate,
      rateText: rate.toFixed(),
      minimum,
      minimumMoney: moneyOf(minimum, currency, fractionDigits),
      maximum: terms.maximum === undefined ? undefined : decimal(terms.maximum),
      maximumRate: terms.maximumRate === undefined ? undefined : decimal(terms.maximumRate),
    };
  };
  const { recovery } = policy.policy.fees;
  const dailyRate = decimal(recovery.dailyRate);
  return {
    currency,
    fractionDigits,
    rounding: roundingOf(policy.policy.rounding),
    tiers: policy.tiers.map((tier) => ({ ...termsOf(tier), fromDay: tier.fromDay })),
    recovery: { ...termsOf(recovery), dailyRate, dailyRateMoney: moneyOf(dailyRate, currency, fractionDigits) },
  };
}
