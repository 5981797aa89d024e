/**
 * The pricing widget reads amounts as the chosen locale writes them
 * (examples/pricing-widget/src/amount.ts): German `300,00` and `1.234,50`, French
 * `1 234,50`, and refuses what the locale would not write, such as `300.00` in German.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAmount, writeAmount } from '../../examples/pricing-widget/src/amount.js';

const LOCALES = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'ja-JP'] as const;

describe('R-IN-3 the widget reads amounts in the customer’s locale', () => {
  it.each([
    ['de-DE', '300,00', '300.00'],
    ['de-DE', '1.234,50', '1234.50'],
    ['de-DE', '  12.345.678,9 ', '12345678.9'],
    ['de-DE', '300', '300'],
    ['en-US', '1,234.50', '1234.50'],
    ['en-US', '300.00', '300.00'],
    ['fr-FR', '1 234,50', '1234.50'],
    ['fr-FR', '1\u202f234,50', '1234.50'],
    ['fr-FR', '1\u00a0234,50', '1234.50'],
    ['ja-JP', '1,234.5', '1234.5'],
    ['en-US', '-5.00', '-5.00'],
    ['en-US', '0.1234', '0.1234'],
  ])('%s reads %j as %s', (locale, text, amount) => {
    expect(readAmount(text, locale)).toEqual({ amount });
  });

  it.each([
    ['de-DE', '300.00'],
    ['de-DE', '3.00,00'],
    ['de-DE', '1,234,50'],
    ['en-US', '300,00'],
    ['en-US', '1,23.00'],
    ['en-US', '12,3456'],
    ['en-US', '1.2.3'],
    ['en-US', '300.'],
    ['en-US', 'abc'],
    ['en-US', '$300'],
    ['fr-FR', '1 23,00'],
  ])('%s refuses %j: not how that locale writes an amount', (locale, text) => {
    expect(readAmount(text, locale)).toEqual({ problem: 'format' });
  });

  it('an empty field is missing, not malformed', () => {
    expect(readAmount('   ', 'de-DE')).toEqual({ problem: 'missing' });
  });

  it('writes the library’s amounts the locale’s way, without grouping', () => {
    expect(writeAmount('300.00', 'de-DE')).toBe('300,00');
    expect(writeAmount('1234.50', 'fr-FR')).toBe('1234,50');
    expect(writeAmount('300.00', 'en-US')).toBe('300.00');
    expect(writeAmount('300', 'de-DE')).toBe('300');
  });

  it('reads back what Intl writes, grouped or not, in every locale the widget offers', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LOCALES), fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.boolean(), (locale, cents, grouped) => {
        const plain = `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
        const format = new Intl.NumberFormat(locale, {
          minimumFractionDigits: 2,
          maximumFractionDigits: 2,
          useGrouping: grouped,
        }) as unknown as {
          format(value: string): string;
        };
        expect(readAmount(format.format(plain), locale)).toEqual({ amount: plain });
        expect(readAmount(writeAmount(plain, locale), locale)).toEqual({ amount: plain });
      }),
    );
  });
});
