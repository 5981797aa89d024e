import type { RoundingMode } from '../money/rounding.js';

/**
 * How often a reminder cadence repeats: monthly steps are calendar months,
 * clamped at the end of a month; weekly steps are 7 calendar days.
 *
 * @example
 * const unit: CadenceUnit = 'weekly';
 * const cadence: ReminderCadence = { channel: 'email', cadence: unit, from: -4, through: -1 };
 */
export type CadenceUnit = 'monthly' | 'weekly' | 'daily';

/**
 * One reminder cadence of one channel. Occurrences fall on the effective
 * expiration date shifted by k units for every whole k from `from` through `through`
 * (negative: before expiry). The default monthly email is `{ from: -4, through: -1 }`;
 * a dunning email for the 14 days after expiry is `{ cadence: 'daily', from: 1, through: 14 }`.
 *
 * @example
 * const dunning = definePolicy({
 *   reminders: {
 *     cadences: [...defaultPolicy.reminders.cadences, { channel: 'email', cadence: 'daily', from: 1, through: 14 }],
 *   },
 * });
 * getReminderSchedule({ expirationDate: '2026-03-10' }, dunning).at(-1)?.date; //=> '2026-03-24'
 */
export interface ReminderCadence {
  readonly channel: string;
  readonly cadence: CadenceUnit;
  readonly from: number;
  readonly through: number;
}

/**
 * A reactivation tier: from `fromDay` days past expiry, `rate` of the invoice,
 * at least `minimum`. Tiers never get cheaper, and recovery costs at least the last one.
 *
 * @example
 * const threeTiers = definePolicy({
 *   fees: {
 *     reactivationTiers: [
 *       { fromDay: 0, rate: '0.10', minimum: '25.00' },
 *       { fromDay: 3, rate: '0.12', minimum: '30.00' },
 *       { fromDay: 7, rate: '0.15', minimum: '50.00' },
 *     ],
 *   },
 * });
 * const quote = quoteReactivationFee({ expirationDate: '2026-03-31', invoiceAmount: '300.00' }, '2026-04-04T12:00:00Z', threeTiers);
 * if (quote.kind === 'reactivation') quote.fee; //=> { amount: '36.00', currency: 'USD' } (12 % of $300, 4 days late)
 */
export interface ReactivationTier extends FeeCap {
  readonly fromDay: number;
  /** A fraction as a decimal string: `"0.10"` is 10 %. */
  readonly rate: string;
  /** Major units as a decimal string: `"25.00"`. */
  readonly minimum: string;
}

/**
 * An optional cap on a fee, for a reactivation tier or for recovery: the fee is
 * at most `maximum`, and at most `maximumRate` of the invoice (rounded as the policy
 * rounds); when both are set the lower applies. The cap wins over the minimum and, in
 * recovery, over the daily charge. A later tier may not cap lower than an earlier one, nor
 * add a cap where an earlier tier had none, so fees still never fall as days pass.
 *
 * @example
 * const capped = definePolicy({
 *   fees: {
 *     reactivationTiers: [
 *       { fromDay: 0, rate: '0.10', minimum: '25.00', maximum: '100.00' },
 *       { fromDay: 7, rate: '0.15', minimum: '50.00', maximum: '150.00' },
 *     ],
 *     recovery: { rate: '0.15', minimum: '50.00', dailyRate: '4.00', maximum: '200.00' },
 *   },
 * });
 * const quote = quoteReactivationFee({ expirationDate: '2026-03-31', invoiceAmount: '300.00' }, '2026-05-15T12:00:00Z', capped);
 * if (quote.kind === 'recovery') [quote.fee.amount, quote.capApplied, quote.cap?.amount]; //=> ['200.00', true, '200.00'] ($230 uncapped)
 */
export interface FeeCap {
  /** The most the fee may be, in major units as a decimal string: `"100.00"`. At least the `minimum`. */
  readonly maximum?: string;
  /** The most the fee may be as a fraction of the invoice: `"0.25"` is 25 %. */
  readonly maximumRate?: string;
}

/** The terms of a fee as a policy writes them: rate, minimum and the optional cap (R-FEE-1, R-FEE-6). Internal. */
export type FeeTermsText = FeeCap & { readonly rate: string; readonly minimum: string };

