import { requireLifecycleInRange } from '../lifecycle/range.js';
import { ExpiryInputError } from '../errors.js';
import { parseInstant } from '../input/instant.js';
import { atTheDoor, readField, requireRecord } from '../input/read.js';
import { parseSubscription, requireId, type ParsedSubscription, type Subscription } from '../input/subscription.js';
import { resolvePolicy, type CompiledPolicy } from '../policy/compile.js';
import type { Policy } from '../policy/types.js';
import { remindersDueOf } from './schedule.js';
import type { DueReminder, ReminderWindow } from './types.js';

/**
 * The reminders of a subscription to send in the half-open window `[from, to)`:
 * those of `getReminderSchedule` with `from ≤ sendAt < to`. A nightly job passes
 * the time of its previous run as `from` and its own start as `to`, so a run that is
 * late, repeated or skipped loses nothing and sends nothing twice (de-duplicate on `key`).
 *
 * @param subscription - as for `getReminderSchedule`
 * @param window - `{ from, to }`, each a `Date`, epoch milliseconds, or an ISO string with `Z` or an offset
 * @param policy - the business rules (default: `defaultPolicy`)
 * @returns the deeply frozen reminders due in the window, in schedule order
 * @throws ExpiryInputError for bad input, with code `missing` when the subscription has no `id`
 *   and `invalid-range` when `to` is before `from`; PolicyError for a policy `definePolicy` did not make
 *
 * @example
 * const due = getRemindersDue(
 *   { id: 'sub_42', expirationDate: '2026-03-10' },
 *   { from: '2026-03-08T00:00:00-05:00', to: '2026-03-09T00:00:00-04:00' },
 * );
 * due.map((reminder) => reminder.key);
 * //=> ['sub_42:email:2026-03-08', 'sub_42:sms:2026-03-08', 'sub_42:phone:2026-03-08']
 */
export function getRemindersDue(subscription: Subscription, window: ReminderWindow, policy?: Policy): readonly DueReminder[] {
  // One door per argument, so an argument that throws while being read is named as itself.
  const parsed = atTheDoor('subscription', () => parseSubscription(subscription));
  requireId(parsed);
  const [from, to] = atTheDoor('window', () => {
    const record = requireRecord(window, 'window', 'a window { from, to }');
    const fromInstant = parseInstant(readField(record, 'from', 'window'), 'window.from');
    const toInstant = parseInstant(readField(record, 'to', 'window'), 'window.to');
    if (toInstant < fromInstant) {
      throw new ExpiryInputError(
        'invalid-range',
        'window.to',
        `the window ends (${new Date(toInstant).toISOString()}) before it starts (${new Date(fromInstant).toISOString()}); pass { from, to } with from ≤ to`,
      );
    }
    return [fromInstant, toInstant] as const;
  });
  return dueRemindersOf(parsed, from, to, resolvePolicy(policy));
}

/**
 * `getRemindersDue` once its arguments are parsed: the one composition of its rule, which
 * the CLI's `batch` calls too, so a batch record is what the function answers. It checks
 * the id itself, for a caller that comes with a parsed subscription; `getRemindersDue` has
 * checked it already, before the window (R-IN-4: arguments in order).
 */
export function dueRemindersOf(parsed: ParsedSubscription, from: number, to: number, compiled: CompiledPolicy): readonly DueReminder[] {
  requireId(parsed);
  requireLifecycleInRange(parsed, compiled);
  return remindersDueOf(parsed, from, to, compiled) as readonly DueReminder[];
}
