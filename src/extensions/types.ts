import type { Subscription } from '../input/subscription.js';

import type { InstantInput } from '../input/instant.js';

export type { InstantInput };

/**
 * A request for a temporary extension, as a support system receives it from
 * a ticket.
 *
 * @example
 * const ticket = 'Please extend my subscription, order ID abc-123-45678. Thanks!';
 * const request: ExtensionRequest = {
 *   orderId: findOrderId(ticket),
 *   requestedAt: '2026-03-10T15:00:00Z',
 *   subscription: { expirationDate: '2026-03-08' },
 *   previousRequests: [{ requestedAt: '2025-10-02T09:00:00Z' }],
 * };
 * checkExtensionEligibility(request).eligible; //=> true
 */
export interface ExtensionRequest {
  /** The order id, `XXX-XXX-XXXXX` (letters or digits, any case); use {@link findOrderId} on a ticket's text. */
  readonly orderId?: string | undefined;
  /** When the customer asked. */
  readonly requestedAt: InstantInput;
  /** The subscription the order belongs to. */
  readonly subscription: Subscription;
  /**
   * Earlier extension requests of this subscription: instants, or records with
   * a `requestedAt` such as the requests you stored. Only those at or before
   * `requestedAt` count; one at the very same instant is this request checked again.
   */
  readonly previousRequests?: readonly (InstantInput | { readonly requestedAt: InstantInput })[] | undefined;
}

/**
 * Why an extension is refused.
 *
 * @example
 * const decision = checkExtensionEligibility({ requestedAt: '2026-03-25T12:00:00Z', subscription: { expirationDate: '2026-03-08' } });
 * const codes: ExtensionRefusalCode[] = decision.eligible ? [] : decision.reasons.map((reason) => reason.code);
 * //=> ['order-id-missing', 'data-deleted']
 */
export type ExtensionRefusalCode =
  | 'order-id-missing'
  | 'order-id-malformed'
  | 'too-early'
  | 'recent-request'
  | 'data-deleted'
  | 'beyond-supported-dates';

/**
 * One reason for a refusal, with a message a customer can read, a
 * discriminated union on `code`: each code carries the dates that explain it.
 *
 * @example
 * const decision = checkExtensionEligibility({
 *   orderId: 'ABC-123-45678',
 *   requestedAt: '2026-03-10T15:00:00Z',
 *   subscription: { expirationDate: '2026-03-08' },
 *   previousRequests: ['2025-12-20T10:00:00-05:00'],
 * });
 * const reason: ExtensionRefusal | undefined = decision.eligible ? undefined : decision.reasons[0];
 * if (reason?.code === 'recent-request') reason.retryAfterDate; //=> '2026-03-20' (90 days after 2025-12-20)
 */
export type ExtensionRefusal =
  | {
      readonly code: 'order-id-missing';
      readonly message: string;
      /** The form an order id takes under the policy, such as `XXX-XXX-XXXXX`. */
      readonly expectedFormat: string;
    }
  | {
      readonly code: 'order-id-malformed';
      readonly message: string;
      readonly expectedFormat: string;
    }
  | {
      readonly code: 'too-early';
      readonly message: string;
      /** The first instant a request is in time: the local start of `eligibleFromDate`. */
      readonly eligibleFrom: Date;
      readonly eligibleFromDate: string;
    }
  | {
      readonly code: 'recent-request';
      readonly message: string;
      /** The earlier request that blocks this one (the latest of them). */
      readonly previousRequestAt: Date;
      /** The first instant a new request is accepted: the local start of `retryAfterDate`. */
      readonly retryAfter: Date;
      readonly retryAfterDate: string;
    }
  | {
      readonly code: 'data-deleted';
      readonly message: string;
      /** When the data was deleted; no later request can succeed for this expiration date. */
      readonly deletedAt: Date;
      readonly deletionDate: string;
    }
  | {
      readonly code: 'beyond-supported-dates';
      readonly message: string;
      /** The end the extension would have had: its lifecycle would leave the supported years 1900–2999. */
      readonly endsOn: string;
    };

/**
 * A granted extension; pass it back as `subscription.extension`.
 *
 * @example
 * const subscription = { expirationDate: '2026-03-08' };
 * const decision = checkExtensionEligibility({ orderId: 'ABC-123-45678', requestedAt: '2026-03-10T15:00:00Z', subscription });
 * if (decision.eligible) {
 *   const extension: GrantedExtension = decision.extension; //=> { endsOn: '2026-03-17', endsAt: new Date('2026-03-18T03:59:59Z') }
 *   getExpiryStatus({ ...subscription, extension }, '2026-03-12T12:00:00Z').phase; //=> 'extended'
 * }
 */
export interface GrantedExtension {
  /** The new effective expiration date, `YYYY-MM-DD`. */
  readonly endsOn: string;
  /** The new expiry instant: the policy's expiry time on `endsOn`. */
  readonly endsAt: Date;
}

/**
 * The decision on an extension request, a discriminated union on `eligible`.
 *
 * @example
 * function reply(decision: ExtensionDecision): string {
 *   return decision.eligible ? decision.message : decision.reasons.map((reason) => reason.message).join('\n');
 * }
 * reply(checkExtensionEligibility({ orderId: 'ABC-123-45678', requestedAt: '2026-02-20T15:00:00Z', subscription: { expirationDate: '2026-03-08' } }));
 * //=> 'It is too early to request an extension: requests are accepted from 2026-03-01 (7 days before the expiration date 2026-03-08, America/New_York time).'
 */
export type ExtensionDecision =
  | {
      readonly eligible: true;
      /** The order id, upper-case. */
      readonly orderId: string;
      readonly extension: GrantedExtension;
      /** A confirmation a customer can read. */
      readonly message: string;
    }
  | {
      readonly eligible: false;
      /** Every reason that applies, in the order order id, timing, cooldown, deletion, supported dates. */
      readonly reasons: readonly ExtensionRefusal[];
    };
