import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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

  it('R-PURE-3 gives the same text under German, Arabic and Japanese host locales as under en-US', () => {
    const script = `
      const { formatMoney } = require(${JSON.stringify(fileURLToPath(new URL('../../dist/index.cjs', import.meta.url)))});
      const euros = { amount: '1234.50', currency: 'EUR' };
      const locales = [undefined, ...${JSON.stringify(unsupported)}];
      console.log(JSON.stringify({ host: new Intl.NumberFormat().resolvedOptions().locale, texts: locales.map((locale) => formatMoney(euros, locale)) }));`;
    for (const [hostLocale, expectedHost] of [
      ['de_DE.UTF-8', 'de-DE'],
      ['ar_EG.UTF-8', 'ar-EG'],
      ['ja_JP.UTF-8', 'ja-JP'],
    ] as const) {
      const env = { ...process.env, LC_ALL: hostLocale, LANG: hostLocale };
      const output = execFileSync(process.execPath, ['-e', script], { env, encoding: 'utf8', timeout: 30_000 });
      const { host, texts } = JSON.parse(output) as { host: string; texts: string[] };
      expect(host).toBe(expectedHost); // the host's own default really is another locale
      expect(texts).toEqual(Array(unsupported.length + 1).fill('€1,234.50'));
    }
  });
});
