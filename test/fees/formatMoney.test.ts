import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ExpiryInputError } from '../../src/errors.js';
import { formatMoney } from '../../src/fees/formatMoney.js';
import { quoteReactivationFee } from '../../src/fees/quoteReactivationFee.js';
import { anyValue } from '../support/hostile.js';
import { withHostTimeZone } from '../support/arbitraries.js';
import { isoMinorUnits } from '../../src/money/currencies.js';

function errorOf(run: () => unknown): ExpiryInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof ExpiryInputError) return error;
    throw error;
  }
  throw new Error('expected an ExpiryInputError');
}

describe('formatMoney', () => {
  it('R-FEE-3 formats money for a locale, en-US by default', () => {
    expect(formatMoney({ amount: '230.00', currency: 'USD' })).toBe('$230.00');
    expect(formatMoney({ amount: '1234.50', currency: 'EUR' }, 'de-DE')).toBe('1.234,50\u00a0€');
    expect(formatMoney({ amount: '1234.50', currency: 'EUR' }, ['xx-unknown', 'fr-FR'])).toBe('1\u202f234,50\u00a0€');
    expect(formatMoney({ amount: '300', currency: 'JPY' })).toBe('¥300');
    expect(formatMoney({ amount: '1.234', currency: 'KWD' })).toBe('KWD\u00a01.234');
  });

  it('R-FEE-3 passes the amount to Intl as a string, so no cent is lost to a float', () => {
    // As a float, 999,999,999,999,999,999.99 would print as $1,000,000,000,000,000,000.00.
    expect(formatMoney({ amount: '999999999999999999.99', currency: 'USD' })).toBe('$999,999,999,999,999,999.99');
    expect(formatMoney({ amount: '10000000.05', currency: 'USD' })).toBe('$10,000,000.05');
  });

  it('R-PURE-3 does not follow the host locale or time zone', () => {
    const formatted = withHostTimeZone('Asia/Kolkata', () => formatMoney({ amount: '1234567.89', currency: 'USD' }));
    expect(formatted).toBe('$1,234,567.89');
  });

  it('R-FEE-3 formats every amount of a quote', () => {
    const quote = quoteReactivationFee({ expirationDate: '2026-03-31', invoiceAmount: '300.00' }, '2026-05-15T12:00:00-04:00');
    if (quote.kind !== 'recovery') throw new Error('expected a recovery quote');
    expect([quote.fee, quote.total, quote.dailyCharge].map((money) => formatMoney(money))).toEqual(['$230.00', '$530.00', '$180.00']);
  });

  it("R-FEE-3 shows exactly the fraction digits the amount has, whatever the currency's ISO 4217 digits", () => {
    expect(formatMoney({ amount: '15000', currency: 'IDR' })).toBe('IDR\u00a015,000');
    expect(formatMoney({ amount: '15000.00', currency: 'IDR' })).toBe('IDR\u00a015,000.00');
    expect(formatMoney({ amount: '230', currency: 'USD' })).toBe('$230');
    expect(formatMoney({ amount: '300.00', currency: 'JPY' })).toBe('¥300.00');
    expect(formatMoney({ amount: '1.2345', currency: 'CLF' })).toBe('CLF\u00a01.2345');
  });

  it('R-IN-3 R-IN-4 refuses more than 4 fraction digits and codes that are not active ISO 4217 codes', () => {
    const more = errorOf(() => formatMoney({ amount: '230.00001', currency: 'USD' }));
    expect([more.code, more.path]).toEqual(['too-many-fraction-digits', 'money.amount']);
    expect(more.message).toBe('money.amount: 230.00001 has 5 decimal places; money has at most 4 — round it first');
    for (const currency of ['ZZZ', 'UDS', 'XTS', 'XAU']) {
      const unknown = errorOf(() => formatMoney({ amount: '1.00', currency }));
      expect([unknown.code, unknown.path, unknown.message]).toEqual([
        'invalid-value',
        'money.currency',
        `money.currency: "${currency}" is not an active ISO 4217 currency code`,
      ]);
    }
  });

  it('R-IN-4 rejects shapes that are not money, and locales that are not locales', () => {
    const cases: [value: unknown, code: string, path: string][] = [
      [undefined, 'missing', 'money'],
      ['230.00', 'wrong-type', 'money'],
      [{ amount: 230, currency: 'USD' }, 'wrong-type', 'money.amount'],
      [{ currency: 'USD' }, 'missing', 'money.amount'],
      [{ amount: '-230.00', currency: 'USD' }, 'invalid-amount', 'money.amount'],
      [{ amount: '2.3e2', currency: 'USD' }, 'invalid-amount', 'money.amount'],
      [{ amount: ' 230.00', currency: 'USD' }, 'invalid-amount', 'money.amount'],
      [{ amount: '230.00', currency: 'usd' }, 'invalid-value', 'money.currency'],
      [{ amount: '230.00' }, 'invalid-value', 'money.currency'],
    ];
    for (const [value, code, path] of cases) {
      const error = errorOf(() => formatMoney(value as never));
      expect({ value, code: error.code, path: error.path }).toEqual({ value, code, path });
    }
    const locale = errorOf(() => formatMoney({ amount: '1.00', currency: 'USD' }, 'not a locale!'));
    expect([locale.code, locale.path]).toEqual(['invalid-value', 'locale']);
    expect(errorOf(() => formatMoney({ amount: '1.00', currency: 'USD' }, 42 as never)).code).toBe('wrong-type');
    expect(errorOf(() => formatMoney({ amount: '1.00', currency: 'USD' }, ['en-US', 7] as never)).path).toBe('locale[1]');
  });

  it('R-IN-4 throws nothing but ExpiryInputError, for any input at all', () => {
    fc.assert(
      fc.property(anyValue, fc.oneof(fc.constant(undefined), anyValue), (money, locale) => {
        try {
          formatMoney(money as never, locale as never);
        } catch (error) {
          expect(error).toBeInstanceOf(ExpiryInputError);
        }
      }),
      { numRuns: 200 },
    );
  });
});

