/**
 * ISO 4217 minor units, by table (R-IN-3): never the runtime's ICU/CLDR data, which
 * disagrees with ISO for about fifteen codes (IDR, HUF, COP have 2 by ISO, 0 in CLDR) and
 * differs between ICU versions, so the same amount would be accepted on one machine and
 * refused on another.
 *
 * The active codes of ISO 4217 list one (published 2024-06-25, plus XCG of 2025), each
 * three letters, packed by minor units. Codes whose minor unit is "N.A." (gold, SDR, the
 * test code XTS…) are not money amounts and are left out. Plain strings: nothing is built
 * at import time, and the whole table is well under a kilobyte.
 */
const MINOR_UNITS_0 = 'BIFCLPDJFGNFISKJPYKMFKRWPYGRWFUGXUYIVNDVUVXAFXOFXPF';
const MINOR_UNITS_3 = 'BHDIQDJODKWDLYDOMRTND';
const MINOR_UNITS_4 = 'CLFUYW';
const MINOR_UNITS_2 =
  'AEDAFNALLAMDANGAOAARSAUDAWGAZNBAMBBDBDTBGNBMDBNDBOBBOVBRLBSDBTNBWPBYNBZDCADCDFCHECHFCHWCNYCOPCOUCRCCUCCUPCVECZKDKKDOPDZD' +
  'EGPERNETBEURFJDFKPGBPGELGHSGIPGMDGTQGYDHKDHNLHTGHUFIDRILSINRIRRJMDKESKGSKHRKPWKYDKZTLAKLBPLKRLRDLSLMADMDLMGAMKDMMKMNTMOP' +
  'MRUMURMVRMWKMXNMXVMYRMZNNADNGNNIONOKNPRNZDPABPENPGKPHPPKRPLNQARRONRSDRUBSARSBDSCRSDGSEKSGDSHPSLESOSSRDSSPSTNSVCSYPSZLTHB' +
  'TJSTMTTOPTRYTTDTWDTZSUAHUSDUSNUYUUZSVEDVESWSTXCDXCGYERZARZMWZWG';

/** The most minor units any code has (CLF, UYW); a policy's `currencyDigits` may not exceed it. */
export const MAX_MINOR_UNITS = 4;

/**
 * The minor units of an active ISO 4217 code (USD 2, JPY 0, KWD 3, CLF 4), or `undefined`
 * when `code` is not one (`ZZZ`, the typo `UDS`, lower case).
 */
export function isoMinorUnits(code: string): number | undefined {
  if (!/^[A-Z]{3}$/.test(code)) return undefined;
  if (listed(MINOR_UNITS_2, code)) return 2;
  if (listed(MINOR_UNITS_0, code)) return 0;
  if (listed(MINOR_UNITS_3, code)) return 3;
  if (listed(MINOR_UNITS_4, code)) return 4;
  return undefined;
}

/**
 * Fraction digits of a currency (R-IN-3): the policy's `currencyDigits` for it when set, else
 * its ISO 4217 minor units; `undefined` for a code that is not an active ISO 4217 code.
 */
export function fractionDigitsOf(currency: string, currencyDigits?: Readonly<Record<string, number>>): number | undefined {
  return currencyDigits !== undefined && Object.hasOwn(currencyDigits, currency) ? currencyDigits[currency] : isoMinorUnits(currency);
}

/** Is `code` one of the three-letter entries packed in `table` (only at multiples of 3)? */
function listed(table: string, code: string): boolean {
  for (let index = table.indexOf(code); index !== -1; index = table.indexOf(code, index + 1)) {
    if (index % 3 === 0) return true;
  }
  return false;
}
