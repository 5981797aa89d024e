import { ExpiryInputError } from '../errors.js';
import { parseInstant, type Instant } from '../input/instant.js';
import { temporalTypeOf } from '../input/temporal.js';
import { atTheDoor, describe, isRecord, readField, requireRecord } from '../input/read.js';
import { parseSubscription } from '../input/subscription.js';
import { requireLifecycleInRange } from '../lifecycle/range.js';
import { resolvePolicy } from '../policy/compile.js';
import type { Policy } from '../policy/types.js';
import { decideExtension, type ParsedRequest } from './eligibility.js';
import type { ExtensionDecision, ExtensionRequest } from './types.js';

/** The longest list of earlier requests taken: the cooldown needs only the most recent. */
const MAX_PREVIOUS_REQUESTS = 10_000;

/**
 * Decides a temporary-extension request: grants it, with the new
 * expiration date and instant, or refuses it listing every reason that applies, each
 * with a message a customer can read and, where one exists, the date or instant from
 * which the request would succeed.
 *
 * - The order id must be present and of the policy's form (`XXX-XXX-XXXXX`).
 * - A request is in time from the local start of the effective expiration
 *   date − 7 days (policy `requestDaysBefore`) until the data is deleted.
 * - After an earlier request, a new one is refused until the local start of
 *   the day `cooldownDays` (90) after the earlier request's local date.
 * - A granted extension lasts 7 days from the later of the request's local
 *   date and the expiration date, and ends at the policy's expiry time on `endsOn`.
 *
 * @param request - `{ orderId?, requestedAt, subscription, previousRequests? }` (at most 10,000 earlier requests)
 * @param policy - the policy (default: {@link defaultPolicy})
 * @returns a frozen decision, a discriminated union on `eligible`
 * @throws ExpiryInputError for an unreadable request; PolicyError for a policy `definePolicy` did not make
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
  const parsed = atTheDoor('request', () => parseRequest(request));
  const compiled = resolvePolicy(policy);
  requireLifecycleInRange(parsed.subscription, compiled, 'request.subscription');
  return decideExtension(parsed, compiled);
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
    throw new ExpiryInputError(
      'wrong-type',
      `${path}.orderId`,
      `expected the order id as a string such as "ABC-123-45678", got ${describe(rawOrderId)}`,
    );
  }

  const requestedAt = parseInstant(readField(record, 'requestedAt', path), `${path}.requestedAt`);
  const subscription = parseSubscription(readField(record, 'subscription', path), `${path}.subscription`);

  const rawPrevious = readField(record, 'previousRequests', path);
  const previousRequests: Instant[] = [];
  if (rawPrevious !== undefined && rawPrevious !== null) {
    const listPath = `${path}.previousRequests`;
    if (!Array.isArray(rawPrevious)) {
      throw new ExpiryInputError(
        'wrong-type',
        listPath,
        `expected an array of instants (or of { requestedAt }), got ${describe(rawPrevious)}`,
      );
    }
    // The length is checked before any entry is read: a proxy whose length claims a billion
    // of the same instant would otherwise be walked until memory ran out.
    const length: unknown = rawPrevious.length;
    if (typeof length !== 'number' || !(length <= MAX_PREVIOUS_REQUESTS)) {
      throw new ExpiryInputError(
        'invalid-value',
        listPath,
        `expected at most ${MAX_PREVIOUS_REQUESTS} earlier requests (the most recent are enough), got a list of length ${describe(length)}`,
      );
    }
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