/** Every active ISO 4217 code at 0 to 4 digits: far more than the 256 formatters kept. */
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const isoCodes = [...LETTERS]
  .flatMap((a) => [...LETTERS].flatMap((b) => [...LETTERS].map((c) => `${a}${b}${c}`)))
  .filter((code) => isoMinorUnits(code) !== undefined);
const manyMoneys = isoCodes.flatMap((currency) => ['1', '1.0', '1.00', '1.000', '1.0000'].map((amount) => ({ amount, currency })));

describe('formatMoney (edges)', () => {
  it('R-PURE-2 R-FEE-3 formats the same money the same way after more than 256 currencies and locales have cycled its caches', () => {
    const before = [
      formatMoney({ amount: '230.00', currency: 'USD' }),
      formatMoney({ amount: '1234.50', currency: 'EUR' }, 'de-DE'),
      formatMoney({ amount: '300', currency: 'JPY' }),
    ];
    expect(before).toEqual(['$230.00', '1.234,50\u00a0€', '¥300']);
    for (const money of manyMoneys) {
      // Whatever the symbol, the amount keeps exactly the digits it was written with.
      expect(formatMoney(money)).toContain(money.amount);
      expect(formatMoney(money, 'de-DE')).toContain(money.amount.replace('.', ','));
    }
    expect([
      formatMoney({ amount: '230.00', currency: 'USD' }),
      formatMoney({ amount: '1234.50', currency: 'EUR' }, 'de-DE'),
      formatMoney({ amount: '300', currency: 'JPY' }),
    ]).toEqual(before);
  });

  it('R-FEE-3 still shows each amount with its own digits after the cache has cycled (JPY 0, KWD 3)', () => {
    for (const money of manyMoneys) formatMoney(money);
    expect(formatMoney({ amount: '300', currency: 'JPY' })).toBe('¥300');
    expect(formatMoney({ amount: '1.234', currency: 'KWD' })).toBe('KWD\u00a01.234');
    expect(formatMoney({ amount: '1.23', currency: 'KWD' })).toBe('KWD\u00a01.23');
  });
});

describe('formatMoney and the host locale', () => {
  const euros = { amount: '1234.50', currency: 'EUR' } as const;
  /** Locales that name no locale this runtime has data for, or none at all: each must mean en-US. */
  const unsupported = [[], ['xx'], 'xx', 'zz-ZZ', 'qaa', ['qaa', 'xx']] as const;

  it('R-PURE-3 writes en-US for an empty list and for well-formed tags the runtime does not support', () => {
    for (const locale of unsupported) expect(formatMoney(euros, locale)).toBe(formatMoney(euros));
    expect(formatMoney(euros)).toBe('€1,234.50');
    // Intl still picks the first supported locale of a list.
    expect(formatMoney(euros, ['xx', 'de-DE'])).toBe('1.234,50\u00a0€');
  });

  it('R-IN-4 refuses an empty tag, even after an empty list was formatted (they are cached apart)', () => {
    formatMoney(euros, []);
    expect(() => formatMoney(euros, '')).toThrow(expect.objectContaining({ code: 'invalid-value', path: 'locale' }));
  });
});
