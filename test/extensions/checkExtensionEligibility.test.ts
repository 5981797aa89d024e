import { describe, expect, it } from 'vitest';
import { ExpiryInputError } from '../../src/errors.js';
import { checkExtensionEligibility } from '../../src/extensions/checkExtensionEligibility.js';
import { findOrderId } from '../../src/extensions/findOrderId.js';
import type { ExtensionDecision, ExtensionRefusal } from '../../src/extensions/types.js';
import { getExpiryStatus } from '../../src/lifecycle/getExpiryStatus.js';
import { getTimeline } from '../../src/timeline/getTimeline.js';
import { definePolicy } from '../../src/policy/definePolicy.js';
import { thrown, inputErrorOf } from '../support/errors.js';

const subscription = { expirationDate: '2026-03-08' };
const ORDER = 'ABC-123-45678';
const TEMPLATE =
  'My subscription has expired. Can you please create a support ticket for me to request a temporary extension for my order ID XXX-XXX-XXXXX ?';
const before = (iso: string) => Date.parse(iso) - 1;

function reasonsOf(decision: ExtensionDecision): readonly ExtensionRefusal[] {
  if (decision.eligible) throw new Error(`expected a refusal, got a grant until ${decision.extension.endsOn}`);
  return decision.reasons;
}
const codesOf = (decision: ExtensionDecision) => reasonsOf(decision).map((reason) => reason.code);

