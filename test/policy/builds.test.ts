import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { getExpiryStatus } from '../../src/lifecycle/getExpiryStatus.js';
import { definePolicy } from '../../src/policy/definePolicy.js';

/**
 * An app may load the ESM and the CommonJS build at once; each has its own copy of the
 * library's modules. This file loads the built CommonJS package (dist/), so it is not among
 * those Stryker runs (its sandbox has no dist/); test/policy/policy.test.ts covers the shared
 * registry with two copies of the source.
 */
describe('policies across the ESM and CommonJS builds', () => {
  const subscription = { id: 'sub-1', expirationDate: '2026-03-08', invoiceAmount: '300.00' };
  const now = '2026-03-20T12:00:00Z';

  it('R-POL-2 accepts a policy made by the CommonJS build in the ESM source, and the other way round', () => {
    const commonJs = createRequire(import.meta.url)('../../dist/index.cjs') as typeof import('../../src/index.js');
    const fromCommonJs = commonJs.definePolicy({ timeZone: 'Asia/Tokyo' });
    expect(getExpiryStatus(subscription, now, fromCommonJs).expiresAt.toISOString()).toBe('2026-03-08T14:59:59.000Z');
    const fromSource = definePolicy({ timeZone: 'Asia/Tokyo' });
    expect(commonJs.getExpiryStatus(subscription, now, fromSource).expiresAt.toISOString()).toBe('2026-03-08T14:59:59.000Z');
    // The CommonJS build throws its own PolicyError class, so it is matched by name and code.
    expect(() => commonJs.getExpiryStatus(subscription, now, { ...fromSource })).toThrow(
      expect.objectContaining({ name: 'PolicyError', code: 'not-defined' }),
    );
  });
});
