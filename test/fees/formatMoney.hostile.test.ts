import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/fees/formatMoney.js';
import { inputErrorOf } from '../support/errors.js';

/** Issue 26: formatMoney never walks a list before checking its length, and never writes "∞". */

const USD = (amount: string) => ({ amount, currency: 'USD' });
const lyingLength = (length: unknown) =>
  new Proxy(['de-DE'], { get: (target, key) => (key === 'length' ? length : Reflect.get(target, key)) });

describe('formatMoney under hostile input', () => {
  it('R-IN-1 a sparse locale list of 2³²−1 slots is refused by its length, at once, not walked (was an out-of-memory abort)', () => {
    const started = performance.now();
    const error = inputErrorOf(() => formatMoney(USD('5'), new Array(2 ** 32 - 1)));
    expect(performance.now() - started).toBeLessThan(1000);
    expect([error.code, error.path, error.message]).toEqual([
      'invalid-value',
      'locale',
      'locale: expected at most 16 locales, got a list of length 4294967295',
    ]);
  });

  it('R-IN-1 a list whose length claims a billion, or is not a number, is refused before any item is read', () => {
    expect(inputErrorOf(() => formatMoney(USD('5'), lyingLength(1e9))).message).toBe(
      'locale: expected at most 16 locales, got a list of length 1000000000',
    );
    expect(inputErrorOf(() => formatMoney(USD('5'), lyingLength('1'))).message).toBe(
      'locale: expected at most 16 locales, got a list of length "1"',
    );
    expect(inputErrorOf(() => formatMoney(USD('5'), lyingLength(Number.NaN))).code).toBe('invalid-value');
  });

  it('R-IN-1 a list of 16 locales is read (the first supported wins); 17 is refused', () => {
    expect(formatMoney(USD('1234.5'), [...Array.from({ length: 15 }, () => 'xx'), 'de-DE'])).toBe('1.234,5\u00a0$');
    expect(
      inputErrorOf(() =>
        formatMoney(
          USD('1'),
          Array.from({ length: 17 }, () => 'de-DE'),
        ),
      ).message,
    ).toBe('locale: expected at most 16 locales, got a list of length 17');
    expect(formatMoney(USD('1234.5'), lyingLength(1))).toBe('1.234,5\u00a0$');
  });

  it('R-FEE-3 an amount below 10³⁰⁸ is written exactly; one of 309 digits or more is refused, never "$∞"', () => {
    const largest = `${'9'.repeat(308)}.99`;
    expect(formatMoney(USD(largest)).replaceAll(',', '')).toBe(`$${largest}`);
    expect(formatMoney(USD(`${'0'.repeat(400)}5`))).toBe('$5');
    expect(formatMoney(USD('0.5'))).toBe('$0.5');
    expect(formatMoney(USD('00'))).toBe('$0');
    for (const amount of [`1${'0'.repeat(308)}`, `${'9'.repeat(309)}.99`, `0${'1'.repeat(309)}`]) {
      const error = inputErrorOf(() => formatMoney(USD(amount)));
      expect([error.code, error.path]).toEqual(['amount-too-large', 'money.amount']);
      expect(error.message).toMatch(/ has 309 digits before the point; formatMoney writes amounts below 10\^308 exactly, and no larger$/);
    }
  });

  it('R-FEE-3 whatever its length, an amount is written digit for digit or refused: never ∞', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 4 }),
        (whole, zeros, fraction) => {
          const amount = `${'0'.repeat(zeros)}${'7'.repeat(whole)}${fraction === 0 ? '' : `.${'3'.repeat(fraction)}`}`;
          if (whole > 308) {
            expect(inputErrorOf(() => formatMoney(USD(amount))).code).toBe('amount-too-large');
            return;
          }
          const text = formatMoney(USD(amount));
          expect(text).not.toContain('∞');
          expect(text.replaceAll(',', '')).toBe(`$${'7'.repeat(whole)}${fraction === 0 ? '' : `.${'3'.repeat(fraction)}`}`);
        },
      ),
    );
  });
});
