import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExpiryInputError, PolicyError, isLibraryError } from '../src/errors.js';
import { quoteReactivationFee } from '../src/fees/quoteReactivationFee.js';
import { getExpiryStatus } from '../src/lifecycle/getExpiryStatus.js';
import { resultDate } from '../src/results.js';

describe('isLibraryError', () => {
  it('R-IN-4 recognises both library errors by name, also from another copy of the library (ESM and CJS side by side)', () => {
    expect(isLibraryError(new ExpiryInputError('missing', 'subscription', 'a subscription is required'))).toBe(true);
    expect(isLibraryError(new PolicyError('invalid-time-zone', 'policy.timeZone', 'not a zone'))).toBe(true);
    // What the other build's classes look like from here: plain objects with the same name.
    expect(isLibraryError(Object.assign(new Error('x'), { name: 'PolicyError', code: 'missing', path: 'policy' }))).toBe(true);
    expect(isLibraryError({ name: 'ExpiryInputError', code: 'missing', path: 'subscription' })).toBe(true);
  });

  it('R-IN-4 does not take anything else for a library error: other errors, names alone, null, primitives', () => {
    for (const value of [
      new Error('boom'),
      new TypeError('ExpiryInputError'),
      { name: 'RangeError' },
      {},
      null,
      undefined,
      'ExpiryInputError',
      'PolicyError',
      42,
      Symbol('PolicyError'),
    ]) {
      expect(isLibraryError(value)).toBe(false);
    }
  });
});

describe('resultDate', () => {
  const SETTERS = [
    'setTime',
    'setMilliseconds',
    'setUTCMilliseconds',
    'setSeconds',
    'setUTCSeconds',
    'setMinutes',
    'setUTCMinutes',
    'setHours',
    'setUTCHours',
    'setDate',
    'setUTCDate',
    'setMonth',
    'setUTCMonth',
    'setFullYear',
    'setUTCFullYear',
    'setYear',
  ];

  it('R-PURE-2 an instant in a result is a real, frozen Date whose every setter refuses and leaves it unchanged', () => {
    const at = resultDate(Date.UTC(2026, 2, 9, 3, 59, 59));
    expect(at).toBeInstanceOf(Date);
    expect(Object.isFrozen(at)).toBe(true);
    expect(JSON.stringify({ at })).toBe('{"at":"2026-03-09T03:59:59.000Z"}');
    const setters = at as unknown as Record<string, (value: number) => number>;
    for (const setter of SETTERS) {
      expect(() => setters[setter]?.(0), setter).toThrow(TypeError);
      expect(() => setters[setter]?.(0)).toThrow(`Cannot call ${setter} on a subscription-expiry result`);
    }
    expect(at.toISOString()).toBe('2026-03-09T03:59:59.000Z');
    // A copy is an ordinary Date again.
    const copy = new Date(at);
    copy.setTime(0);
    expect(copy.getTime()).toBe(0);
  });

  it('R-PURE-2 an instant in a result writes the same ISO text as any Date, in JSON too, at every millisecond of every year', () => {
    const edges = [
      -30_610_224_000_001, -30_610_224_000_000, -2_208_988_800_001, -1, 0, 951_782_400_000, 253_402_300_799_999, 253_402_300_800_000,
    ];
    const instants = fc.oneof(
      fc.integer({ min: -8.64e15, max: 8.64e15 }),
      fc.integer({ min: -2_208_988_800_000, max: 32_535_215_999_999 }),
      fc.constantFrom(...edges),
    );
    fc.assert(
      fc.property(instants, (instant) => {
        const expected = new Date(instant).toISOString();
        const at = resultDate(instant);
        expect(at.toISOString()).toBe(expected);
        expect(JSON.stringify({ at })).toBe(`{"at":"${expected}"}`);
      }),
      { numRuns: 3000 },
    );
  });

  it("R-PURE-2 one caller cannot move another caller's instant: expiresAt of a status and of a quote refuse setTime", () => {
    const subscription = { expirationDate: '2026-03-08', invoiceAmount: '300.00' };
    const status = getExpiryStatus(subscription, '2026-03-01T12:00:00Z');
    expect(() => status.expiresAt.setTime(0)).toThrow(TypeError);
    expect(getExpiryStatus(subscription, '2026-03-01T12:00:00Z').expiresAt.toISOString()).toBe('2026-03-09T03:59:59.000Z'); // R-TZ-2
    const quote = quoteReactivationFee(subscription, '2026-03-01T12:00:00Z');
    if (quote.kind !== 'none') throw new Error(`expected no fee before expiry, got ${quote.kind}`);
    expect(() => quote.expiresAt.setTime(0)).toThrow(TypeError);
    expect(quote.expiresAt.toISOString()).toBe('2026-03-09T03:59:59.000Z');
  });
});
