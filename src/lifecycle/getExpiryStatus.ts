import { parseInstant, type InstantInput } from '../input/instant.js';
import { atTheDoor } from '../input/read.js';
import { parseSubscription, type ParsedSubscription, type Subscription } from '../input/subscription.js';
import { requireLifecycleInRange } from './range.js';
import { resolvePolicy, type CompiledPolicy } from '../policy/compile.js';
import type { Policy } from '../policy/types.js';
import { statusAt } from './status.js';
import type { ExpiryStatus } from './types.js';

/**
 * Tells where a subscription stands at an instant: its phase, what access it gives,
 * its effective and original expiration dates, the days until or past expiry and the
 * next phase with the instant it begins.
 *
 * @param subscription - the subscription; `extension.endsOn`, when granted, moves every later boundary
 * @param now - the instant to answer for: a `Date`, epoch milliseconds or an ISO string with an offset
 * @param policy - the policy (default: {@link defaultPolicy})
 * @returns a frozen status, a discriminated union on `phase`
 * @throws ExpiryInputError for an unreadable subscription or instant; PolicyError for a policy `definePolicy` did not make
 *
 * @example
 * const status = getExpiryStatus({ expirationDate: '2026-03-08' }, '2026-03-09T03:59:59Z');
 * status.phase; //=> 'expired' (23:59:59 EDT on the expiration date)
 * if (status.phase === 'expired') {
 *   status.daysPastExpiry; //=> 0
 *   status.next; //=> { phase: 'deleted', at: new Date('2026-03-23T04:00:00Z') }
 * }
 */
export function getExpiryStatus(subscription: Subscription, now: InstantInput, policy?: Policy): ExpiryStatus {
  const parsed = atTheDoor('subscription', () => parseSubscription(subscription));
  const instant = atTheDoor('now', () => parseInstant(now, 'now'));
  return expiryStatusOf(parsed, instant, resolvePolicy(policy));
}

/**
 * `getExpiryStatus` once its arguments are parsed: the one composition of its rule, which
 * the CLI's `batch` calls too, so a batch record is what the function answers.
 */
export function expiryStatusOf(subscription: ParsedSubscription, now: number, policy: CompiledPolicy): ExpiryStatus {
  requireLifecycleInRange(subscription, policy);
  return statusAt(subscription, now, policy);
}
