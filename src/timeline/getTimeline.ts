import { atTheDoor } from '../input/read.js';
import { parseSubscription, type Subscription } from '../input/subscription.js';
import { requireLifecycleInRange } from '../lifecycle/range.js';
import { resolvePolicy } from '../policy/compile.js';
import type { Policy } from '../policy/types.js';
import { timelineOf } from './timeline.js';
import type { TimelineEvent } from './types.js';

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
