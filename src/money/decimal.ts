import DecimalJs from 'decimal.js';

/**
 * The library's own decimal constructor (R-PURE-3): a clone with fixed settings, so a
 * host application's `Decimal.set({ precision: 3 })` never leaks into a fee. Every
 * money computation in the library goes through this one calculator.
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
  minE: -9e15,
  maxE: 9e15,
  modulo: DecimalJs.ROUND_DOWN,
  crypto: false,
});
export type Decimal = DecimalJs;

/** Rounding modes a policy may name, and their decimal.js constants. */
export const ROUNDING_MODES = {
  'half-up': DecimalJs.ROUND_HALF_UP,
  'half-even': DecimalJs.ROUND_HALF_EVEN,
  'half-down': DecimalJs.ROUND_HALF_DOWN,
  up: DecimalJs.ROUND_UP,
  down: DecimalJs.ROUND_DOWN,
} as const;
export type RoundingMode = keyof typeof ROUNDING_MODES;

/** Is `value` a decimal.js instance from any copy or clone of decimal.js? */
export function isAnyDecimal(value: unknown): value is DecimalJs {
  return DecimalJs.isDecimal(value);
}
