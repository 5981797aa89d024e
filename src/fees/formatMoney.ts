import { ExpiryInputError } from '../errors.js';
import { atTheDoor, describe, excerpt, readField, requireRecord } from '../input/read.js';
import { exampleAmount, PLAIN_DECIMAL, writtenFractionDigits } from '../money/amountText.js';
import { MAX_MINOR_UNITS, isoMinorUnits } from '../money/currencies.js';
import type { Money } from '../money/money.js';
import { memoised } from '../memo.js';

/**
 * Formats a money value for display with `Intl.NumberFormat`, exactly: the amount goes
 * to Intl as its decimal string, never through a float, so `"10000000.05"` shows every
 * cent, and it shows exactly the fraction digits the amount has, so a policy
 * that writes IDR without decimals (`currencyDigits: { IDR: 0 }`) is shown without them
 * too: what a quote says is what people see. The locale defaults to `en-US`, never the
 * host's, so output is the same on every machine.
 *
 * @param money - `{ amount, currency }` as quotes carry it: `amount` a decimal string with 0 to 4 fraction digits, below 10³⁰⁸ (what `Intl` can write), `currency` an active ISO 4217 code
 * @param locale - a BCP 47 locale or a list of at most 16 of them, such as `'de-DE'` (default `'en-US'`)
 * @returns the amount written for people, such as `"$230.00"` or `"230,00 $"`
 * @throws ExpiryInputError when `money` is not such a value or the locale is not a locale
 *
 * @example
 * formatMoney({ amount: '230.00', currency: 'USD' }); //=> '$230.00'
 * formatMoney({ amount: '1234.50', currency: 'EUR' }, 'de-DE'); //=> '1.234,50 €'
 * formatMoney({ amount: '300', currency: 'JPY' }, 'ja-JP'); //=> '￥300'
 * formatMoney({ amount: '15000', currency: 'IDR' }); //=> 'IDR 15,000'
 */
export function formatMoney(money: Money, locale?: string | readonly string[]): string {
  const { amount, currency, digits } = atTheDoor('money', () => parseMoneyValue(money));
  const { locales, key } = atTheDoor('locale', () => parseLocale(locale));
  return formatterFor(locales, key, currency, digits).format(amount);
}

/** Never the host's locale (R-PURE-3): without a locale, amounts are formatted for en-US. */
const DEFAULT_LOCALE = 'en-US';
const CURRENCY_CODE = /^[A-Z]{3}$/;
const FORMATTER_LIMIT = 256;
/** Intl writes a numeric string as ∞ once it is too large for a double: every amount below 10³⁰⁸ is written exactly. */
const MAX_WHOLE_DIGITS = 308;
/** The longest locale list taken: Intl uses the first it supports, so a longer list only costs. */
const MAX_LOCALES = 16;

/** `Intl.NumberFormat#format` takes exact numeric strings (ES2023); TypeScript's ES2022 lib types only numbers. */
interface ExactNumberFormat {
  format(value: string): string;
}

const formatters = new Map<string, ExactNumberFormat>();

