import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/fees/formatMoney.js';
import { inputErrorOf } from '../support/errors.js';

/** 300 distinct well-formed ISO 4217-shaped codes (QAA, QAB, …): more than the 256 formatters kept. */
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const manyCurrencies = [...LETTERS].flatMap((a) => [...LETTERS].map((b) => `Q${a}${b}`)).slice(0, 300);

describe('formatMoney (edges)', () => {
  it('R-PURE-2 R-FEE-3 formats the same money the same way after more than 256 currencies and locales have cycled its caches', () => {
    const before = [
      formatMoney({ amount: '230.00', currency: 'USD' }),
      formatMoney({ amount: '1234.50', currency: 'EUR' }, 'de-DE'),
      formatMoney({ amount: '300', currency: 'JPY' }),
    ];
    expect(before).toEqual(['$230.00', '1.234,50\u00a0€', '¥300']);
    for (const currency of manyCurrencies) {
      // A code without a symbol is written before the amount, with its 2 digits.
      expect(formatMoney({ amount: '1.00', currency })).toBe(`${currency}\u00a01.00`);
      expect(formatMoney({ amount: '1.00', currency }, 'de-DE')).toBe(`1,00\u00a0${currency}`);
    }
    expect([
      formatMoney({ amount: '230.00', currency: 'USD' }),
      formatMoney({ amount: '1234.50', currency: 'EUR' }, 'de-DE'),
      formatMoney({ amount: '300', currency: 'JPY' }),
    ]).toEqual(before);
  });

  it("R-IN-3 still knows each currency's fraction digits after its cache has cycled (JPY 0, KWD 3)", () => {
    for (const currency of manyCurrencies) formatMoney({ amount: '1.00', currency });
    const yen = inputErrorOf(() => formatMoney({ amount: '300.00', currency: 'JPY' }));
    expect({ code: yen.code, path: yen.path }).toEqual({ code: 'too-many-fraction-digits', path: 'money.amount' });
    const dinar = inputErrorOf(() => formatMoney({ amount: '1.23', currency: 'KWD' }));
    expect(dinar.message).toContain('exactly 3 decimal places');
    expect(formatMoney({ amount: '1.234', currency: 'KWD' })).toBe('KWD\u00a01.234');
  });
});
