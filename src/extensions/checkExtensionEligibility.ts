import { ExpiryInputError } from '../errors.js';
import { formatDayNumber } from '../clock/civil.js';
import { formatTimeOfDay } from '../clock/timeOfDay.js';
import { instantOf, localDayOf } from '../clock/zone.js';
import { parseInstant, type Instant } from '../input/instant.js';
import { temporalTypeOf } from '../input/temporal.js';
import { atTheDoor, describe, isRecord, readField, requireRecord } from '../input/read.js';
import { parseSubscription, type ParsedSubscription } from '../input/subscription.js';
import { boundariesFor, boundariesOf } from '../lifecycle/boundaries.js';
import { resolvePolicy, type CompiledPolicy } from '../policy/compile.js';
import type { Policy } from '../policy/types.js';
import { isPlaceholder, orderIdFormatOf, readOrderId } from './findOrderId.js';
import type { ExtensionDecision, ExtensionRefusal, ExtensionRequest } from './types.js';
import { resultDate } from '../results.js';

/**
 * Decides a temporary-extension request (R-EXT-1…5): grants it, with the new
 * expiration date and instant, or refuses it listing every reason that applies, each
 * with a message a customer can read and, where one exists, the date or instant from
 * which the request would succeed.
 *
 * - R-EXT-1 the order id must be present and of the policy's form (`XXX-XXX-XXXXX`).
 * - R-EXT-2 a request is in time from the local start of the effective expiration
 *   date − 7 days (policy `requestDaysBefore`) until the data is deleted.
 * - R-EXT-3 after an earlier request, a new one is refused until the local start of
 *   the day `cooldownDays` (90) after the earlier request's local date.
 * - R-EXT-5 a granted extension lasts 7 days from the later of the request's local
 *   date and the expiration date, and ends at the policy's expiry time on `endsOn`.
 *
 * @param request - `{ orderId?, requestedAt, subscription, previousRequests? }`
 * @param policy - the policy (default: {@link defaultPolicy})
 * @returns a frozen decision, a discriminated union on `eligible`
 * @throws ExpiryInputError for an unreadable request; PolicyError for an invalid policy
 *
 * @example
 * const decision = checkExtensionEligibility({
 *   orderId: 'abc-123-45678',
 *   requestedAt: '2026-03-10T15:00:00Z',
 *   subscription: { expirationDate: '2026-03-08' },
 * });
 * if (decision.eligible) {
 *   decision.orderId; //=> 'ABC-123-45678'
 *   decision.extension; //=> { endsOn: '2026-03-17', endsAt: new Date('2026-03-18T03:59:59Z') }
 * }
 */
export function checkExtensionEligibility(request: ExtensionRequest, policy?: Policy): ExtensionDecision {
  const compiled = atTheDoor('policy', () => resolvePolicy(policy));
  const parsed = atTheDoor('request', () => parseRequest(request));
  return decide(parsed, compiled);
}

/** A request checked at the door. */
interface ParsedRequest {
  /** Trimmed; `undefined` when absent, null or blank. */
  readonly orderId: string | undefined;
  readonly requestedAt: Instant;
  readonly subscription: ParsedSubscription;
  readonly previousRequests: readonly Instant[];
}

