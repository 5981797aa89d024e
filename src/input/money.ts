import { ExpiryInputError } from '../errors.js';
import { type AmountProblem, amountProblemMessage, amountProblemOf, PLAIN_DECIMAL } from '../money/amountText.js';
import { decimal, isAnyDecimal, type Decimal } from '../money/decimal.js';
import { describe, excerpt } from './read.js';

/**
 * Parses a money amount in major units (R-IN-3): a decimal string, a number or a
 * `Decimal`. Not negative, no more fraction digits than the currency has, below the
 * ceiling (`amountProblemOf`). Nothing is rounded on the way in: `0.1 + 0.2` is refused
 * with a message that says to round first.
 */
export function parseMoney(value: unknown, currency: string, fractionDigits: number, path: string): Decimal {
  if (value === undefined || value === null) {
    throw new ExpiryInputError('missing', path, `an amount in ${currency} is required`);
  }
  const text = amountTextOf(value, path);
  // Messages show the amount as the caller wrote it (a number or Decimal as JavaScript writes it: 1e-7).
  const written = typeof value === 'string' ? value : String(value);
  const shown = excerpt(written);
  const problem = amountProblemOf(text, fractionDigits);
  if (problem !== undefined) {
    throw new ExpiryInputError(CODES[problem], path, amountProblemMessage(problem, shown, text, currency, fractionDigits, describe));
  }
  return decimal(text);
}

/**
 * Each amount rule's error code. R-IN-3: no sign at all, so a written "-0" is refused like
 * "+5" (as malformed), not as a negative amount; the number -0 has no sign once written
 * (String(-0) is "0") and is zero.
 */
const CODES = {
  'minus-zero': 'invalid-amount',
  negative: 'negative-amount',
  'too-many-fraction-digits': 'too-many-fraction-digits',
  'too-large': 'amount-too-large',
} as const satisfies Record<AmountProblem, string>;

/** The amount as plain decimal text, or the reason it is not an amount. */
function amountTextOf(value: unknown, path: string): string {
  if (typeof value === 'string') {
    if (!PLAIN_DECIMAL.test(value)) {
      throw new ExpiryInputError(
        'invalid-amount',
        path,
        `${describe(value)} is not an amount such as "300.00" (digits, an optional point, no signs, spaces or exponents)`,
      );
    }
    return value;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ExpiryInputError('invalid-amount', path, `${describe(value)} is not a finite amount`);
    // A float written in full: 0.1 + 0.2 is "0.30000000000000004", 1e21 has no fraction.
    return plainTextOfNumber(value);
  }
  if (isAnyDecimal(value)) {
    let text: string;
    try {
      text = value.isFinite() ? value.toFixed() : String(value);
    } catch {
      throw new ExpiryInputError('invalid-amount', path, `${describe(value)} claims to be a Decimal but is not a number`);
    }
    if (!PLAIN_DECIMAL.test(text)) throw new ExpiryInputError('invalid-amount', path, `${describe(text)} is not a finite amount`);
    return text;
  }
  throw new ExpiryInputError('wrong-type', path, `expected an amount as a string, number or Decimal, got ${describe(value)}`);
}

/** A finite number as plain decimal text, without an exponent (1e-7 is "0.0000001"). */
function plainTextOfNumber(value: number): string {
  const text = String(value);
  return PLAIN_DECIMAL.test(text) ? text : decimal(text).toFixed();
}
