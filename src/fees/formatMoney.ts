import { ExpiryInputError } from '../errors.js';
import { atTheDoor, describe, readField, requireRecord } from '../input/read.js';
import { currencyFractionDigits } from '../policy/validate.js';
import type { Money } from './money.js';
import { remember } from '../memo.js';

/**
 * Formats a money value for display with `Intl.NumberFormat`, exactly: the amount goes
 * to Intl as its decimal string, never through a float, so `"10000000.05"` shows every
 * cent. The locale defaults to `en-US`, never the host's, so output is the same on every
 * machine (R-PURE-3).
 *
 * @param money - `{ amount, currency }` as quotes carry it: `amount` a decimal string with exactly the currency's fraction digits
 * @param locale - a BCP 47 locale or a list of them, such as `'de-DE'` (default `'en-US'`)
 * @returns the amount written for people, such as `"$230.00"` or `"230,00 $"`
 * @throws ExpiryInputError when `money` is not such a value or the locale is not a locale
 *
 * @example
 * formatMoney({ amount: '230.00', currency: 'USD' }); //=> '$230.00'
 * formatMoney({ amount: '1234.50', currency: 'EUR' }, 'de-DE'); //=> '1.234,50 €'
 * formatMoney({ amount: '300', currency: 'JPY' }, 'ja-JP'); //=> '￥300'
 */
export function formatMoney(money: Money, locale?: string | readonly string[]): string {
  const { amount, currency } = atTheDoor('money', () => parseMoneyValue(money));
  const { locales, key } = atTheDoor('locale', () => parseLocale(locale));
  return formatterFor(locales, key, currency).format(amount);
}

const DEFAULT_LOCALE = 'en-US';
const CURRENCY_CODE = /^[A-Z]{3}$/;
const PLAIN_DECIMAL = /^\d+(?:\.(\d+))?$/;
const FORMATTER_LIMIT = 256;

/** `Intl.NumberFormat#format` takes exact numeric strings (ES2023); TypeScript's ES2022 lib types only numbers. */
interface ExactNumberFormat {
  format(value: string): string;
}

const formatters = new Map<string, ExactNumberFormat>();
const fractionDigitsByCurrency = new Map<string, number>();

function parseMoneyValue(value: unknown): { amount: string; currency: string } {
  const record = requireRecord(value, 'money', 'a money value { amount, currency }');
  const currency = readField(record, 'currency', 'money');
  if (typeof currency !== 'string' || !CURRENCY_CODE.test(currency)) {
    throw new ExpiryInputError('invalid-value', 'money.currency', `expected an ISO 4217 currency code such as "USD", got ${describe(currency)}`);
  }
  const digits = fractionDigitsOf(currency);
  const amount = readField(record, 'amount', 'money');
  if (amount === undefined || amount === null) {
    throw new ExpiryInputError('missing', 'money.amount', `an amount in ${currency} is required`);
  }
  if (typeof amount !== 'string') {
    throw new ExpiryInputError('wrong-type', 'money.amount', `expected the amount as a decimal string such as "${example(digits)}", got ${describe(amount)}`);
  }
  const match = PLAIN_DECIMAL.exec(amount);
  if (match === null) {
    throw new ExpiryInputError('invalid-amount', 'money.amount', `${describe(amount)} is not an amount such as "${example(digits)}" (digits and an optional point; no signs, spaces or exponents)`);
  }
  const places = match[1]?.length ?? 0;
  if (places > digits) {
    throw new ExpiryInputError('too-many-fraction-digits', 'money.amount', `${amount} has ${places} decimal places; ${currency} has ${digits} — round it first`);
  }
  if (places < digits) {
    throw new ExpiryInputError('invalid-amount', 'money.amount', `${amount} must have exactly ${digits} decimal places for ${currency}, such as "${example(digits)}"`);
  }
  return { amount, currency };
}

function parseLocale(locale: unknown): { locales: string | string[]; key: string } {
  if (locale === undefined) return { locales: DEFAULT_LOCALE, key: DEFAULT_LOCALE };
  if (typeof locale === 'string') return { locales: locale, key: locale };
  if (Array.isArray(locale)) {
    const locales = [...(locale as unknown[])].map((item, index) => {
      if (typeof item !== 'string') throw new ExpiryInputError('wrong-type', `locale[${index}]`, `expected a locale such as "en-US", got ${describe(item)}`);
      return item;
    });
    return { locales, key: locales.join('\u0000') };
  }
  throw new ExpiryInputError('wrong-type', 'locale', `expected a locale such as "en-US" or a list of them, got ${describe(locale)}`);
}

function fractionDigitsOf(currency: string): number {
  let digits = fractionDigitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = currencyFractionDigits(currency, 'money.currency');
    remember(fractionDigitsByCurrency, currency, digits, FORMATTER_LIMIT);
  }
  return digits;
}

/** One formatter per (locale, currency), built once: constructing one costs far more than formatting. */
function formatterFor(locales: string | string[], localeKey: string, currency: string): ExactNumberFormat {
  const key = `${localeKey}|${currency}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    try {
      formatter = new Intl.NumberFormat(locales, { style: 'currency', currency }) as unknown as ExactNumberFormat;
    } catch {
      throw new ExpiryInputError('invalid-value', 'locale', `${describe(locales)} is not a BCP 47 locale such as "en-US" or "de-DE"`);
    }
    remember(formatters, key, formatter, FORMATTER_LIMIT);
  }
  return formatter;
}

function example(digits: number): string {
  return digits === 0 ? '300' : `300.${'0'.repeat(digits)}`;
}
