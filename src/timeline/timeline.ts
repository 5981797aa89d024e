import { formatDayNumber } from '../clock/civil.js';
import { instantOf } from '../clock/zone.js';
import type { ParsedSubscription } from '../input/subscription.js';
import type { CompiledPolicy } from '../policy/compile.js';
import { sameTerms } from '../policy/feeTerms.js';
import { reminderScheduleOf } from '../reminders/schedule.js';
import { resultDate } from '../results.js';
import { boundariesOf } from '../lifecycle/boundaries.js';
import type { TimelineEvent, TimelineEventKind } from './types.js';

/** The payment method whose deadline the timeline shows. */
const BANK_TRANSFER = 'bank-transfer';

/** The timeline of a parsed subscription under a compiled policy (R-TL-1). */
export function timelineOf(subscription: ParsedSubscription, policy: CompiledPolicy): readonly TimelineEvent[] {
  const boundaries = boundariesOf(subscription, policy);
  const { zone, expiryMs } = policy;
  const { renewalInvoiceDaysBefore, bankTransferDaysBefore } = policy.policy;
  const events: TimelineEvent[] = [];
  const add = (event: Exclude<TimelineEventKind, 'reactivation-fee-increase'>, day: number, at: number) => {
    events.push(Object.freeze({ event, date: formatDayNumber(day), at: resultDate(at) }));
  };

  const firstReminder = reminderScheduleOf(subscription, policy)[0];
  if (firstReminder !== undefined) {
    events.push(Object.freeze({ event: 'reminders-start', date: firstReminder.date, at: resultDate(firstReminder.sendAt.getTime()) }));
  }
  add('renewal-invoice', boundaries.originalExpirationDay - renewalInvoiceDaysBefore, boundaries.renewalDueAt);
  if (subscription.paymentMethod === BANK_TRANSFER) {
    // "Send your payment at least 7 days before your expiration date" (R-TL-1). The
    // payment is in time through that whole date, so the deadline is the end of it, at
    // the policy's expiry time like the expiry itself, counted from the effective date.
    const deadlineDay = boundaries.expirationDay - bankTransferDaysBefore;
    add('bank-transfer-deadline', deadlineDay, Math.min(boundaries.expiresAt, instantOf(zone, deadlineDay, expiryMs)));
  }
  add('expiry', boundaries.originalExpirationDay, boundaries.originalExpiresAt);
  if (subscription.extended) add('extension-end', boundaries.expirationDay, boundaries.expiresAt);
  // Every tier after the first starts a higher fee at the local start of its day.
  policy.tiers.forEach((tier, index) => {
    const previous = policy.tiers[index - 1];
    // A tier on the same terms as the one before raises nothing, so it is no event.
    if (previous === undefined || sameTerms(tier, previous)) return;
    const date = formatDayNumber(boundaries.expirationDay + tier.fromDay);
    events.push(
      Object.freeze({
        event: 'reactivation-fee-increase',
        date,
        at: resultDate(boundaries.tierStartsAt[index] as number),
        daysPastExpiry: tier.fromDay,
      }),
    );
  });
  add('data-deletion', boundaries.deletionDay, boundaries.deletedAt);
  // Recovery closes when the last recoverable day ends: at the local start of the next.
  add('recovery-closes', boundaries.lastRecoverableDay, boundaries.unrecoverableAt);

  // Stable: events at the same instant keep the lifecycle order they were added in.
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  return Object.freeze(events);
}
