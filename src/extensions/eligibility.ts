import { formatDayNumber } from '../clock/civil.js';
import { formatTimeOfDay } from '../clock/timeOfDay.js';
import { instantOf, localDayOf } from '../clock/zone.js';
import type { Instant } from '../input/instant.js';
import { describe } from '../input/read.js';
import type { ParsedSubscription } from '../input/subscription.js';
import { boundariesOfDays, boundariesOf, type Boundaries } from '../lifecycle/boundaries.js';
import { lifecycleFits } from '../lifecycle/range.js';
import type { CompiledPolicy } from '../policy/compile.js';
import { resultDate } from '../results.js';
import { isPlaceholder, type OrderIdShape, orderIdShapeOf, readOrderId } from './findOrderId.js';
import type { ExtensionDecision, ExtensionRefusal } from './types.js';

/** A request checked at the door. */
export interface ParsedRequest {
  /** Trimmed; `undefined` when absent, null or blank. */
  readonly orderId: string | undefined;
  readonly requestedAt: Instant;
  readonly subscription: ParsedSubscription;
  readonly previousRequests: readonly Instant[];
}

/**
 * The decision on a parsed extension request (R-EXT-4): every refusal reason that applies,
 * in the order order id, timing, cooldown, deletion, supported dates; else the grant.
 */
export function decideExtension(request: ParsedRequest, policy: CompiledPolicy): ExtensionDecision {
  const boundaries = boundariesOf(request.subscription, policy);
  // R-EXT-5: durationDays from the later of the request's local date and the expiration date.
  const endsOnDay =
    Math.max(localDayOf(policy.zone, request.requestedAt), boundaries.expirationDay) + policy.policy.extensions.durationDays;
  const shape = orderIdShapeOf(policy.policy.extensions.orderId);
  const orderId = request.orderId === undefined ? undefined : readOrderId(request.orderId, shape);
  const reasons = [
    orderIdRefusal(request.orderId, orderId, shape),
    tooEarlyRefusal(request.requestedAt, boundaries, policy),
    recentRequestRefusal(request, boundaries, policy),
    dataDeletedRefusal(request.requestedAt, boundaries),
    beyondSupportedDatesRefusal(request.subscription.originalExpirationDay, endsOnDay, policy),
  ].filter((reason): reason is ExtensionRefusal => reason !== undefined);
  if (reasons.length > 0 || orderId === undefined) {
    return Object.freeze({ eligible: false, reasons: Object.freeze(reasons.map((reason) => Object.freeze(reason))) });
  }
  return grant(orderId, request.subscription.originalExpirationDay, endsOnDay, policy);
}

/** R-EXT-1: missing and malformed are different reasons; the template's placeholder is no id. */
function orderIdRefusal(raw: string | undefined, orderId: string | undefined, format: OrderIdShape): ExtensionRefusal | undefined {
  if (raw === undefined || isPlaceholder(raw, format)) {
    return {
      code: 'order-id-missing',
      message:
        raw === undefined
          ? `Please include your order ID, in the form ${format.display} (letters or digits), shown with your order on your account page.`
          : `The order ID is still the template's placeholder ${format.display}; please replace it with your own order ID, shown with your order on your account page.`,
      expectedFormat: format.display,
    };
  }
  if (orderId !== undefined) return undefined;
  return {
    code: 'order-id-malformed',
    message: `${describe(raw)} is not an order ID: an order ID has the form ${format.display} (letters or digits), as shown with your order on your account page.`,
    expectedFormat: format.display,
  };
}

/** R-EXT-2: in time from the local start of (effective expiration − requestDaysBefore). */
function tooEarlyRefusal(now: number, boundaries: Boundaries, policy: CompiledPolicy): ExtensionRefusal | undefined {
  const { requestDaysBefore } = policy.policy.extensions;
  const opensOnDay = boundaries.expirationDay - requestDaysBefore;
  const opensAt = instantOf(policy.zone, opensOnDay, 0);
  if (now >= opensAt) return undefined;
  const eligibleFromDate = formatDayNumber(opensOnDay);
  const expirationDate = formatDayNumber(boundaries.expirationDay);
  return {
    code: 'too-early',
    message: `It is too early to request an extension: requests are accepted from ${eligibleFromDate} (${requestDaysBefore === 0 ? 'the expiration date' : `${countDays(requestDaysBefore)} before the expiration date ${expirationDate}`}, ${policy.timeZone} time).`,
    eligibleFrom: resultDate(opensAt),
    eligibleFromDate,
  };
}

