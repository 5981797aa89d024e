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
/**
 * How a percentage is rounded to the currency's minor unit (R-FEE-1, policy `rounding`);
 * `half-up` by default. Only the percentage is ever rounded.
 *
 * @useDeclaredType
 * @example
 * const mode: RoundingMode = 'half-even';
 * const policy = definePolicy({ rounding: mode });
 * const quote = quoteReactivationFee({ expirationDate: '2026-03-08', invoiceAmount: '250.25' }, '2026-03-10T12:00:00Z', policy);
 * if (quote.kind === 'reactivation') quote.percentageFee.amount; //=> '25.02' (half-up: '25.03')
 */
export type RoundingMode = keyof typeof ROUNDING_MODES;

/** Is `value` a decimal.js instance from any copy or clone of decimal.js? */
export function isAnyDecimal(value: unknown): value is DecimalJs {
  return DecimalJs.isDecimal(value);
}
