import type { CadenceUnit } from '../policy/types.js';
import type { InstantInput } from '../input/instant.js';

/**
 * One reminder of a subscription's schedule.
 *
 * `key` is `${subscription.id}:${channel}:${date}`: stable across runs and unique per
 * subscription, channel and date, so a billing job can de-duplicate sends with it. A
 * subscription without an `id` has no key to give (keys without the id would collide
 * across subscriptions), so its schedule's reminders have none, and `getRemindersDue`,
 * whose purpose is de-duplication, requires the `id`.
 *
 * @example
 * const schedule = getReminderSchedule({ id: 'acme-1', expirationDate: '2026-03-10', recipientTimeZone: 'Asia/Tokyo' });
 * const lastSms: Reminder | undefined = schedule.filter((reminder) => reminder.channel === 'sms').at(-1);
 * //=> { channel: 'sms', cadence: 'daily', date: '2026-03-10', daysBeforeExpiry: 0, key: 'acme-1:sms:2026-03-10',
 * //     sendAt: new Date('2026-03-10T23:00:00Z') } (10:00 in New York is 00:00 in Tokyo: moved to 08:00 there)
 */
export interface Reminder {
  /** The channel from the policy's cadences: `email`, `sms`, `phone`, or a vendor's own. */
  readonly channel: string;
  /** The cadence that produced it. */
  readonly cadence: CadenceUnit;
  /** The business date it belongs to, `YYYY-MM-DD` in the policy's time zone. */
  readonly date: string;
  /** When to send: the channel's send time on `date`, moved out of quiet hours. */
  readonly sendAt: Date;
  /** Calendar days from `date` to the effective expiration date; negative after expiry. */
  readonly daysBeforeExpiry: number;
  /** Stable de-duplication key (see above); absent when the subscription has no `id`. */
  readonly key?: string;
}

/**
 * A reminder of `getRemindersDue`, which requires the subscription's `id`: it always has its key.
 *
 * @example
 * const due: readonly DueReminder[] = getRemindersDue({ id: 'sub_42', expirationDate: '2026-03-10' }, { from: '2026-03-10T00:00:00Z', to: '2026-03-11T00:00:00Z' });
 * due[0]?.key; //=> 'sub_42:email:2026-03-10'
 */
export interface DueReminder extends Reminder {
  readonly key: string;
}

/**
 * The half-open window `[from, to)` of `getRemindersDue`. Each bound is
 * an instant: a `Date`, epoch milliseconds, an ISO-8601 string with `Z` or an offset, or a
 * `Temporal.Instant` or `ZonedDateTime`.
 * A job passes the start of its previous run as `from` and its own start as `to`.
 *
 * @example
 * const window: ReminderWindow = { from: '2026-03-08T00:00:00-05:00', to: '2026-03-09T00:00:00-04:00' };
 * getRemindersDue({ id: 'sub_42', expirationDate: '2026-03-10' }, window).length; //=> 3 (email, sms, phone)
 */
export interface ReminderWindow {
  readonly from: InstantInput;
  readonly to: InstantInput;
}
