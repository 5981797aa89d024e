import { requireLifecycleInRange } from '../lifecycle/range.js';
import { atTheDoor } from '../input/read.js';
import { parseSubscription, type Subscription } from '../input/subscription.js';
import { resolvePolicy } from '../policy/compile.js';
import type { Policy } from '../policy/types.js';
import { reminderScheduleOf } from './schedule.js';
import type { Reminder } from './types.js';

/**
 * Every reminder of a subscription, from the first monthly email to the last one after
 * expiry the policy asks for, sorted by `sendAt`, then channel.
 *
 * Cadences, send times and quiet hours come from the policy: a coarser cadence stops
 * where a finer one of the same channel takes over, each channel sends at most once a
 * date, SMS and phone calls move out of the recipient's quiet hours within their date,
 * and the schedule follows the effective (extended) expiration date.
 *
 * @param subscription - needs `expirationDate`; `id` prefixes the keys; `recipientTimeZone` sets quiet hours
 * @param policy - the business rules (default: `defaultPolicy`)
 * @returns the deeply frozen schedule: `{ channel, cadence, date, sendAt, daysBeforeExpiry, key }[]`
 * @throws ExpiryInputError for a bad subscription, PolicyError for a policy `definePolicy` did not make
 *
 * @example
 * const schedule = getReminderSchedule({ id: 'sub_42', expirationDate: '2026-03-10' });
 * schedule[0];
 * //=> { channel: 'email', cadence: 'monthly', date: '2025-11-10',
 * //     sendAt: new Date('2025-11-10T14:00:00.000Z'), daysBeforeExpiry: 120,
 * //     key: 'sub_42:email:2025-11-10' }
 * schedule.at(-1)?.key; //=> 'sub_42:phone:2026-03-10'
 */
export function getReminderSchedule(subscription: Subscription, policy?: Policy): readonly Reminder[] {
  const parsed = atTheDoor('subscription', () => parseSubscription(subscription));
  const compiled = resolvePolicy(policy);
  requireLifecycleInRange(parsed, compiled);
  return reminderScheduleOf(parsed, compiled);
}
