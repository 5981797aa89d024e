import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The host's own locale, set for a child process through LC_ALL and LANG, must not reach
 * formatMoney. The child runs the built package (dist/), so this file is not among those
 * Stryker runs (its sandbox has no dist/); test/fees/formatMoney.test.ts covers the same
 * code in this process.
 */
describe('formatMoney under other host locales', () => {
  /** Locales that name no locale this runtime has data for, or none at all: each must mean en-US. */
  const unsupported = [[], ['xx'], 'xx', 'zz-ZZ', 'qaa', ['qaa', 'xx']] as const;

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
