import { getReminderSchedule, type Policy } from 'subscription-expiry';
import { subscriptionOf, type SubscriptionRow } from './page.js';

/**
 * Why a reminder the job recorded must no longer go out, or undefined when it still must.
 * The library decides: the reminder stands while its key (subscription, channel, date) is
 * in the subscription's schedule today, under the policy of the window that recorded it.
 * The reason names what changed: `deleted` (the subscription is gone), `renewed` (its
 * expiration date moved), `extended` (an extension moved its effective date), else
 * `rescheduled` (the same dates, but the schedule no longer has this channel and date).
 * Throws the library's ExpiryInputError when the row as it is now is refused.
 *
 * @param expiresOn - the effective expiration date the reminder was scheduled for
 */
export function obsolescenceOf(
  reminder: { readonly key: string; readonly expiresOn: string },
  row: SubscriptionRow | undefined,
  policy: Policy,
): string | undefined {
  if (row === undefined) return 'deleted: the subscription is gone';
  const schedule = getReminderSchedule(subscriptionOf(row), policy);
  if (schedule.some((scheduled) => scheduled.key === reminder.key)) return undefined;
  const effective = row.extension_ends_on !== null && row.extension_ends_on > row.expiration_date ? row.extension_ends_on : undefined;
  if (effective !== undefined && effective !== reminder.expiresOn) {
    return `extended: the subscription now runs to ${effective} (it was to expire on ${reminder.expiresOn})`;
  }
  if (row.expiration_date !== reminder.expiresOn) {
    return `renewed: the subscription now expires on ${row.expiration_date} (it was to expire on ${reminder.expiresOn})`;
  }
  return `rescheduled: the schedule for ${reminder.expiresOn} no longer has this reminder`;
}
