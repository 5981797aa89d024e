import { parseInstant, type InstantInput } from '../input/instant.js';
import { atTheDoor } from '../input/read.js';
import { parseSubscription, type ParsedSubscription, type Subscription } from '../input/subscription.js';
import { requireLifecycleInRange } from '../lifecycle/range.js';
import { resolvePolicy, type CompiledPolicy } from '../policy/compile.js';
import type { Policy } from '../policy/types.js';
import { parseInvoice, quoteFee } from './quote.js';
import type { FeeQuote } from './types.js';

export type { FeeQuote } from './types.js';

/**
 * Quotes the fee to reactivate an expired subscription or recover its deleted data at
 * `now`, showing its working.
 *
 * Tiers are chosen by calendar days past the effective expiration date in the policy's
 * time zone; the fee is based on `subscription.invoiceAmount`, the invoice as it stood at
 * expiration, which is required only when a priced quote needs it. Every amount is exact
 * and carries the policy's currency. Where the policy caps a tier or recovery, the fee is
 * at most the cap, and the quote says so (`capApplied`, `cap`).
 *
 * @param subscription - `expirationDate` (`YYYY-MM-DD`), `invoiceAmount`, optional `extension`
 * @param now - the instant to quote at: a `Date`, epoch milliseconds or an ISO string with an offset
 * @param policy - fee tiers, recovery rates, currency and rounding (default: {@link defaultPolicy})
 * @returns a frozen {@link FeeQuote}
 * @throws ExpiryInputError for a bad subscription or instant, or a missing invoice amount on a priced quote
 * @throws PolicyError for a policy `definePolicy` did not make
 *
 * @example
 * const quote = quoteReactivationFee(
 *   { expirationDate: '2026-03-31', invoiceAmount: '300.00' },
 *   new Date('2026-05-15T12:00:00Z'), // 45 days past expiry in New York
 * );
 * if (quote.kind === 'recovery') {
 *   quote.fee; //=> { amount: '230.00', currency: 'USD' }: max(15 % of $300, $50) + 45 × $4
 * }
 */
export function quoteReactivationFee(subscription: Subscription, now: InstantInput, policy?: Policy): FeeQuote {
  const parsed = atTheDoor('subscription', () => parseSubscription(subscription));
  const instant = atTheDoor('now', () => parseInstant(now, 'now'));
  return feeQuoteOf(parsed, instant, resolvePolicy(policy));
}

/**
 * `quoteReactivationFee` once its arguments are parsed: the one composition of its rule,
 * which the CLI's `batch` calls too, so a batch record is what the function answers.
 */
export function feeQuoteOf(parsed: ParsedSubscription, instant: number, compiled: CompiledPolicy): FeeQuote {
  requireLifecycleInRange(parsed, compiled);
  // A present invoice amount is always checked, whatever the kind: a malformed amount is a
  // caller's bug that must not hide until the day a fee falls due (see docs/decisions.md).
  const invoice = atTheDoor('subscription.invoiceAmount', () => parseInvoice(parsed.invoiceAmount, compiled));
  return quoteFee(parsed, instant, invoice, compiled);
}