/** R-EXT-3: the latest earlier request decides when the cooldown ends (local start of that day). */
function recentRequestRefusal(request: ParsedRequest, boundaries: Boundaries, policy: CompiledPolicy): ExtensionRefusal | undefined {
  const { cooldownDays } = policy.policy.extensions;
  const now = request.requestedAt;
  let blocking: { readonly at: number; readonly retryDay: number; readonly retryAfter: number } | undefined;
  for (const previous of request.previousRequests) {
    if (previous > now) continue; // a later request cannot block an earlier one
    const retryDay = localDayOf(policy.zone, previous) + cooldownDays;
    const retryAfter = instantOf(policy.zone, retryDay, 0);
    if (
      retryAfter > now &&
      (blocking === undefined || retryAfter > blocking.retryAfter || (retryAfter === blocking.retryAfter && previous > blocking.at))
    ) {
      blocking = { at: previous, retryDay, retryAfter };
    }
  }
  if (blocking === undefined) return undefined;
  const previousDate = formatDayNumber(localDayOf(policy.zone, blocking.at));
  const retryAfterDate = formatDayNumber(blocking.retryDay);
  const tooLate =
    blocking.retryAfter >= boundaries.deletedAt && now < boundaries.deletedAt
      ? `; by then this subscription's data will have been deleted (${formatDayNumber(boundaries.deletionDay)}), so no further extension can be granted for it`
      : '';
  return {
    code: 'recent-request',
    message: `An extension was already requested on ${previousDate}; a new request can be accepted from ${retryAfterDate} (${policy.timeZone} time), ${countDays(cooldownDays)} after it${tooLate}.`,
    previousRequestAt: resultDate(blocking.at),
    retryAfter: resultDate(blocking.retryAfter),
    retryAfterDate,
  };
}

/** R-EXT-2: through the expired phase; once the data is deleted, never. */
function dataDeletedRefusal(now: number, boundaries: Boundaries): ExtensionRefusal | undefined {
  if (now < boundaries.deletedAt) return undefined;
  const deletionDate = formatDayNumber(boundaries.deletionDay);
  const lastRecoverableDate = formatDayNumber(boundaries.lastRecoverableDay);
  const next =
    now < boundaries.unrecoverableAt
      ? `its data can still be recovered from backup, for a recovery fee, through ${lastRecoverableDate}`
      : `the recovery window closed after ${lastRecoverableDate}, so a new subscription is needed`;
  return {
    code: 'data-deleted',
    message: `This subscription's data was deleted on ${deletionDate}, so it can no longer be extended; ${next}.`,
    deletedAt: resultDate(boundaries.deletedAt),
    deletionDate,
  };
}

/** R-IN-5: a granted end must be accepted back, so its whole lifecycle must stay in 1900–2999. */
function beyondSupportedDatesRefusal(
  originalExpirationDay: number,
  endsOnDay: number,
  policy: CompiledPolicy,
): ExtensionRefusal | undefined {
  if (lifecycleFits(originalExpirationDay, endsOnDay, policy)) return undefined;
  const endsOn = formatDayNumber(endsOnDay);
  return {
    code: 'beyond-supported-dates',
    message: `An extension to ${endsOn} cannot be granted: its reminders and recovery window would run past 2999-12-31, the last date this service supports.`,
    endsOn,
  };
}

/** R-EXT-5: the grant, ending at the policy's expiry time on `endsOn`. */
function grant(orderId: string, originalExpirationDay: number, endsOnDay: number, policy: CompiledPolicy): ExtensionDecision {
  const endsOn = formatDayNumber(endsOnDay);
  // The same boundaries the status will read once the extension is passed back (R-ST-2).
  const endsAt = boundariesOfDays(originalExpirationDay, endsOnDay, policy).expiresAt;
  return Object.freeze({
    eligible: true,
    orderId,
    extension: Object.freeze({ endsOn, endsAt: resultDate(endsAt) }),
    message: `Your extension for order ${orderId} is granted: the subscription now runs through ${endsOn} and expires at ${formatTimeOfDay(policy.expiryMs)} that day (${policy.timeZone} time).`,
  });
}

/** "1 day", "7 days". */
function countDays(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}
