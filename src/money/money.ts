import type { Decimal } from './decimal.js';

/**
 * An amount of money as results carry it: `amount` is a decimal string in
 * major units with exactly the currency's fraction digits (`"230.00"` for USD,
 * `"300"` for JPY), `currency` its ISO 4217 code. Strings, never floats, so the
 * value survives JSON and a spreadsheet unchanged. Show one with {@link formatMoney}.
 *
 * @example
 * const quote = quoteReactivationFee({ expirationDate: '2026-03-08', invoiceAmount: '250.05' }, '2026-03-10T12:00:00Z');
 * if (quote.kind === 'reactivation') {
 *   const fee: Money = quote.fee; //=> { amount: '25.01', currency: 'USD' } (10 % of $250.05, rounded half-up)
 *   formatMoney(fee); //=> '$25.01'
 * }
 */
export interface Money {
  readonly amount: string;
  readonly currency: string;
}

/**
 * Turns an exact `Decimal` that already sits on the currency's minor unit into a
 * frozen {@link Money} (R-FEE-3). Rounding happens before this, always named (R-FEE-1); here
 * the digits are only padded (`"25"` → `"25.00"`), never rounded.
 */
export function moneyOf(value: Decimal, currency: string, fractionDigits: number): Money {
  return Object.freeze({ amount: amountText(value, fractionDigits), currency });
}

/**
 * The value written with exactly `fractionDigits` digits after the point. decimal.js's
 * `toFixed()` writes the digits it holds without copying the value; only zeros are then
 * appended. A value with more digits than that (never one of the library's) is written
 * by `toFixed(fractionDigits)`, as before.
 */
function amountText(value: Decimal, fractionDigits: number): string {
  const text = value.toFixed();
  const point = text.indexOf('.');
  const written = point < 0 ? 0 : text.length - point - 1;
  if (written > fractionDigits) return value.toFixed(fractionDigits);
  if (written === fractionDigits) return text;
  return `${point < 0 ? `${text}.` : text}${'0'.repeat(fractionDigits - written)}`;
}
