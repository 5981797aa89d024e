import type { CadenceUnit } from '../policy/types.js';

/**
 * One reminder of a subscription's schedule (R-RM-3).
 *
 * `key` is `${subscription.id}:${channel}:${date}` when the subscription has an `id`,
 * `${channel}:${date}` otherwise: stable across runs and unique per subscription,
 * channel and date, so a billing job can de-duplicate sends with it.
 */
export interface Reminder {
  /** The channel from the policy's cadences: `email`, `sms`, `phone`, or a vendor's own. */
  readonly channel: string;
  /** The cadence that produced it (R-RM-1). */
  readonly cadence: CadenceUnit;
  /** The business date it belongs to, `YYYY-MM-DD` in the policy's time zone. */
  readonly date: string;
  /** When to send: the channel's send time on `date`, moved out of quiet hours (R-RM-6). */
  readonly sendAt: Date;
  /** Calendar days from `date` to the effective expiration date; negative after expiry. */
  readonly daysBeforeExpiry: number;
  /** Stable de-duplication key (see above). */
  readonly key: string;
}

/**
 * The half-open window `[from, to)` of `getRemindersDue` (R-RM-4). Each bound is
 * an instant: a `Date`, epoch milliseconds, or an ISO-8601 string with `Z` or an offset.
 */
export interface ReminderWindow {
  readonly from: Date | number | string;
  readonly to: Date | number | string;
}