function parseMoneyValue(value: unknown): { amount: string; currency: string; digits: number } {
  const record = requireRecord(value, 'money', 'a money value { amount, currency }');
  const currency = readField(record, 'currency', 'money');
  if (typeof currency !== 'string' || !CURRENCY_CODE.test(currency)) {
    throw new ExpiryInputError(
      'invalid-value',
      'money.currency',
      `expected an ISO 4217 currency code such as "USD", got ${describe(currency)}`,
    );
  }
  const isoDigits = isoMinorUnits(currency);
  if (isoDigits === undefined) {
    throw new ExpiryInputError('invalid-value', 'money.currency', `${describe(currency)} is not an active ISO 4217 currency code`);
  }
  const amount = readField(record, 'amount', 'money');
  if (amount === undefined || amount === null) {
    throw new ExpiryInputError('missing', 'money.amount', `an amount in ${currency} is required`);
  }
  if (typeof amount !== 'string') {
    throw new ExpiryInputError(
      'wrong-type',
      'money.amount',
      `expected the amount as a decimal string such as "${exampleAmount(isoDigits)}", got ${describe(amount)}`,
    );
  }
  // A result's amount: the library's amount text, without a sign since no result is negative.
  if (amount.startsWith('-') || !PLAIN_DECIMAL.test(amount)) {
    throw new ExpiryInputError(
      'invalid-amount',
      'money.amount',
      `${describe(amount)} is not an amount such as "${exampleAmount(isoDigits)}" (digits and an optional point; no signs, spaces or exponents)`,
    );
  }
  const digits = writtenFractionDigits(amount);
  const wholeDigits = amount.length - (digits === 0 ? 0 : digits + 1) - leadingZeros(amount);
  if (wholeDigits > MAX_WHOLE_DIGITS) {
    throw new ExpiryInputError(
      'amount-too-large',
      'money.amount',
      `${excerpt(amount)} has ${wholeDigits} digits before the point; formatMoney writes amounts below 10^${MAX_WHOLE_DIGITS} exactly, and no larger`,
    );
  }
  if (digits > MAX_MINOR_UNITS) {
    throw new ExpiryInputError(
      'too-many-fraction-digits',
      'money.amount',
      `${excerpt(amount)} has ${digits} decimal places; money has at most ${MAX_MINOR_UNITS} — round it first`,
    );
  }
  return { amount, currency, digits };
}

function parseLocale(locale: unknown): { locales: string | string[]; key: string } {
  if (locale === undefined) return { locales: DEFAULT_LOCALE, key: DEFAULT_LOCALE };
  if (typeof locale === 'string') return { locales: locale, key: locale };
  if (Array.isArray(locale)) {
    // The length is checked before any item is read: a sparse `new Array(2 ** 32 - 1)`, or a
    // proxy whose length claims a billion, is refused without walking it.
    const length: unknown = (locale as unknown[]).length;
    if (typeof length !== 'number' || !(length <= MAX_LOCALES)) {
      throw new ExpiryInputError(
        'invalid-value',
        'locale',
        `expected at most ${MAX_LOCALES} locales, got a list of length ${describe(length)}`,
      );
    }
    const locales: string[] = [];
    for (let index = 0; index < length; index += 1) {
      const item: unknown = (locale as unknown[])[index];
      if (typeof item !== 'string')
        throw new ExpiryInputError('wrong-type', `locale[${index}]`, `expected a locale such as "en-US", got ${describe(item)}`);
      locales.push(item);
    }
    // A list's key starts with NUL, which no tag holds, so `[]` and `''` never share a formatter.
    return { locales, key: `\u0000${locales.join('\u0000')}` };
  }
  throw new ExpiryInputError('wrong-type', 'locale', `expected a locale such as "en-US" or a list of them, got ${describe(locale)}`);
}

/** One formatter per (locale, currency, digits), built once: constructing one costs far more than formatting. */
function formatterFor(locales: string | string[], localeKey: string, currency: string, digits: number): ExactNumberFormat {
  return memoised(
    formatters,
    `${localeKey}|${currency}|${digits}`,
    () => {
      try {
        const options = { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits } as const;
        // en-US always last: Intl takes the first locale of a list that it supports and, when
        // it supports none (an empty list, or well-formed tags such as "xx" or "qaa" that no
        // runtime has data for), the host's. With en-US last, it is en-US on every host.
        return new Intl.NumberFormat([...[locales].flat(), DEFAULT_LOCALE], options) as unknown as ExactNumberFormat;
      } catch {
        throw new ExpiryInputError('invalid-value', 'locale', `${describe(locales)} is not a BCP 47 locale such as "en-US" or "de-DE"`);
      }
    },
    FORMATTER_LIMIT,
  );
}

/** The zeros before an amount's first significant digit of its whole part (`"007.5"` has 2; `"0.5"` none). */
function leadingZeros(amount: string): number {
  let zeros = 0;
  while (amount.charCodeAt(zeros) === 48 && zeros + 1 < amount.length && amount.charCodeAt(zeros + 1) !== 46) zeros += 1;
  return zeros;
}
