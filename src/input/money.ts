import { ExpiryInputError } from '../errors.js';
import { Decimal, isAnyDecimal } from '../money/decimal.js';
import { describe } from './read.js';

/** The largest amount the library accepts, exclusive: a trillion major units (a string: nothing is built at import time). */
export const AMOUNT_CEILING = '1000000000000';

const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

/**
 * Parses a money amount in major units (R-IN-3): a decimal string, a number or a
 * `Decimal`. Not negative, no more fraction digits than the currency has, below
 * {@link AMOUNT_CEILING}. Nothing is rounded on the way in: `0.1 + 0.2` is refused
 * with a message that says to round first.
 */
export function parseMoney(value: unknown, currency: string, fractionDigits: number, path: string): Decimal {
  if (value === undefined || value === null) {
    throw new ExpiryInputError('missing', path, `an amount in ${currency} is required`);
  }
  let text: string;
  if (typeof value === 'string') {
    if (!PLAIN_DECIMAL.test(value)) {
      throw new ExpiryInputError('invalid-amount', path, `${describe(value)} is not an amount such as "300.00" (digits, an optional point, no signs, spaces or exponents)`);
    }
    text = value;
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new ExpiryInputError('invalid-amount', path, `${describe(value)} is not a finite amount`);
    }
    text = String(value);
  } else if (isAnyDecimal(value)) {
    text = String(value);
  } else {
    throw new ExpiryInputError('wrong-type', path, `expected an amount as a string, number or Decimal, got ${describe(value)}`);
  }
  let amount: Decimal;
  try {
    amount = new Decimal(text);
  } catch {
    throw new ExpiryInputError('invalid-amount', path, `${describe(value)} claims to be a Decimal but is not a number`);
  }
  if (!amount.isFinite()) {
    throw new ExpiryInputError('invalid-amount', path, `${describe(text)} is not a finite amount`);
  }
  if (amount.isNegative()) {
    // R-IN-3: no sign at all, so a written "-0" is refused like "+5" (as malformed), not as a
    // negative amount. The number -0 has no sign once written (String(-0) is "0") and is zero.
    if (amount.isZero()) throw new ExpiryInputError('invalid-amount', path, `${describe(text)} has a minus sign; write zero as "0"`);
    throw new ExpiryInputError('negative-amount', path, `${text} is negative; amounts are never below zero`);
  }
  if (amount.decimalPlaces() > fractionDigits) {
    // Count the digits as written ("1000.50" has 2), not those of the value (1000.5 has 1).
    const written = PLAIN_DECIMAL.test(text) ? text.length - text.indexOf('.') - 1 : amount.decimalPlaces();
    throw new ExpiryInputError(
      'too-many-fraction-digits',
      path,
      `${text} has ${written} decimal places; ${currency} has ${fractionDigits} — round it first`,
    );
  }
  if (amount.greaterThanOrEqualTo(AMOUNT_CEILING)) {
    throw new ExpiryInputError('amount-too-large', path, `${text} is not below the ceiling of ${AMOUNT_CEILING} ${currency}`);
  }
  return amount;
}