describe('checkExtensionEligibility', () => {
  it('R-EXT-5 grants 7 days from the request date when asked after expiry (seed 001), ending at 23:59:59 local', () => {
    expect(checkExtensionEligibility({ orderId: 'abc-123-45678', requestedAt: '2026-03-10T15:00:00Z', subscription })).toEqual({
      eligible: true,
      orderId: ORDER,
      extension: { endsOn: '2026-03-17', endsAt: new Date('2026-03-18T03:59:59Z') },
      message:
        'Your extension for order ABC-123-45678 is granted: the subscription now runs through 2026-03-17 and expires at 23:59:59 that day (America/New_York time).',
    });
  });

  it('R-EXT-5 grants 7 days from the expiration date when asked before it', () => {
    const decision = checkExtensionEligibility({ orderId: ORDER, requestedAt: '2026-03-05T15:00:00Z', subscription });
    expect(decision).toMatchObject({ eligible: true, extension: { endsOn: '2026-03-15', endsAt: new Date('2026-03-16T03:59:59Z') } });
  });

  it('R-EXT-5 counts the request by its local date: 2026-03-11 00:30 EDT is the 11th, though 04:30Z', () => {
    const decision = checkExtensionEligibility({ orderId: ORDER, requestedAt: '2026-03-11T04:30:00Z', subscription });
    expect(decision).toMatchObject({ eligible: true, extension: { endsOn: '2026-03-18' } });
    const evening = checkExtensionEligibility({ orderId: ORDER, requestedAt: '2026-03-11T03:30:00Z', subscription });
    expect(evening).toMatchObject({ eligible: true, extension: { endsOn: '2026-03-17' } });
  });

  it('R-EXT-5 ends at the expiry time on endsOn across a DST change (EDT request, EST end)', () => {
    const decision = checkExtensionEligibility({
      orderId: ORDER,
      requestedAt: '2026-10-31T16:00:00Z',
      subscription: { expirationDate: '2026-10-30' },
    });
    expect(decision).toMatchObject({ eligible: true, extension: { endsOn: '2026-11-07', endsAt: new Date('2026-11-08T04:59:59Z') } });
  });

  it('R-EXT-2 opens the window at local midnight 7 days before expiry: 2026-03-01T05:00:00Z', () => {
    const early = checkExtensionEligibility({ orderId: ORDER, requestedAt: before('2026-03-01T05:00:00Z'), subscription });
    expect(reasonsOf(early)).toEqual([
      {
        code: 'too-early',
        message:
          'It is too early to request an extension: requests are accepted from 2026-03-01 (7 days before the expiration date 2026-03-08, America/New_York time).',
        eligibleFrom: new Date('2026-03-01T05:00:00Z'),
        eligibleFromDate: '2026-03-01',
      },
    ]);
    expect(checkExtensionEligibility({ orderId: ORDER, requestedAt: '2026-03-01T05:00:00Z', subscription })).toMatchObject({
      eligible: true,
      extension: { endsOn: '2026-03-15' },
    });
  });

  it('R-EXT-2 stays open through the expired phase (day 14) and refuses from deletion (day 15, local midnight)', () => {
    const lastChance = checkExtensionEligibility({ orderId: ORDER, requestedAt: before('2026-03-23T04:00:00Z'), subscription });
    expect(lastChance).toMatchObject({ eligible: true, extension: { endsOn: '2026-03-29' } });
    const deleted = checkExtensionEligibility({ orderId: ORDER, requestedAt: '2026-03-23T04:00:00Z', subscription });
    expect(reasonsOf(deleted)).toEqual([
      {
        code: 'data-deleted',
        message:
          "This subscription's data was deleted on 2026-03-23, so it can no longer be extended; its data can still be recovered from backup, for a recovery fee, through 2026-09-08.",
        deletedAt: new Date('2026-03-23T04:00:00Z'),
        deletionDate: '2026-03-23',
      },
    ]);
    const gone = reasonsOf(checkExtensionEligibility({ orderId: ORDER, requestedAt: '2026-10-01T12:00:00Z', subscription }));
    expect(gone[0]?.message).toContain('the recovery window closed after 2026-09-08, so a new subscription is needed');
  });

  it('R-EXT-3 refuses through the last day of the 90-day cooldown and accepts from local midnight of the first day after', () => {
    // An earlier request on 2026-03-02 (10:00 EST); this subscription's window for 2026-06-05 opens 2026-05-29.
    const renewed = { expirationDate: '2026-06-05' };
    const previousRequests = ['2026-03-02T15:00:00Z'];
    const lastDay = checkExtensionEligibility({
      orderId: ORDER,
      requestedAt: before('2026-05-31T04:00:00Z'),
      subscription: renewed,
      previousRequests,
    });
    expect(reasonsOf(lastDay)).toEqual([
      {
        code: 'recent-request',
        message:
          'An extension was already requested on 2026-03-02; a new request can be accepted from 2026-05-31 (America/New_York time), 90 days after it.',
        previousRequestAt: new Date('2026-03-02T15:00:00Z'),
        retryAfter: new Date('2026-05-31T04:00:00Z'),
        retryAfterDate: '2026-05-31',
      },
    ]);
    const firstDay = checkExtensionEligibility({
      orderId: ORDER,
      requestedAt: '2026-05-31T04:00:00Z',
      subscription: renewed,
      previousRequests,
    });
    expect(firstDay).toMatchObject({ eligible: true, extension: { endsOn: '2026-06-12' } });
  });

  it('R-EXT-3 takes previous requests as instants or { requestedAt } records, the latest blocking one decides, later ones are ignored', () => {
    const base = { orderId: ORDER, requestedAt: '2026-03-10T15:00:00Z', subscription };
    const asInstants = checkExtensionEligibility({
      ...base,
      previousRequests: [new Date('2026-01-10T15:00:00Z'), Date.parse('2026-02-10T15:00:00Z'), '2026-04-01T00:00:00Z'],
    });
    const asRecords = checkExtensionEligibility({
      ...base,
      previousRequests: [{ requestedAt: '2026-02-10T15:00:00Z' }, { requestedAt: '2026-01-10T15:00:00Z' }],
    });
    expect(reasonsOf(asInstants)).toEqual(reasonsOf(asRecords));
    expect(reasonsOf(asInstants)[0]).toMatchObject({
      code: 'recent-request',
      previousRequestAt: new Date('2026-02-10T15:00:00Z'),
      retryAfterDate: '2026-05-11',
    });
    // Only a request after this one: nothing blocks it.
    expect(checkExtensionEligibility({ ...base, previousRequests: ['2026-03-11T00:00:00Z'] }).eligible).toBe(true);
  });

  it('R-EXT-1 refuses a missing order id (absent, null or blank) as order-id-missing', () => {
    for (const orderId of [undefined, null, '', '   ']) {
      const decision = checkExtensionEligibility({ orderId: orderId as never, requestedAt: '2026-03-10T15:00:00Z', subscription });
      expect(reasonsOf(decision)).toEqual([
        {
          code: 'order-id-missing',
          message:
            'Please include your order ID, in the form XXX-XXX-XXXXX (letters or digits), shown with your order on your account page.',
          expectedFormat: 'XXX-XXX-XXXXX',
        },
      ]);
    }
  });

  it('R-EXT-1 refuses a malformed order id as order-id-malformed, quoting it', () => {
    for (const orderId of ['ABCD-123-45678', 'ABC-123-4567', 'ABC 123 45678', 'order ABC-123-45678', 'ABC-123-4567é']) {
      const [reason] = reasonsOf(checkExtensionEligibility({ orderId, requestedAt: '2026-03-10T15:00:00Z', subscription }));
      expect(reason).toEqual({
        code: 'order-id-malformed',
        message: `${JSON.stringify(orderId)} is not an order ID: an order ID has the form XXX-XXX-XXXXX (letters or digits), as shown with your order on your account page.`,
        expectedFormat: 'XXX-XXX-XXXXX',
      });
    }
    // Surrounding blanks are forgiven.
    expect(checkExtensionEligibility({ orderId: ' abc-123-45678\n', requestedAt: '2026-03-10T15:00:00Z', subscription })).toMatchObject({
      eligible: true,
      orderId: ORDER,
    });
  });

  it('R-EXT-6 seed 001: an unfilled template yields no order id, hence order-id-missing; the filled one is granted', () => {
    const requestedAt = '2026-03-10T15:00:00Z';
    const unfilled = checkExtensionEligibility({ orderId: findOrderId(TEMPLATE), requestedAt, subscription });
    expect(codesOf(unfilled)).toEqual(['order-id-missing']);
    const placeholder = reasonsOf(checkExtensionEligibility({ orderId: 'xxx-xxx-xxxxx', requestedAt, subscription }));
    expect(placeholder[0]).toMatchObject({
      code: 'order-id-missing',
      message: expect.stringContaining("template's placeholder XXX-XXX-XXXXX"),
    });
    const filled = checkExtensionEligibility({
      orderId: findOrderId(TEMPLATE.replace('XXX-XXX-XXXXX', 'q7w-e8r-t9y00')),
      requestedAt,
      subscription,
    });
    expect(filled).toMatchObject({ eligible: true, orderId: 'Q7W-E8R-T9Y00' });
  });

  it('R-EXT-4 lists every reason that applies, not only the first', () => {
    const early = checkExtensionEligibility({
      requestedAt: '2026-02-01T15:00:00Z',
      subscription,
      previousRequests: ['2026-01-20T15:00:00Z'],
    });
    expect(codesOf(early)).toEqual(['order-id-missing', 'too-early', 'recent-request']);
    const late = checkExtensionEligibility({
      orderId: 'AB-1',
      requestedAt: '2026-04-10T15:00:00Z',
      subscription,
      previousRequests: ['2026-03-10T15:00:00Z'],
    });
    expect(codesOf(late)).toEqual(['order-id-malformed', 'recent-request', 'data-deleted']);
    for (const reason of [...reasonsOf(early), ...reasonsOf(late)]) expect(reason.message.length).toBeGreaterThan(20);
  });

  it('R-ST-2 a granted extension passed back as subscription.extension moves the status and the timeline', () => {
    const decision = checkExtensionEligibility({ orderId: ORDER, requestedAt: '2026-03-10T15:00:00Z', subscription });
    if (!decision.eligible) throw new Error('expected a grant');
    const extended = { ...subscription, extension: decision.extension };
    expect(getExpiryStatus(subscription, '2026-03-10T15:00:00Z').phase).toBe('expired');
    expect(getExpiryStatus(extended, '2026-03-10T15:00:00Z')).toMatchObject({
      phase: 'extended',
      expirationDate: '2026-03-17',
      expiresAt: decision.extension.endsAt,
    });
    expect(getExpiryStatus(extended, decision.extension.endsAt.getTime() - 1).phase).toBe('extended');
    expect(getExpiryStatus(extended, decision.extension.endsAt).phase).toBe('expired');
    expect(getTimeline(extended).find((event) => event.event === 'extension-end')).toEqual({
      event: 'extension-end',
      date: '2026-03-17',
      at: decision.extension.endsAt,
    });
    // Asking again during the extension is refused by the cooldown.
    const again = checkExtensionEligibility({
      orderId: ORDER,
      requestedAt: '2026-03-16T15:00:00Z',
      subscription: extended,
      previousRequests: ['2026-03-10T15:00:00Z'],
    });
    expect(codesOf(again)).toEqual(['recent-request']);
  });

  it("R-POL-2 follows the policy's window, duration, cooldown and order-id form (Europe/Berlin)", () => {
    const policy = definePolicy({
      timeZone: 'Europe/Berlin',
      currency: 'EUR',
      extensions: { requestDaysBefore: 3, durationDays: 14, cooldownDays: 30, orderId: { groups: [4, 4], separator: '/' } },
    });
    const berlin = { expirationDate: '2026-03-28' };
    // Window opens 2026-03-25 00:00 CET = 2026-03-24T23:00Z.
    expect(
      codesOf(
        checkExtensionEligibility({ orderId: 'abcd/1234', requestedAt: before('2026-03-24T23:00:00Z'), subscription: berlin }, policy),
      ),
    ).toEqual(['too-early']);
    expect(
      checkExtensionEligibility({ orderId: 'abcd/1234', requestedAt: '2026-03-24T23:00:00Z', subscription: berlin }, policy),
    ).toMatchObject({
      eligible: true,
      orderId: 'ABCD/1234',
      // 2026-03-28 + 14 days, 23:59:59 CEST.
      extension: { endsOn: '2026-04-11', endsAt: new Date('2026-04-11T21:59:59Z') },
    });
    const wrongForm = reasonsOf(
      checkExtensionEligibility({ orderId: ORDER, requestedAt: '2026-03-26T12:00:00Z', subscription: berlin }, policy),
    );
    expect(wrongForm).toMatchObject([{ code: 'order-id-malformed', expectedFormat: 'XXXX/XXXX' }]);
  });

  it('R-PURE-2 returns deeply frozen decisions', () => {
    const granted = checkExtensionEligibility({ orderId: ORDER, requestedAt: '2026-03-10T15:00:00Z', subscription });
    expect(Object.isFrozen(granted)).toBe(true);
    if (granted.eligible) expect(Object.isFrozen(granted.extension)).toBe(true);
    const refused = checkExtensionEligibility({ requestedAt: '2026-03-10T15:00:00Z', subscription });
    expect(Object.isFrozen(refused)).toBe(true);
    expect(reasonsOf(refused).every((reason) => Object.isFrozen(reason))).toBe(true);
    expect(Object.isFrozen(reasonsOf(refused))).toBe(true);
  });

  it('R-IN-4 rejects unreadable requests with ExpiryInputError and the path of the bad field', () => {
    const requestedAt = '2026-03-10T15:00:00Z';
    expect(thrown(() => checkExtensionEligibility(null as never))).toMatchObject({ code: 'missing', path: 'request' });
    expect(thrown(() => checkExtensionEligibility({ orderId: 12345 as never, requestedAt, subscription }))).toMatchObject({
      code: 'wrong-type',
      path: 'request.orderId',
    });
    expect(thrown(() => checkExtensionEligibility({ orderId: ORDER, requestedAt: '2026-03-10T15:00:00', subscription }))).toMatchObject({
      code: 'ambiguous-instant',
      path: 'request.requestedAt',
    });
    expect(thrown(() => checkExtensionEligibility({ orderId: ORDER, requestedAt } as never))).toMatchObject({
      code: 'missing',
      path: 'request.subscription',
    });
    expect(
      thrown(() => checkExtensionEligibility({ orderId: ORDER, requestedAt, subscription: { expirationDate: '2026-02-30' } })),
    ).toMatchObject({ code: 'invalid-date', path: 'request.subscription.expirationDate' });
    expect(
      thrown(() =>
        checkExtensionEligibility({ orderId: ORDER, requestedAt, subscription, previousRequests: '2026-01-01T00:00:00Z' as never }),
      ),
    ).toMatchObject({ code: 'wrong-type', path: 'request.previousRequests' });
    expect(
      thrown(() => checkExtensionEligibility({ orderId: ORDER, requestedAt, subscription, previousRequests: [0, 'yesterday'] })),
    ).toMatchObject({ code: 'invalid-instant', path: 'request.previousRequests[1]' });
    expect(
      thrown(() => checkExtensionEligibility({ orderId: ORDER, requestedAt, subscription, previousRequests: [{ at: 0 } as never] })),
    ).toMatchObject({ code: 'missing', path: 'request.previousRequests[0].requestedAt' });
    const hostile = new Proxy([], {
      get: () => {
        throw new Error('trap');
      },
    });
    expect(
      thrown(() => checkExtensionEligibility({ orderId: ORDER, requestedAt, subscription, previousRequests: hostile })),
    ).toBeInstanceOf(ExpiryInputError);
  });
});

