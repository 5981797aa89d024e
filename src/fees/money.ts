import type { Decimal } from '../money/decimal.js';

/**
 * An amount of money as results carry it (R-FEE-3): `amount` is a decimal string in
 * major units with exactly the currency's fraction digits (`"230.00"` for USD,
 * `"300"` for JPY), `currency` its ISO 4217 code. Strings, never floats, so the
 * value survives JSON and a spreadsheet unchanged.
 */
export interface Money {
  readonly amount: string;
  readonly currency: string;
}

/**
 * Turns an exact `Decimal` that already sits on the currency's minor unit into a
 * frozen {@link Money}. Rounding happens before this, always named (R-FEE-1); here
 * `toFixed` only pads (`"25"` → `"25.00"`), it never rounds.
 */
export function moneyOf(value: Decimal, currency: string, fractionDigits: number): Money {
  return Object.freeze({ amount: value.toFixed(fractionDigits), currency });
}
