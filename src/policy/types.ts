import type { RoundingMode } from '../money/decimal.js';

/** How often a reminder cadence repeats. */
export type CadenceUnit = 'monthly' | 'weekly' | 'daily';

/**
 * One reminder cadence of one channel (R-RM-1). Occurrences fall on the effective
 * expiration date shifted by k units for every whole k from `from` through `through`
 * (negative: before expiry). The default monthly email is `{ from: -4, through: -1 }`;
 * a dunning email for the 14 days after expiry is `{ cadence: 'daily', from: 1, through: 14 }`.
 */
export interface ReminderCadence {
  readonly channel: string;
  readonly cadence: CadenceUnit;
  readonly from: number;
  readonly through: number;
}

/** A reactivation tier (R-FEE-1): from `fromDay` days past expiry, `rate` of the invoice, at least `minimum`. */
export interface ReactivationTier {
  readonly fromDay: number;
  /** A fraction as a decimal string: `"0.10"` is 10 %. */
  readonly rate: string;
  /** Major units as a decimal string: `"25.00"`. */
  readonly minimum: string;
}

/** Who may do what; every number of SPEC.md lives here (R-POL-1). */
export interface Policy {
  /** IANA zone of the business clock (R-TZ-1). */
  readonly timeZone: string;
  /** Local time on the expiration date at which a subscription expires (R-TZ-2), `HH:mm:ss`. */
  readonly expiryTime: string;
  /** ISO 4217 currency of every amount. */
  readonly currency: string;
  /** How percentages are rounded to the currency's minor unit (R-FEE-1). */
  readonly rounding: RoundingMode;
  /** The renewal invoice is issued this many days before the expiration date. */
  readonly renewalInvoiceDaysBefore: number;
  /** Bank transfers must be sent this many days before the expiration date (seed 000). */
  readonly bankTransferDaysBefore: number;
  /** Data is deleted at the local start of this day after expiry (seed 003: day 15). */
  readonly deletionDay: number;
  /** Data can be recovered through the expiration date plus this many months. */
  readonly recoveryWindowMonths: number;
  readonly fees: {
    /** Tiers by days past expiry, increasing; the last one runs until `deletionDay`. */
    readonly reactivationTiers: readonly ReactivationTier[];
    /** Recovery after deletion: `rate` (at least `minimum`) plus `dailyRate` per day past expiry. */
    readonly recovery: { readonly rate: string; readonly minimum: string; readonly dailyRate: string };
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
    readonly orderId: { readonly groups: readonly number[]; readonly separator: string };
  };
}

/** Anything a caller may override: every field optional, arrays replaced whole. */
export type PolicyOverrides = {
  readonly [K in keyof Policy]?: Policy[K] extends readonly unknown[]
    ? Policy[K]
    : Policy[K] extends object
      ? { readonly [L in keyof Policy[K]]?: Policy[K][L] }
      : Policy[K];
};