describe('checkExtensionEligibility (edges)', () => {
  it('R-EXT-3 of two earlier requests on the same local day, reports the later one, whatever their order', () => {
    // 2026-02-10 09:00 and 16:00 in New York: one local day, so one retry date.
    const morning = '2026-02-10T14:00:00Z';
    const afternoon = '2026-02-10T21:00:00Z';
    const base = { orderId: ORDER, requestedAt: '2026-03-10T15:00:00Z', subscription };
    for (const previousRequests of [
      [morning, afternoon],
      [afternoon, morning],
    ]) {
      const reasons = reasonsOf(checkExtensionEligibility({ ...base, previousRequests }));
      expect(reasons).toHaveLength(1);
      expect(reasons[0]).toMatchObject({
        code: 'recent-request',
        previousRequestAt: new Date(afternoon),
        retryAfterDate: '2026-05-11', // 2026-02-10 + 90 days
        retryAfter: new Date('2026-05-11T04:00:00Z'), // local midnight, EDT
      });
    }
  });

  it('R-IN-4 reports an entry of previousRequests whose getter throws as unreadable, with its index', () => {
    const previousRequests = ['2026-01-01T00:00:00Z'];
    Object.defineProperty(previousRequests, 1, {
      get: () => {
        throw new Error('getter');
      },
      enumerable: true,
    });
    expect(previousRequests).toHaveLength(2);
    const error = inputErrorOf(() =>
      checkExtensionEligibility({ orderId: ORDER, requestedAt: '2026-03-10T15:00:00Z', subscription, previousRequests }),
    );
    expect(error).toBeInstanceOf(ExpiryInputError);
    expect({ code: error.code, path: error.path }).toEqual({ code: 'unreadable', path: 'request.previousRequests[1]' });
  });
});
