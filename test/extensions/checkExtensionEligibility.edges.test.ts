import { describe, expect, it } from 'vitest';
import { ExpiryInputError } from '../../src/errors.js';
import { checkExtensionEligibility } from '../../src/extensions/checkExtensionEligibility.js';
import type { ExtensionDecision, ExtensionRefusal } from '../../src/extensions/types.js';
import { inputErrorOf } from '../support/errors.js';

const subscription = { expirationDate: '2026-03-08' };
const ORDER = 'ABC-123-45678';

function reasonsOf(decision: ExtensionDecision): readonly ExtensionRefusal[] {
  if (decision.eligible) throw new Error(`expected a refusal, got a grant until ${decision.extension.endsOn}`);
  return decision.reasons;
}

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