function decide(request: ParsedRequest, policy: CompiledPolicy): ExtensionDecision {
  const { timeZone } = policy;
  const { requestDaysBefore, durationDays, cooldownDays } = policy.policy.extensions;
  const format = orderIdFormatOf(policy.policy);
  const boundaries = boundariesOf(request.subscription, policy);
  const now = request.requestedAt;
  const reasons: ExtensionRefusal[] = [];
  const zoneNote = `${timeZone} time`;

  // R-EXT-1: missing and malformed are different reasons; the template's placeholder is no id.
  const orderId = request.orderId === undefined ? undefined : readOrderId(request.orderId, format);
  if (request.orderId === undefined || isPlaceholder(request.orderId, format)) {
    const placeholder = request.orderId !== undefined;
    reasons.push({
      code: 'order-id-missing',
      message: placeholder
        ? `The order ID is still the template's placeholder ${format.display}; please replace it with your own order ID, shown with your order on your account page.`
        : `Please include your order ID, in the form ${format.display} (letters or digits), shown with your order on your account page.`,
      expectedFormat: format.display,
    });
  } else if (orderId === undefined) {
    reasons.push({
      code: 'order-id-malformed',
      message: `${describe(request.orderId)} is not an order ID: an order ID has the form ${format.display} (letters or digits), as shown with your order on your account page.`,
      expectedFormat: format.display,
    });
  }

  // R-EXT-2: in time from the local start of (effective expiration − requestDaysBefore).
  const opensOnDay = boundaries.expirationDay - requestDaysBefore;
  const opensAt = instantOf(timeZone, opensOnDay, 0);
  const expirationDate = formatDayNumber(boundaries.expirationDay);
  if (now < opensAt) {
    const eligibleFromDate = formatDayNumber(opensOnDay);
    reasons.push({
      code: 'too-early',
      message: `It is too early to request an extension: requests are accepted from ${eligibleFromDate} (${requestDaysBefore === 0 ? 'the expiration date' : `${countDays(requestDaysBefore)} before the expiration date ${expirationDate}`}, ${zoneNote}).`,
      eligibleFrom: resultDate(opensAt),
      eligibleFromDate,
    });
  }

  // R-EXT-3: the latest earlier request decides when the cooldown ends (local start of that day).
  let blocking: { readonly at: number; readonly retryDay: number; readonly retryAfter: number } | undefined;
  for (const previous of request.previousRequests) {
    if (previous > now) continue; // a later request cannot block an earlier one
    const retryDay = localDayOf(timeZone, previous) + cooldownDays;
    const retryAfter = instantOf(timeZone, retryDay, 0);
    if (retryAfter > now && (blocking === undefined || retryAfter > blocking.retryAfter || (retryAfter === blocking.retryAfter && previous > blocking.at))) {
      blocking = { at: previous, retryDay, retryAfter };
    }
  }
  if (blocking !== undefined) {
    const previousDate = formatDayNumber(localDayOf(timeZone, blocking.at));
    const retryAfterDate = formatDayNumber(blocking.retryDay);
    const tooLate = blocking.retryAfter >= boundaries.deletedAt && now < boundaries.deletedAt
      ? `; by then this subscription's data will have been deleted (${formatDayNumber(boundaries.deletionDay)}), so no further extension can be granted for it`
      : '';
    reasons.push({
      code: 'recent-request',
      message: `An extension was already requested on ${previousDate}; a new request can be accepted from ${retryAfterDate} (${zoneNote}), ${countDays(cooldownDays)} after it${tooLate}.`,
      previousRequestAt: resultDate(blocking.at),
      retryAfter: resultDate(blocking.retryAfter),
      retryAfterDate,
    });
  }

  // R-EXT-2: through the expired phase; once the data is deleted, never.
  if (now >= boundaries.deletedAt) {
    const deletionDate = formatDayNumber(boundaries.deletionDay);
    const lastRecoverableDate = formatDayNumber(boundaries.lastRecoverableDay);
    const next = now < boundaries.unrecoverableAt
      ? `its data can still be recovered from backup, for a recovery fee, through ${lastRecoverableDate}`
      : `the recovery window closed after ${lastRecoverableDate}, so a new subscription is needed`;
    reasons.push({
      code: 'data-deleted',
      message: `This subscription's data was deleted on ${deletionDate}, so it can no longer be extended; ${next}.`,
      deletedAt: resultDate(boundaries.deletedAt),
      deletionDate,
    });
  }

  if (reasons.length > 0 || orderId === undefined) {
    return Object.freeze({ eligible: false, reasons: Object.freeze(reasons.map((reason) => Object.freeze(reason))) });
  }

  // R-EXT-5: durationDays from the later of the request's local date and the expiration date.
  const endsOnDay = Math.max(localDayOf(timeZone, now), boundaries.expirationDay) + durationDays;
  const endsOn = formatDayNumber(endsOnDay);
  // The same boundaries the status will read once the extension is passed back (R-ST-2).
  const endsAt = boundariesFor(request.subscription.originalExpirationDay, endsOnDay, policy).expiresAt;
  return Object.freeze({
    eligible: true,
    orderId,
    extension: Object.freeze({ endsOn, endsAt: resultDate(endsAt) }),
    message: `Your extension for order ${orderId} is granted: the subscription now runs through ${endsOn} and expires at ${formatTimeOfDay(policy.expiryMs)} that day (${zoneNote}).`,
  });
}

/** "1 day", "7 days". */
function countDays(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

function parseRequest(value: unknown): ParsedRequest {
  const path = 'request';
  const record = requireRecord(value, path, 'an extension request');

  const rawOrderId = readField(record, 'orderId', path);
  let orderId: string | undefined;
  if (typeof rawOrderId === 'string') {
    const trimmed = rawOrderId.trim();
    orderId = trimmed.length === 0 ? undefined : trimmed;
  } else if (rawOrderId !== undefined && rawOrderId !== null) {
    throw new ExpiryInputError('wrong-type', `${path}.orderId`, `expected the order id as a string such as "ABC-123-45678", got ${describe(rawOrderId)}`);
  }

  const requestedAt = parseInstant(readField(record, 'requestedAt', path), `${path}.requestedAt`);
  const subscription = parseSubscription(readField(record, 'subscription', path), `${path}.subscription`);

  const rawPrevious = readField(record, 'previousRequests', path);
  const previousRequests: Instant[] = [];
  if (rawPrevious !== undefined && rawPrevious !== null) {
    const listPath = `${path}.previousRequests`;
    if (!Array.isArray(rawPrevious)) {
      throw new ExpiryInputError('wrong-type', listPath, `expected an array of instants (or of { requestedAt }), got ${describe(rawPrevious)}`);
    }
    const length = rawPrevious.length;
    for (let index = 0; index < length; index += 1) {
      const itemPath = `${listPath}[${index}]`;
      let item: unknown;
      try {
        item = rawPrevious[index];
      } catch {
        throw new ExpiryInputError('unreadable', itemPath, 'this entry could not be read (its getter threw)');
      }
      previousRequests.push(
        isRecord(item) && !(item instanceof Date) && temporalTypeOf(item) === undefined
          ? parseInstant(readField(item, 'requestedAt', itemPath), `${itemPath}.requestedAt`)
          : parseInstant(item, itemPath),
      );
    }
  }
  return { orderId, requestedAt, subscription, previousRequests };
}

