import { addMonthsToDayNumber, formatDayNumber } from '../clock/civil.js';
import { ExpiryInputError } from '../errors.js';
import type { ParsedSubscription } from '../input/subscription.js';
import { FIRST_SUPPORTED_DAY, LAST_SUPPORTED_DAY } from '../input/supportedYears.js';
import type { CompiledPolicy } from '../policy/compile.js';
import { occurrenceDay } from './occurrence.js';

/**
 * R-IN-5: whatever the library returns, it accepts back. Every date a lifecycle produces
 * (first reminder, renewal invoice, extension window, deletion, last recoverable day, the
 * last reminder) must therefore lie in the supported years 1900–2999, as every date the
 * library reads does. A subscription whose lifecycle would leave them is refused at the door,
 * and an extension that would push it out is refused as a decision (`beyond-supported-dates`).
 */

/** The first and last dates of the lifecycle of a subscription with these expiration days. */
function lifecycleSpan(
  originalExpirationDay: number,
  expirationDay: number,
  policy: CompiledPolicy,
): readonly [first: number, last: number] {
  const { renewalInvoiceDaysBefore, bankTransferDaysBefore, deletionDay, recoveryWindowMonths, extensions } = policy.policy;
  let first = Math.min(
    originalExpirationDay - renewalInvoiceDaysBefore,
    expirationDay - bankTransferDaysBefore,
    expirationDay - extensions.requestDaysBefore,
  );
  let last = Math.max(addMonthsToDayNumber(expirationDay, recoveryWindowMonths), expirationDay + deletionDay);
  for (const cadence of policy.cadences) {
    first = Math.min(first, occurrenceDay(cadence.cadence, expirationDay, cadence.from));
    last = Math.max(last, occurrenceDay(cadence.cadence, expirationDay, cadence.through));
  }
  return [first, last];
}

/** Does the lifecycle of these expiration days stay within the supported years? */
export function lifecycleFits(originalExpirationDay: number, expirationDay: number, policy: CompiledPolicy): boolean {
  // Nearly every date lies far from 1900 and 2999: a bound that holds whatever the month
  // lengths answers without working out a single date; only dates near the ends need the span.
  const reach = lifecycleReach(policy);
  if (
    Math.min(originalExpirationDay, expirationDay) - reach >= FIRST_SUPPORTED_DAY &&
    Math.max(originalExpirationDay, expirationDay) + reach <= LAST_SUPPORTED_DAY
  )
    return true;
  const [first, last] = lifecycleSpan(originalExpirationDay, expirationDay, policy);
  return first >= FIRST_SUPPORTED_DAY && last <= LAST_SUPPORTED_DAY;
}

/**
 * At most how many days any date of a lifecycle lies from its expiration dates, either way:
 * a month counts as 31 days, so this is never less than what {@link lifecycleSpan} finds.
 */
function lifecycleReach(policy: CompiledPolicy): number {
  const { renewalInvoiceDaysBefore, bankTransferDaysBefore, deletionDay, recoveryWindowMonths, extensions } = policy.policy;
  let reach = Math.max(
    renewalInvoiceDaysBefore,
    bankTransferDaysBefore,
    extensions.requestDaysBefore,
    deletionDay,
    31 * recoveryWindowMonths,
  );
  for (const { cadence, from, through } of policy.cadences) {
    const daysPerUnit = cadence === 'monthly' ? 31 : cadence === 'weekly' ? 7 : 1;
    reach = Math.max(reach, daysPerUnit * Math.abs(from), daysPerUnit * Math.abs(through));
  }
  return reach;
}

/** Refuses, at the door, a subscription whose lifecycle leaves the supported years (R-IN-5). */
export function requireLifecycleInRange(subscription: ParsedSubscription, policy: CompiledPolicy, path = 'subscription'): void {
  const { originalExpirationDay, expirationDay, extended } = subscription;
  if (lifecycleFits(originalExpirationDay, expirationDay, policy)) return;
  const [first, last] = lifecycleSpan(originalExpirationDay, expirationDay, policy);
  const field =
    extended && lifecycleFits(originalExpirationDay, originalExpirationDay, policy) ? `${path}.extension.endsOn` : `${path}.expirationDate`;
  throw new ExpiryInputError(
    'date-out-of-range',
    field,
    `under this policy the lifecycle of a subscription expiring ${formatDayNumber(expirationDay)} runs from ${formatDayNumber(first)} to ${formatDayNumber(last)}, outside the supported years 1900–2999; every date the library returns must be one it accepts back`,
  );
}