/** The form of an order id: groups of ASCII letters or digits of these lengths, joined by `separator`. */
export interface OrderIdFormat {
  readonly groups: readonly number[];
  readonly separator: string;
}

/**
 * The business rules as data: every number the library uses lives here. Build one with
 * {@link definePolicy}, which validates it, and pass it as the last argument of any
 * function; without one, {@link defaultPolicy} applies. Functions accept only policies
 * `definePolicy` made (or `defaultPolicy`): an object written by hand is refused with a
 * `PolicyError` until it has been through `definePolicy`.
 *
 * @example
 * const berlin: Policy = definePolicy({ timeZone: 'Europe/Berlin', currency: 'EUR' });
 * getExpiryStatus({ expirationDate: '2026-03-31' }, '2026-03-31T22:00:00Z', berlin).phase; //=> 'expired' (00:00 in Berlin)
 * getExpiryStatus({ expirationDate: '2026-03-31' }, '2026-03-31T22:00:00Z').phase; //=> 'renewal-due' (18:00 in New York)
 */
export interface Policy {
  /** IANA zone of the business clock. */
  readonly timeZone: string;
  /** Local time on the expiration date at which a subscription expires, `HH:mm:ss`. */
  readonly expiryTime: string;
  /** ISO 4217 currency of every amount; its fraction digits come from the library's ISO 4217 table. */
  readonly currency: string;
  /**
   * Fraction digits for ISO codes whose practice differs from ISO 4217's minor units, such as
   * `{ IDR: 0 }` (ISO says 2); 0 to 4 each. Keyed by code, so changing `currency` never
   * carries another currency's digits along. Absent: ISO 4217 for every code.
   */
  readonly currencyDigits?: Readonly<Record<string, number>>;
  /** How percentages are rounded to the currency's minor unit. */
  readonly rounding: RoundingMode;
  /** The renewal invoice is issued this many days before the expiration date. */
  readonly renewalInvoiceDaysBefore: number;
  /** Bank transfers must be sent this many days before the expiration date. */
  readonly bankTransferDaysBefore: number;
  /** Data is deleted at the local start of this day after expiry (day 15 by default). */
  readonly deletionDay: number;
  /** Data can be recovered through the expiration date plus this many months. */
  readonly recoveryWindowMonths: number;
  readonly fees: {
    /** Tiers by days past expiry, increasing; the last one runs until `deletionDay`. */
    readonly reactivationTiers: readonly ReactivationTier[];
    /** Recovery after deletion: `rate` (at least `minimum`) plus `dailyRate` per day past expiry, capped by `maximum` / `maximumRate` when set. */
    readonly recovery: FeeCap & { readonly rate: string; readonly minimum: string; readonly dailyRate: string };
  };
  readonly reminders: {
    readonly cadences: readonly ReminderCadence[];
    /** Local send time per channel, `HH:mm`. Every channel of `cadences` needs one. */
    readonly sendTimes: Readonly<Record<string, string>>;
    /** Channels that respect quiet hours, and the allowed window `[start, end)` in the recipient's local time. */
    readonly quietHours: { readonly channels: readonly string[]; readonly start: string; readonly end: string };
  };
  readonly extensions: {
    /** A request is in time from this many days before the expiration date. */
    readonly requestDaysBefore: number;
    /** A granted extension lasts this many days. */
    readonly durationDays: number;
    /** Days after a request during which a new one is refused. */
    readonly cooldownDays: number;
    /** Order ids: groups of letters or digits of these lengths, joined by `separator`. */
    readonly orderId: OrderIdFormat;
  };
}

/**
 * What {@link definePolicy} takes: every field of {@link Policy} optional, one level
 * down too (`fees`, `reminders`, `extensions`); deeper objects such as `fees.recovery`
 * are given whole, and an array replaces the default's.
 *
 * @example
 * const overrides: PolicyOverrides = { deletionDay: 30, extensions: { durationDays: 14 } };
 * definePolicy(overrides).extensions; //=> { requestDaysBefore: 7, durationDays: 14, cooldownDays: 90, orderId: { groups: [3, 3, 5], separator: '-' } }
 */
export type PolicyOverrides = {
  readonly [K in keyof Policy]?: Policy[K] extends readonly unknown[]
    ? Policy[K]
    : Policy[K] extends object
      ? { readonly [L in keyof Policy[K]]?: Policy[K][L] }
      : Policy[K];
};
