import { addMonthsToDayNumber } from '../clock/civil.js';
import { instantOf } from '../clock/zone.js';
import type { DayNumber } from '../input/calendarDate.js';
import type { ParsedSubscription } from '../input/subscription.js';
import type { CompiledPolicy } from '../policy/compile.js';

/**
 * The single source of every date of a subscription's lifecycle (R-ST-1, R-TL-1):
 * status, fees, reminders, extensions and the timeline all read these, so they can
 * never disagree. Each is a few lookups in the zone's learnt offset table.
 */
export interface Boundaries {
  /** Original expiration date, as sold. */
  readonly originalExpirationDay: number;
  /** Effective expiration date (R-ST-2). */
  readonly expirationDay: number;
  /** Local start of the renewal-invoice date (expiration − 30 days). */
  readonly renewalDueAt: number;
  /** The original expiry instant: when an extension, if any, begins. */
  readonly originalExpiresAt: number;
  /** The effective expiry instant: expired at this instant and after. */
  readonly expiresAt: number;
  /** Local start of the deletion day (day 15 after the effective expiration). */
  readonly deletionDay: number;
  readonly deletedAt: number;
  /**
   * Where each reactivation tier starts, in the policy's tier order: the local start of
   * day `expirationDay + fromDay`, never before expiry nor after deletion. Tier 0 starts
   * at `expiresAt`. Fees and the timeline both read these.
   */
  readonly tierStartsAt: readonly number[];
  /** Last day on which recovery is possible: effective expiration + 6 months, clamped (R-TZ-4). */
  readonly lastRecoverableDay: number;
  /** Local start of the day after the last recoverable day. */
  readonly unrecoverableAt: number;
}

/** The boundaries of a parsed subscription under a compiled policy. */
export function boundariesOf(subscription: ParsedSubscription, policy: CompiledPolicy): Boundaries {
  return boundariesOfDays(subscription.originalExpirationDay, subscription.expirationDay, policy);
}

/** The boundaries for an original and an effective expiration day. */
export function boundariesOfDays(
  originalExpirationDay: DayNumber | number,
  expirationDay: DayNumber | number,
  policy: CompiledPolicy,
): Boundaries {
  const { zone, expiryMs } = policy;
  const { renewalInvoiceDaysBefore, deletionDay: deletionAfter, recoveryWindowMonths } = policy.policy;
  const renewalDueAt = instantOf(zone, originalExpirationDay - renewalInvoiceDaysBefore, 0);
  // R-TZ-2: a subscription expires at the policy's expiry time, local, on its expiration date.
  const originalExpiresAt = Math.max(renewalDueAt, instantOf(zone, originalExpirationDay, expiryMs));
  // Without an extension the effective expiry is the original one, already worked out.
  const expiresAt =
    expirationDay === originalExpirationDay ? originalExpiresAt : Math.max(originalExpiresAt, instantOf(zone, expirationDay, expiryMs));
  const deletionDay = expirationDay + deletionAfter;
  const deletedAt = Math.max(expiresAt, instantOf(zone, deletionDay, 0));
  const tierStartsAt = policy.tiers.map((tier) =>
    tier.fromDay === 0 ? expiresAt : Math.min(deletedAt, Math.max(expiresAt, instantOf(zone, expirationDay + tier.fromDay, 0))),
  );
  const lastRecoverableDay = addMonthsToDayNumber(expirationDay, recoveryWindowMonths);
  const unrecoverableAt = Math.max(deletedAt, instantOf(zone, lastRecoverableDay + 1, 0));
  // Never leaves the library (results copy what they need), so readonly types suffice: not frozen.
  return {
    originalExpirationDay,
    expirationDay,
    renewalDueAt,
    originalExpiresAt,
    expiresAt,
    deletionDay,
    deletedAt,
    tierStartsAt,
    lastRecoverableDay,
    unrecoverableAt,
  };
}
