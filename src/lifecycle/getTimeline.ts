import { formatDayNumber } from '../clock/civil.js';
import { instantOf } from '../clock/zone.js';
import { atTheDoor } from '../input/read.js';
import { parseSubscription, type ParsedSubscription, type Subscription } from '../input/subscription.js';
import { requireLifecycleInRange } from './range.js';
import { resolvePolicy, sameTerms, type CompiledPolicy } from '../policy/compile.js';
import type { Policy } from '../policy/types.js';
import { reminderScheduleOf } from '../reminders/schedule.js';
import { boundariesOf } from './boundaries.js';
import type { TimelineEvent, TimelineEventKind } from './types.js';
import { resultDate } from '../results.js';

/**
 * Lists every dated event of a subscription's lifecycle, sorted by the instant it
 * happens: the first reminder, the renewal invoice, the bank-transfer
 * deadline (bank transfers only), the expiry, the end of a granted extension, each
 * reactivation-fee increase, the data deletion and the close of the recovery window.
 * Each event has its local business `date` and its instant `at`; the lifecycle ones
 * are the same instants the status's phases begin at (one source: the boundaries).
 *
 * @param subscription - the subscription; an `extension` moves every event after the original expiry
 * @param policy - the policy (default: {@link defaultPolicy})
 * @returns a frozen array of `{ event, date, at }`, sorted by `at`
 * @throws ExpiryInputError for an unreadable subscription; PolicyError for a policy `definePolicy` did not make
 *
 * @example
 * getTimeline({ expirationDate: '2026-03-08' }).map((e) => `${e.date} ${e.event}`);
 * //=> ['2025-11-08 reminders-start', '2026-02-06 renewal-invoice', '2026-03-08 expiry',
 * //    '2026-03-15 reactivation-fee-increase', '2026-03-23 data-deletion', '2026-09-08 recovery-closes']
 */
export function getTimeline(subscription: Subscription, policy?: Policy): readonly TimelineEvent[] {
  const parsed = atTheDoor('subscription', () => parseSubscription(subscription));
  const compiled = resolvePolicy(policy);
  requireLifecycleInRange(parsed, compiled);
  return timelineOf(parsed, compiled);
}

/** The payment method whose deadline the timeline shows (seed 000). */
const BANK_TRANSFER = 'bank-transfer';

/** The timeline of a parsed subscription under a compiled policy. */
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
    // Seed 000: "send your payment at least 7 days before your expiration date". The
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
