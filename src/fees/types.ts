import type { Money } from '../money/money.js';

/**
 * The working every priced quote shows, so a widget can explain the number and an agent defend it.
 *
 * @inline
 */
interface QuoteWorking {
  /** Calendar days from the effective expiration date to the local date of `now`. */
  readonly daysPastExpiry: number;
  /** The effective expiration date, `YYYY-MM-DD`. */
  readonly expirationDate: string;
  /** The rate applied to the invoice, a decimal fraction such as `"0.15"` (15 %). */
  readonly rate: string;
  /** The least the percentage part may be. */
  readonly minimum: Money;
  /** `invoiceAmount × rate`, rounded to the minor unit with the policy's rounding. */
  readonly percentageFee: Money;
  /** True when the minimum was charged because the percentage fee fell below it. */
  readonly minimumApplied: boolean;
  /**
   * The cap on the fee, when the tier (or recovery) has one: the lower of its
   * `maximum` and `maximumRate` × the invoice, rounded with the policy's rounding.
   */
  readonly cap?: Money;
  /** True when the fee was cut to the cap: the fee without it would have been higher. */
  readonly capApplied: boolean;
  /** What the customer owes on top of the invoice. */
  readonly fee: Money;
  /** The invoice amount as it stood at expiration. */
  readonly invoiceAmount: Money;
  /** `invoiceAmount + fee`: what the customer pays. */
  readonly total: Money;
  /** The instant from which the fee is next higher; absent when it never rises again. */
  readonly nextIncrease?: Date;
}

/**
 * A fee quote, a discriminated union on `kind`: `none` before expiry or while
 * an extension runs, `reactivation` while expired, `recovery` once the data is deleted,
 * `unrecoverable` once the recovery window has closed.
 *
 * @example
 * function feeText(quote: FeeQuote): string {
 *   switch (quote.kind) {
 *     case 'none': return `No fee before ${quote.expirationDate}`;
 *     case 'reactivation':
 *     case 'recovery': return `${formatMoney(quote.fee)} (${quote.daysPastExpiry} days late)`;
 *     case 'unrecoverable': return quote.reason;
 *   }
 * }
 * feeText(quoteReactivationFee({ expirationDate: '2026-03-31', invoiceAmount: '300.00' }, '2026-04-09T12:00:00Z'));
 * //=> '$50.00 (9 days late)'
 */
export type FeeQuote =
  | {
      readonly kind: 'none';
      readonly phase: 'active' | 'renewal-due' | 'extended';
      /** The effective expiration date, `YYYY-MM-DD`. */
      readonly expirationDate: string;
      /** The instant the subscription expires and a reactivation fee starts to apply. */
      readonly expiresAt: Date;
    }
  | (QuoteWorking & { readonly kind: 'reactivation' })
  | (QuoteWorking & {
      readonly kind: 'recovery';
      /** The charge per calendar day past expiry. */
      readonly dailyRate: Money;
      /** `dailyRate × daysPastExpiry`. */
      readonly dailyCharge: Money;
    })
  | {
      readonly kind: 'unrecoverable';
      readonly daysPastExpiry: number;
      readonly expirationDate: string;
      /** The last day on which the data could still be recovered. */
      readonly lastRecoverableDate: string;
      /** Why no fee is quoted, in words a customer can read. */
      readonly reason: string;
    };
