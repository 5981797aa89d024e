import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/fees/formatMoney.js';
import { isoMinorUnits } from '../../src/money/currencies.js';

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
