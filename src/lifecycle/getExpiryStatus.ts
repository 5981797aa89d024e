import { formatDayNumber } from '../clock/civil.js';
import { localDayOf } from '../clock/zone.js';
import { parseInstant, type InstantInput } from '../input/instant.js';
import { atTheDoor } from '../input/read.js';
import { parseSubscription, type ParsedSubscription, type Subscription } from '../input/subscription.js';
import { requireLifecycleInRange } from './range.js';
import { resolvePolicy, type CompiledPolicy } from '../policy/compile.js';
import type { Policy } from '../policy/types.js';
import { resultDate } from '../results.js';
import { boundariesOf, type Boundaries } from './boundaries.js';
import { nextPhaseAfter, phaseIndexAt, phasesOf, type PhaseStart } from './phases.js';
import type { ExpiryStatus, NextPhase } from './types.js';

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
  const compiled = resolvePolicy(policy);
  requireLifecycleInRange(parsed, compiled);
  return statusAt(parsed, instant, compiled);
}

/** The status of a parsed subscription at an instant (for modules that parsed already). */
export function statusAt(subscription: ParsedSubscription, now: number, policy: CompiledPolicy): ExpiryStatus {
  return computeStatus(boundariesOf(subscription, policy), now, policy);
}

function computeStatus(boundaries: Boundaries, now: number, policy: CompiledPolicy): ExpiryStatus {
  const phases = phasesOf(boundaries);
  const current = (phases[phaseIndexAt(phases, now)] as PhaseStart).phase;
  const upcoming = nextPhaseAfter(phases, now);
  const common = {
    expirationDate: formatDayNumber(boundaries.expirationDay),
    originalExpirationDate: formatDayNumber(boundaries.originalExpirationDay),
    extended: boundaries.expirationDay !== boundaries.originalExpirationDay,
    expiresAt: resultDate(boundaries.expiresAt),
  };
  // R-TZ-5: calendar days between the local date of `now` and the effective expiration date.
  const dayDifference = localDayOf(policy.zone, now) - boundaries.expirationDay;
  const next = (): NextPhase => {
    // Only `unrecoverable` has no next phase, and it is handled before this is called.
    const start = upcoming as PhaseStart;
    return Object.freeze({ phase: start.phase, at: resultDate(start.from) });
  };

  switch (current) {
    case 'active':
    case 'renewal-due':
    case 'extended':
      // In a zone that skipped the whole expiration day, the local date may pass it
      // before the expiry instant; the count never goes below 0 ("expires today").
      return Object.freeze({ phase: current, access: 'full', ...common, daysUntilExpiry: Math.max(0, -dayDifference), next: next() });
    case 'expired':
      return Object.freeze({ phase: current, access: 'read-only', ...common, daysPastExpiry: Math.max(0, dayDifference), next: next() });
    case 'deleted':
      return Object.freeze({ phase: current, access: 'none', ...common, daysPastExpiry: Math.max(0, dayDifference), next: next() });
    case 'unrecoverable':
      return Object.freeze({ phase: current, access: 'none', ...common, daysPastExpiry: Math.max(0, dayDifference) });
  }
}
