import DecimalJs from 'decimal.js';
import type { RoundingMode } from './rounding.js';

/**
 * The money engine: the library's own decimal.js clone, with fixed settings, so
 * a host application's `Decimal.set({ precision: 3 })` never leaks into a fee. Built on first
 * use, never at import; only the fee module and the amount parser import this file.
 */
export type Decimal = DecimalJs;

let calculator: typeof DecimalJs | undefined;

/** The library's decimal constructor (R-PURE-3: the host's settings never reach it), built once, on first use. */
function decimalConstructor(): typeof DecimalJs {
  calculator ??= DecimalJs.clone({
    precision: 40,
    rounding: DecimalJs.ROUND_HALF_UP,
    toExpNeg: -40,
    toExpPos: 40,
    minE: -9e15,
    maxE: 9e15,
    modulo: DecimalJs.ROUND_DOWN,
    crypto: false,
  });
  return calculator;
}

/** A decimal of the library's own clone. */
export function decimal(value: string | number | Decimal): Decimal {
  return new (decimalConstructor())(value);
}

/** decimal.js's constant for a rounding mode a policy names. */
export function roundingOf(mode: RoundingMode): DecimalJs.Rounding {
  switch (mode) {
    case 'half-up':
      return DecimalJs.ROUND_HALF_UP;
    case 'half-even':
      return DecimalJs.ROUND_HALF_EVEN;
    case 'half-down':
      return DecimalJs.ROUND_HALF_DOWN;
    case 'up':
      return DecimalJs.ROUND_UP;
    case 'down':
      return DecimalJs.ROUND_DOWN;
  }
}

/** Is `value` a decimal.js instance from any copy or clone of decimal.js? */
export function isAnyDecimal(value: unknown): value is DecimalJs {
  return DecimalJs.isDecimal(value);
}
