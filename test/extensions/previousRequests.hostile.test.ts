import { describe, expect, it } from 'vitest';
import { checkExtensionEligibility } from '../../src/index.js';
import { inputErrorOf } from '../support/errors.js';

/** The earlier requests' list is checked by its length before it is read. */

const REQUEST = { orderId: 'ABC-123-45678', requestedAt: '2026-03-05T12:00:00Z', subscription: { expirationDate: '2026-03-08' } };
const lyingLength = (length: unknown) =>
  new Proxy(['2025-01-01T00:00:00Z'], {
    get: (target, key) =>
      key === 'length' ? length : typeof key === 'string' && /^\d+$/.test(key) ? '2025-01-01T00:00:00Z' : Reflect.get(target, key),
  });

describe('checkExtensionEligibility: previousRequests', () => {
  it('R-EXT-3 a list whose length claims a billion (every entry a valid instant) is refused at once, not walked', () => {
    const started = performance.now();
    const error = inputErrorOf(() => checkExtensionEligibility({ ...REQUEST, previousRequests: lyingLength(1e9) as never }));
    expect(performance.now() - started).toBeLessThan(1000);
    expect([error.code, error.path, error.message]).toEqual([
      'invalid-value',
      'request.previousRequests',
      'request.previousRequests: expected at most 10000 earlier requests (the most recent are enough), got a list of length 1000000000',
    ]);
    expect(inputErrorOf(() => checkExtensionEligibility({ ...REQUEST, previousRequests: lyingLength('3') as never })).code).toBe(
      'invalid-value',
    );
  });

  it('R-EXT-3 10,000 earlier requests are read; one more is refused', () => {
    const list = Array.from({ length: 10_000 }, () => '2025-01-01T00:00:00Z');
    expect(checkExtensionEligibility({ ...REQUEST, previousRequests: list }).eligible).toBe(true);
    expect(inputErrorOf(() => checkExtensionEligibility({ ...REQUEST, previousRequests: [...list, '2025-01-01T00:00:00Z'] })).path).toBe(
      'request.previousRequests',
    );
  });
});
