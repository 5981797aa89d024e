/**
 * Money written as text: the one place for what an amount looks like, how many fraction
 * digits it has, how two amounts compare, and the ceiling. Plain string arithmetic, no
 * decimal.js, so code that only checks amounts (a custom policy, a widget's status) does
 * not load the money engine; the fee module converts amounts when it computes (R-IN-3).
 */

/** An amount as text: digits, an optional point and digits; a leading minus is recognised only to refuse it well. */
export const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

/**
 * The largest amount the library accepts, exclusive: a trillion major units.
 *
 * @internal exported for tests only
 */
export const AMOUNT_CEILING = '1000000000000';

/**
 * Is a non-negative plain decimal text below {@link AMOUNT_CEILING}? Leading zeros only
 * lengthen a written whole part, so one shorter than the ceiling's is below it: nearly every
 * amount is decided by one `indexOf`, without normalising either text.
 *
 * @internal exported for tests only
 */
export function isBelowCeiling(text: string): boolean {
  const point = text.indexOf('.');
  if ((point < 0 ? text.length : point) < AMOUNT_CEILING.length) return true;
  return compareAmountTexts(text, AMOUNT_CEILING) < 0;
}

/** An example amount with a currency's fraction digits, for messages: `"300.00"`, `"300"`. */
export function exampleAmount(fractionDigits: number): string {
  return fractionDigits === 0 ? '300' : `300.${'0'.repeat(fractionDigits)}`;
}

/** Fraction digits as written: `"1000.50"` has 2. */
export function writtenFractionDigits(text: string): number {
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.length - point - 1;
}

/** Fraction digits of the value (trailing zeros do not count): `"25.10"` has 1. */
export function significantFractionDigits(text: string): number {
  const point = text.indexOf('.');
  if (point < 0) return 0;
  let end = text.length;
  while (end > point + 1 && text.charCodeAt(end - 1) === 48) end -= 1;
  return end - point - 1;
}

/** Is a plain decimal text below zero? `"-0"` and `"-0.00"` are not (they are zero with a sign). */
function isNegativeText(text: string): boolean {
  return /[1-9]/.test(text);
}

/**
 * What breaks the amount rules (R-IN-3) in a plain decimal text, the first in this order:
 * a minus sign on zero, a negative value, more fraction digits than the currency has
 * (trailing zeros do not count), the ceiling. Every reader of amounts (subscriptions,
 * policies) asks this one check and maps the answer to its own error and path.
 */
export type AmountProblem = 'minus-zero' | 'negative' | 'too-many-fraction-digits' | 'too-large';

/** The first {@link AmountProblem} of a plain decimal text, or `undefined` for a good amount. */
export function amountProblemOf(text: string, fractionDigits: number): AmountProblem | undefined {
  if (text.startsWith('-')) return isNegativeText(text) ? 'negative' : 'minus-zero';
  if (significantFractionDigits(text) > fractionDigits) return 'too-many-fraction-digits';
  return isBelowCeiling(text) ? undefined : 'too-large';
}

/**
 * The one wording of each amount rule. `shown` is the amount as its caller wrote it (a
 * number as JavaScript writes it: `1e-7`), `text` its plain decimal text; `quoted` is how
 * the caller quotes a value in messages.
 */
export function amountProblemMessage(
  problem: AmountProblem,
  shown: string,
  text: string,
  currency: string,
  fractionDigits: number,
  quoted: (value: string) => string,
): string {
  if (problem === 'minus-zero') return `${quoted(shown)} has a minus sign; write zero as "0"`;
  if (problem === 'negative') return `${shown} is negative; amounts are never below zero`;
  if (problem === 'too-large') return `${shown} is not below the ceiling of ${AMOUNT_CEILING} ${currency}`;
  return `${shown} has ${writtenFractionDigits(text)} decimal places; ${currency} has ${fractionDigits} — round it first`;
}

/**
 * Compares two non-negative plain decimal texts by value: negative, zero or positive as
 * `a` is below, equal to or above `b` (`"0.10"` equals `"0.1"`).
 */
export function compareAmountTexts(a: string, b: string): number {
  const [aWhole, aFraction] = splitNormalised(a);
  const [bWhole, bFraction] = splitNormalised(b);
  if (aWhole.length !== bWhole.length) return aWhole.length - bWhole.length;
  if (aWhole !== bWhole) return aWhole < bWhole ? -1 : 1;
  const length = Math.max(aFraction.length, bFraction.length);
  const x = aFraction.padEnd(length, '0');
  const y = bFraction.padEnd(length, '0');
  return x === y ? 0 : x < y ? -1 : 1;
}

/** Writes a non-negative plain decimal text with exactly `digits` fraction digits; only zeros are dropped (the caller checked). */
export function withFractionDigits(text: string, digits: number): string {
  const [whole, fraction] = splitNormalised(text);
  if (digits === 0) return whole;
  return `${whole}.${fraction.padEnd(digits, '0').slice(0, digits)}`;
}

/** `[whole, fraction]` without a sign, leading zeros of the whole part or trailing zeros of the fraction. */
function splitNormalised(text: string): [string, string] {
  const unsigned = text.startsWith('-') ? text.slice(1) : text;
  const point = unsigned.indexOf('.');
  const whole = (point < 0 ? unsigned : unsigned.slice(0, point)).replace(/^0+(?=\d)/, '');
  const fraction = point < 0 ? '' : unsigned.slice(point + 1).replace(/0+$/, '');
  return [whole, fraction];
}
