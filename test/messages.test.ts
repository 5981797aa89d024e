import Decimal from 'decimal.js';
import { Temporal } from 'temporal-polyfill';
import { Temporal as FullTemporal } from 'temporal-polyfill/full';
import { describe, expect, it } from 'vitest';
import {
  checkExtensionEligibility,
  defaultPolicy,
  definePolicy,
  findOrderId,
  formatMoney,
  getCapabilities,
  getExpiryStatus,
  getReminderSchedule,
  getRemindersDue,
  getTimeline,
  quoteReactivationFee,
} from '../src/index.js';
import { isLibraryError } from '../src/errors.js';
import { thrown } from './support/errors.js';

/**
 * R-IN-4: bad input gets a typed error with a `code`, a `path` and a plain message that
 * says what is wrong and how to put it right. This is the catalogue of those messages,
 * one bad input per place that throws, each pinned whole: rewording a message is a
 * deliberate change to this file, reviewed like any other change to the public surface.
 */
const SUB = { expirationDate: '2026-03-08', invoiceAmount: '300.00' } as const;
/** getRemindersDue needs the id that makes keys unique (R-RM-3). */
const SUB_WITH_ID = { ...SUB, id: 'sub_1' } as const;
const NOW = '2026-03-20T12:00:00Z';
const status = (subscription: unknown, now: unknown) => getExpiryStatus(subscription as never, now as never);
const policy = (overrides: unknown) => definePolicy(overrides as never);
const tiers = (list: unknown) => policy({ fees: { reactivationTiers: list } });
const money = (value: unknown) => formatMoney(value as never);
const getterThatThrows = (key: string) =>
  Object.defineProperty({}, key, {
    enumerable: true,
    get: () => {
      throw new Error('no');
    },
  });

const CATALOGUE: readonly [call: string, run: () => unknown, code: string, path: string, message: string][] = [
  // The door: subscriptions and the values in them.
  ['no subscription', () => status(undefined, NOW), 'missing', 'subscription', 'a subscription is required'],
  [
    'a subscription that is a string',
    () => status('2026-03-08', NOW),
    'wrong-type',
    'subscription',
    'a subscription must be an object, got "2026-03-08"',
  ],
  [
    'a subscription that is a list',
    () => status([SUB], NOW),
    'wrong-type',
    'subscription',
    'a subscription must be an object, got an array',
  ],
  [
    'an id that is a function',
    () => status({ ...SUB, id: () => 'x' }, NOW),
    'invalid-value',
    'subscription.id',
    'expected a non-empty string of at most 200 characters, got a function',
  ],
  [
    'an id that is null',
    () => status({ ...SUB, id: null }, NOW),
    'invalid-value',
    'subscription.id',
    'expected a non-empty string of at most 200 characters, got null',
  ],
  [
    'a field whose getter throws',
    () => status(getterThatThrows('expirationDate'), NOW),
    'unreadable',
    'subscription.expirationDate',
    'this field could not be read (its getter threw)',
  ],
  [
    'an instant that throws on inspection',
    () =>
      status(
        SUB,
        new Proxy(
          {},
          {
            getPrototypeOf: () => {
              throw new Error('no');
            },
          },
        ),
      ),
    'unreadable',
    'now',
    'this input could not be read (it threw while being inspected)',
  ],
  ['no expiration date', () => status({}, NOW), 'missing', 'subscription.expirationDate', 'a calendar date (YYYY-MM-DD) is required'],
  [
    'a Date as expiration date',
    () => status({ expirationDate: new Date(0) }, NOW),
    'wrong-type',
    'subscription.expirationDate',
    'expected a calendar date string YYYY-MM-DD or a Temporal.PlainDate, got a Date — an instant is not a calendar date; pass the date in the policy time zone as YYYY-MM-DD or a Temporal.PlainDate',
  ],
  [
    'a number as expiration date',
    () => status({ expirationDate: 20260308 }, NOW),
    'wrong-type',
    'subscription.expirationDate',
    'expected a calendar date string YYYY-MM-DD or a Temporal.PlainDate, got 20260308',
  ],
  [
    'a US-style date',
    () => status({ expirationDate: '03/08/2026' }, NOW),
    'invalid-date',
    'subscription.expirationDate',
    '"03/08/2026" is not a calendar date in the form YYYY-MM-DD',
  ],
  [
    '30 February',
    () => status({ expirationDate: '2026-02-30' }, NOW),
    'invalid-date',
    'subscription.expirationDate',
    '2026-02-30 is not a day of the calendar',
  ],
  [
    'the year 1899',
    () => status({ expirationDate: '1899-12-31' }, NOW),
    'date-out-of-range',
    'subscription.expirationDate',
    '1899-12-31 is outside the supported years 1900–2999',
  ],
  [
    'an empty id',
    () => status({ ...SUB, id: '' }, NOW),
    'invalid-value',
    'subscription.id',
    'expected a non-empty string of at most 200 characters, got ""',
  ],
  [
    'a long id',
    () => status({ ...SUB, id: 'x'.repeat(201) }, NOW),
    'invalid-value',
    'subscription.id',
    'expected a non-empty string of at most 200 characters, got a 201-character string',
  ],
  [
    'an extension that is not an object',
    () => status({ ...SUB, extension: true }, NOW),
    'wrong-type',
    'subscription.extension',
    'an extension must be an object, got true',
  ],
  [
    'an extension ending early',
    () => status({ ...SUB, extension: { endsOn: '2026-03-01' } }, NOW),
    'invalid-value',
    'subscription.extension.endsOn',
    'an extension cannot end before the expiration date it extends',
  ],
  [
    'a payment method that is a number',
    () => status({ ...SUB, paymentMethod: 1 }, NOW),
    'wrong-type',
    'subscription.paymentMethod',
    'expected a string such as "card" or "bank-transfer", got 1',
  ],
  [
    'an unknown recipient zone',
    () => status({ ...SUB, recipientTimeZone: 'Mars/Base' }, NOW),
    'invalid-time-zone',
    'subscription.recipientTimeZone',
    '"Mars/Base" is not an IANA time zone such as "Europe/Berlin"',
  ],
  [
    'a symbol as recipient zone',
    () => status({ ...SUB, recipientTimeZone: Symbol('z') }, NOW),
    'invalid-time-zone',
    'subscription.recipientTimeZone',
    'a symbol is not an IANA time zone such as "Europe/Berlin"',
  ],

  // Instants.
  [
    'no instant',
    () => status(SUB, undefined),
    'missing',
    'now',
    'an instant is required (a Date, epoch milliseconds, or an ISO string with Z or an offset)',
  ],
  ['an invalid Date', () => status(SUB, new Date(Number.NaN)), 'invalid-instant', 'now', 'this Date is invalid (its time is NaN)'],
  ['NaN milliseconds', () => status(SUB, Number.NaN), 'invalid-instant', 'now', 'NaN is not a finite number of epoch milliseconds'],
  [
    'a fraction of a millisecond',
    () => status(SUB, 1.5),
    'invalid-instant',
    'now',
    '1.5 has a fraction of a millisecond; pass whole epoch milliseconds',
  ],
  [
    'a bigint',
    () => status(SUB, 10n),
    'wrong-type',
    'now',
    'expected a Date, epoch milliseconds, an ISO-8601 string or a Temporal.Instant, got the bigint 10n',
  ],
  [
    'a zone-less Temporal.PlainDateTime',
    () => status(SUB, Temporal.PlainDateTime.from('2026-03-20T12:00')),
    'ambiguous-instant',
    'now',
    'a Temporal.PlainDateTime has no time zone, so it could be any of 38 instants; pass a Temporal.ZonedDateTime (dateTime.toZonedDateTime(zone)) or a Temporal.Instant',
  ],
  [
    'a Temporal.PlainDate in another calendar',
    () => status({ expirationDate: FullTemporal.PlainDate.from('2026-03-08').withCalendar('japanese') }, NOW),
    'invalid-date',
    'subscription.expirationDate',
    "this Temporal.PlainDate is in the japanese calendar; pass an ISO-calendar date, such as date.withCalendar('iso8601')",
  ],
  [
    'a date string for an instant',
    () => status(SUB, 'March 20'),
    'invalid-instant',
    'now',
    '"March 20" is not an ISO-8601 instant such as 2026-03-08T12:00:00Z',
  ],
  [
    'an instant without offset',
    () => status(SUB, '2026-03-20T12:00:00'),
    'ambiguous-instant',
    'now',
    '2026-03-20T12:00:00 has no offset, so it could be any of 38 local times; add Z or an offset such as -05:00',
  ],
  [
    '31 April at noon',
    () => status(SUB, '2026-04-31T12:00:00Z'),
    'invalid-instant',
    'now',
    '2026-04-31T12:00:00Z names a date or time that does not exist',
  ],
  [
    'an offset of 25 hours',
    () => status(SUB, '2026-03-20T12:00:00+25:00'),
    'invalid-instant',
    'now',
    '2026-03-20T12:00:00+25:00 has an impossible offset +25:00',
  ],
  [
    'month 13',
    () => status(SUB, '2026-13-01T00:00:00Z'),
    'invalid-instant',
    'now',
    '2026-13-01T00:00:00Z names a date or time that does not exist',
  ],
  [
    'day 0',
    () => status(SUB, '2026-01-00T00:00:00Z'),
    'invalid-instant',
    'now',
    '2026-01-00T00:00:00Z names a date or time that does not exist',
  ],
  [
    'hour 24',
    () => status(SUB, '2026-01-01T24:00:00Z'),
    'invalid-instant',
    'now',
    '2026-01-01T24:00:00Z names a date or time that does not exist',
  ],
  [
    'minute 60',
    () => status(SUB, '2026-01-01T12:60:00Z'),
    'invalid-instant',
    'now',
    '2026-01-01T12:60:00Z names a date or time that does not exist',
  ],
  [
    'second 60',
    () => status(SUB, '2026-01-01T12:00:60Z'),
    'invalid-instant',
    'now',
    '2026-01-01T12:00:60Z names a date or time that does not exist',
  ],
  [
    'an offset of 60 minutes',
    () => status(SUB, '2026-03-20T12:00:00+05:60'),
    'invalid-instant',
    'now',
    '2026-03-20T12:00:00+05:60 has an impossible offset +05:60',
  ],
  [
    'an instant with a prefix',
    () => status(SUB, 'x2026-03-20T12:00:00Z'),
    'invalid-instant',
    'now',
    '"x2026-03-20T12:00:00Z" is not an ISO-8601 instant such as 2026-03-08T12:00:00Z',
  ],
  [
    'an instant with a suffix',
    () => status(SUB, '2026-03-20T12:00:00Zx'),
    'invalid-instant',
    'now',
    '"2026-03-20T12:00:00Zx" is not an ISO-8601 instant such as 2026-03-08T12:00:00Z',
  ],
  [
    'a date with a prefix',
    () => status({ expirationDate: 'x2026-03-08' }, NOW),
    'invalid-date',
    'subscription.expirationDate',
    '"x2026-03-08" is not a calendar date in the form YYYY-MM-DD',
  ],
  [
    'the year 3000',
    () => status({ expirationDate: '3000-01-01' }, NOW),
    'date-out-of-range',
    'subscription.expirationDate',
    '3000-01-01 is outside the supported years 1900–2999',
  ],
  [
    'month 13 of a date',
    () => status({ expirationDate: '2026-13-01' }, NOW),
    'invalid-date',
    'subscription.expirationDate',
    '2026-13-01 is not a day of the calendar',
  ],
  [
    'an extension with no end',
    () => status({ ...SUB, extension: {} }, NOW),
    'missing',
    'subscription.extension.endsOn',
    'a calendar date (YYYY-MM-DD) is required',
  ],
  ['no window', () => getRemindersDue(SUB_WITH_ID, undefined as never), 'missing', 'window', 'a window { from, to } is required'],
  [
    'no id for reminders due',
    () => getRemindersDue(SUB, { from: NOW, to: NOW }),
    'missing',
    'subscription.id',
    "the subscription id is required to list reminders due: it makes each reminder's key unique, so a job can de-duplicate sends",
  ],
  [
    'a lifecycle past 2999',
    () => status({ expirationDate: '2999-07-01' }, NOW),
    'date-out-of-range',
    'subscription.expirationDate',
    'under this policy the lifecycle of a subscription expiring 2999-07-01 runs from 2999-03-01 to 3000-01-01, outside the supported years 1900–2999; every date the library returns must be one it accepts back',
  ],
  [
    'a number as policy',
    () => getExpiryStatus(SUB, NOW, 7 as never),
    'wrong-type',
    'policy',
    'the policy must be defaultPolicy or made by definePolicy(…), or omitted',
  ],
  [
    'null as policy',
    () => getExpiryStatus(SUB, NOW, null as never),
    'wrong-type',
    'policy',
    'the policy must be defaultPolicy or made by definePolicy(…), or omitted',
  ],
  [
    'a money value that is not an object',
    () => money('1.00 USD'),
    'wrong-type',
    'money',
    'a money value { amount, currency } must be an object, got "1.00 USD"',
  ],
  [
    'an amount with a suffix',
    () => money({ amount: '1.00x', currency: 'USD' }),
    'invalid-amount',
    'money.amount',
    '"1.00x" is not an amount such as "300.00" (digits and an optional point; no signs, spaces or exponents)',
  ],
  [
    'a currency with a prefix',
    () => money({ amount: '1.00', currency: 'XUSD' }),
    'invalid-value',
    'money.currency',
    'expected an ISO 4217 currency code such as "USD", got "XUSD"',
  ],
  [
    'a currency that is a number',
    () => money({ amount: '1.00', currency: 840 }),
    'invalid-value',
    'money.currency',
    'expected an ISO 4217 currency code such as "USD", got 840',
  ],
  [
    'an instant in 3000',
    () => status(SUB, '3000-01-01T15:00:00Z'),
    'date-out-of-range',
    'now',
    '3000-01-01T15:00:00.000Z is outside the supported years 1900–2999',
  ],
  [
    'a window backwards',
    () => getRemindersDue(SUB_WITH_ID, { from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' }),
    'invalid-range',
    'window.to',
    'the window ends (2026-03-01T00:00:00.000Z) before it starts (2026-03-02T00:00:00.000Z); pass { from, to } with from ≤ to',
  ],

  // Money coming in.
  [
    'no invoice on a priced quote',
    () => quoteReactivationFee({ expirationDate: '2026-03-08' }, NOW),
    'missing',
    'subscription.invoiceAmount',
    'the invoice amount as it stood at expiration is required to quote a reactivation fee (12 days past expiry); pass it in USD, such as "300.00"',
  ],
  [
    'no invoice, in yen',
    () =>
      quoteReactivationFee(
        { expirationDate: '2026-03-08' },
        '2026-05-01T12:00:00Z',
        policy({
          currency: 'JPY',
          fees: {
            reactivationTiers: [
              { fromDay: 0, rate: '0.1', minimum: '25' },
              { fromDay: 8, rate: '0.15', minimum: '50' },
            ],
            recovery: { rate: '0.15', minimum: '50', dailyRate: '4' },
          },
        }),
      ),
    'missing',
    'subscription.invoiceAmount',
    'the invoice amount as it stood at expiration is required to quote a recovery fee (54 days past expiry); pass it in JPY, such as "300"',
  ],
  [
    'a float that is not exact',
    () => quoteReactivationFee({ ...SUB, invoiceAmount: 0.1 + 0.2 }, NOW),
    'too-many-fraction-digits',
    'subscription.invoiceAmount',
    '0.30000000000000004 has 17 decimal places; USD has 2 — round it first',
  ],
  [
    'an amount with a sign',
    () => quoteReactivationFee({ ...SUB, invoiceAmount: '+300' }, NOW),
    'invalid-amount',
    'subscription.invoiceAmount',
    '"+300" is not an amount such as "300.00" (digits, an optional point, no signs, spaces or exponents)',
  ],
  [
    'an infinite amount',
    () => quoteReactivationFee({ ...SUB, invoiceAmount: Number.POSITIVE_INFINITY }, NOW),
    'invalid-amount',
    'subscription.invoiceAmount',
    'Infinity is not a finite amount',
  ],
  [
    'a boolean amount',
    () => quoteReactivationFee({ ...SUB, invoiceAmount: true } as never, NOW),
    'wrong-type',
    'subscription.invoiceAmount',
    'expected an amount as a string, number or Decimal, got true',
  ],
  [
    'a Decimal NaN',
    () => quoteReactivationFee({ ...SUB, invoiceAmount: new Decimal(Number.NaN) }, NOW),
    'invalid-amount',
    'subscription.invoiceAmount',
    '"NaN" is not a finite amount',
  ],
  [
    'an object posing as a Decimal',
    () => quoteReactivationFee({ ...SUB, invoiceAmount: { toStringTag: '[object Decimal]' } } as never, NOW),
    'invalid-amount',
    'subscription.invoiceAmount',
    'an object claims to be a Decimal but is not a number',
  ],
  [
    'a Decimal infinity',
    () => quoteReactivationFee({ ...SUB, invoiceAmount: new Decimal(Number.POSITIVE_INFINITY) }, NOW),
    'invalid-amount',
    'subscription.invoiceAmount',
    '"Infinity" is not a finite amount',
  ],
  [
    'a negative number',
    () => quoteReactivationFee({ ...SUB, invoiceAmount: -5 }, NOW),
    'negative-amount',
    'subscription.invoiceAmount',
    '-5 is negative; amounts are never below zero',
  ],
  [
    'a trillion dollars',
    () => quoteReactivationFee({ ...SUB, invoiceAmount: '1000000000000' }, NOW),
    'amount-too-large',
    'subscription.invoiceAmount',
    '1000000000000 is not below the ceiling of 1000000000000 USD',
  ],

  // Money going out.
  [
    'a lower-case currency',
    () => money({ amount: '1.00', currency: 'usd' }),
    'invalid-value',
    'money.currency',
    'expected an ISO 4217 currency code such as "USD", got "usd"',
  ],
  ['no amount', () => money({ currency: 'USD' }), 'missing', 'money.amount', 'an amount in USD is required'],
  [
    'a number amount',
    () => money({ amount: 1, currency: 'USD' }),
    'wrong-type',
    'money.amount',
    'expected the amount as a decimal string such as "300.00", got 1',
  ],
  [
    'an exponent',
    () => money({ amount: '1e3', currency: 'JPY' }),
    'invalid-amount',
    'money.amount',
    '"1e3" is not an amount such as "300" (digits and an optional point; no signs, spaces or exponents)',
  ],
  [
    'five fraction digits',
    () => money({ amount: '1.50000', currency: 'JPY' }),
    'too-many-fraction-digits',
    'money.amount',
    '1.50000 has 5 decimal places; money has at most 4 — round it first',
  ],
  [
    'a currency ISO 4217 does not have',
    () => money({ amount: '1.00', currency: 'UDS' }),
    'invalid-value',
    'money.currency',
    '"UDS" is not an active ISO 4217 currency code',
  ],
  [
    'cents on a yen invoice',
    () =>
      quoteReactivationFee(
        { ...SUB, invoiceAmount: '1000.50' },
        NOW,
        policy({
          currency: 'JPY',
          fees: {
            reactivationTiers: [{ fromDay: 0, rate: '0.1', minimum: '25' }],
            recovery: { rate: '0.15', minimum: '50', dailyRate: '4' },
          },
        }),
      ),
    'too-many-fraction-digits',
    'subscription.invoiceAmount',
    '1000.50 has 2 decimal places; JPY has 0 — round it first',
  ],
  [
    'a locale list with a number',
    () => formatMoney({ amount: '1.00', currency: 'USD' }, ['en-US', 7] as never),
    'wrong-type',
    'locale[1]',
    'expected a locale such as "en-US", got 7',
  ],
  [
    'a locale that is an object',
    () => formatMoney({ amount: '1.00', currency: 'USD' }, {} as never),
    'wrong-type',
    'locale',
    'expected a locale such as "en-US" or a list of them, got an object',
  ],
  [
    'a locale that is not BCP 47',
    () => formatMoney({ amount: '1.00', currency: 'USD' }, 'en_US!'),
    'invalid-value',
    'locale',
    '"en_US!" is not a BCP 47 locale such as "en-US" or "de-DE"',
  ],

  // Roles, tickets and extension requests.
  [
    'no role',
    () => getCapabilities(SUB, NOW, undefined as never),
    'missing',
    'role',
    'expected a role such as "owner", "administrator" or "agent", got undefined',
  ],
  [
    'a role that is a number',
    () => getCapabilities(SUB, NOW, 3 as never),
    'wrong-type',
    'role',
    'expected a role such as "owner", "administrator" or "agent", got 3',
  ],
  ['a ticket that is not text', () => findOrderId(42 as never), 'wrong-type', 'text', "expected the ticket's text as a string, got 42"],
  ['no ticket', () => findOrderId(null as never), 'missing', 'text', "expected the ticket's text as a string, got null"],
  [
    'an order id that is a number',
    () => checkExtensionEligibility({ subscription: SUB, requestedAt: NOW, orderId: 12345 } as never),
    'wrong-type',
    'request.orderId',
    'expected the order id as a string such as "ABC-123-45678", got 12345',
  ],
  [
    'previous requests that are not a list',
    () => checkExtensionEligibility({ subscription: SUB, requestedAt: NOW, previousRequests: NOW } as never),
    'wrong-type',
    'request.previousRequests',
    'expected an array of instants (or of { requestedAt }), got "2026-03-20T12:00:00Z"',
  ],
  [
    'a previous request that cannot be read',
    () => checkExtensionEligibility({ subscription: SUB, requestedAt: NOW, previousRequests: getterThatThrows('0') as never } as never),
    'wrong-type',
    'request.previousRequests',
    'expected an array of instants (or of { requestedAt }), got an object',
  ],

  // Policies.
  [
    'policy overrides that are a string',
    () => policy('strict'),
    'wrong-type',
    'policy',
    'policy overrides must be an object, got "strict"',
  ],
  [
    'an override whose getter throws',
    () => policy(getterThatThrows('currency')),
    'unreadable',
    'policy.currency',
    'this field could not be read (its getter threw)',
  ],
  [
    'an unknown field',
    () => policy({ timezone: 'UTC' }),
    'unknown-field',
    'policy.timezone',
    'this is not a policy field (check its spelling)',
  ],
  [
    'an unknown zone',
    () => policy({ timeZone: 'Mars/Base' }),
    'invalid-time-zone',
    'policy.timeZone',
    '"Mars/Base" is not an IANA time zone this runtime knows, such as "America/New_York"',
  ],
  [
    'a rounding mode nobody has',
    () => policy({ rounding: 'banker' }),
    'invalid-value',
    'policy.rounding',
    '"banker" is not one of half-up, half-even, half-down, up, down',
  ],
  [
    'a currency that is not ISO',
    () => policy({ currency: 'DOLLAR' }),
    'invalid-currency',
    'policy.currency',
    '"DOLLAR" is not an ISO 4217 code such as "USD"',
  ],
  [
    'a currency ISO 4217 does not list',
    () => policy({ currency: 'ZZZ' }),
    'invalid-currency',
    'policy.currency',
    '"ZZZ" is not an active ISO 4217 code',
  ],
  [
    'digits for an unknown code',
    () => policy({ currencyDigits: { UDS: 0 } }),
    'invalid-currency',
    'policy.currencyDigits.UDS',
    '"UDS" is not an active ISO 4217 code',
  ],
  [
    'five digits for a currency',
    () => policy({ currencyDigits: { USD: 5 } }),
    'invalid-number',
    'policy.currencyDigits.USD',
    'expected a whole number from 0 to 4, got 5',
  ],
  [
    'an expiry time of 24:00',
    () => policy({ expiryTime: '24:00' }),
    'invalid-time',
    'policy.expiryTime',
    '"24:00" is not a time of day such as "09:00" or "23:59:59"',
  ],
  ['an expiry time that is a number', () => policy({ expiryTime: 2359 }), 'wrong-type', 'policy.expiryTime', 'expected a string, got 2359'],
  [
    'a negative day count',
    () => policy({ renewalInvoiceDaysBefore: -1 }),
    'invalid-number',
    'policy.renewalInvoiceDaysBefore',
    'expected a whole number of days or months from 0 to 366, got -1',
  ],
  [
    'reminders that are not an object',
    () => policy({ reminders: 'daily' }),
    'wrong-type',
    'policy.reminders',
    'expected an object, got "daily"',
  ],
  [
    'cadences that are not a list',
    () => policy({ reminders: { cadences: 'daily' } }),
    'wrong-type',
    'policy.reminders.cadences',
    'expected an array, got "daily"',
  ],
  [
    'an hourly cadence',
    () => policy({ reminders: { cadences: [{ channel: 'email', cadence: 'hourly', from: 0, through: 0 }] } }),
    'invalid-reminders',
    'policy.reminders.cadences[0].cadence',
    '"hourly" is not one of monthly, weekly, daily',
  ],
  [
    'a cadence backwards',
    () => policy({ reminders: { cadences: [{ channel: 'email', cadence: 'daily', from: 0, through: -3 }] } }),
    'invalid-reminders',
    'policy.reminders.cadences[0].through',
    'through (-3) comes before from (0)',
  ],
  [
    'a cadence at a fraction of a day',
    () => policy({ reminders: { cadences: [{ channel: 'email', cadence: 'daily', from: 0.5, through: 1 }] } }),
    'invalid-number',
    'policy.reminders.cadences[0].from',
    'expected a whole number from -120 to 120, got 0.5',
  ],
  [
    'a channel with no send time',
    () => policy({ reminders: { cadences: [{ channel: 'fax', cadence: 'daily', from: 0, through: 0 }] } }),
    'invalid-reminders',
    'policy.reminders.cadences[0].channel',
    'channel "fax" has no send time in reminders.sendTimes',
  ],
  [
    'a channel name with capitals',
    () => policy({ reminders: { quietHours: { channels: ['SMS'] } } }),
    'invalid-reminders',
    'policy.reminders.quietHours.channels[0]',
    '"SMS" is not a channel name (lower-case letters, digits and dashes, such as "email")',
  ],
  [
    'a quiet-hours channel that is a number',
    () => policy({ reminders: { quietHours: { channels: [1] } } }),
    'wrong-type',
    'policy.reminders.quietHours.channels[0]',
    'expected a channel name, got 1',
  ],
  [
    'quiet hours backwards',
    () => policy({ reminders: { quietHours: { start: '21:00', end: '08:00' } } }),
    'invalid-time',
    'policy.reminders.quietHours.end',
    'the allowed window must end after it starts (21:00–08:00)',
  ],
  ['no tiers', () => tiers([]), 'invalid-tiers', 'policy.fees.reactivationTiers', 'at least one reactivation tier is needed, from day 0'],
  [
    'a first tier after day 0',
    () => tiers([{ fromDay: 3, rate: '0.1', minimum: '25.00' }]),
    'invalid-tiers',
    'policy.fees.reactivationTiers[0].fromDay',
    'the first tier must start on day 0, the expiration day',
  ],
  [
    'tiers out of order',
    () =>
      tiers([
        { fromDay: 0, rate: '0.1', minimum: '25.00' },
        { fromDay: 0, rate: '0.1', minimum: '25.00' },
      ]),
    'invalid-tiers',
    'policy.fees.reactivationTiers[1].fromDay',
    'tiers must start on increasing days; day 0 does not follow day 0',
  ],
  [
    'a cheaper later tier',
    () =>
      tiers([
        { fromDay: 0, rate: '0.1', minimum: '25.00' },
        { fromDay: 8, rate: '0.05', minimum: '25.00' },
      ]),
    'invalid-tiers',
    'policy.fees.reactivationTiers[1]',
    'a later tier may not have a lower rate or minimum: fees never decrease as days pass',
  ],
  [
    'a tier after deletion',
    () =>
      tiers([
        { fromDay: 0, rate: '0.1', minimum: '25.00' },
        { fromDay: 15, rate: '0.15', minimum: '50.00' },
      ]),
    'invalid-tiers',
    'policy.fees.reactivationTiers[1].fromDay',
    'the last tier starts on day 15, not before the deletion day 15',
  ],
  [
    'a recovery cheaper than reactivation',
    () => policy({ fees: { recovery: { rate: '0.01', minimum: '1.00', dailyRate: '4.00' } } }),
    'invalid-tiers',
    'policy.fees.recovery',
    'the recovery rate and minimum must be at least those of the last reactivation tier, or fees would fall when data is deleted',
  ],
  [
    'a rate of 1100 %',
    () => policy({ fees: { recovery: { rate: '11' } } }),
    'invalid-number',
    'policy.fees.recovery.rate',
    'a rate is a fraction from 0 to 10 ("0.15" is 15 %), got 11',
  ],
  [
    'a rate in 7 places',
    () => policy({ fees: { recovery: { rate: '0.1500001' } } }),
    'invalid-number',
    'policy.fees.recovery.rate',
    '0.1500001 has more than 6 decimal places',
  ],
  [
    'a rate in words',
    () => policy({ fees: { recovery: { rate: 'ten' } } }),
    'invalid-number',
    'policy.fees.recovery.rate',
    'expected a decimal such as "0.15" or "25.00", got "ten"',
  ],
  [
    'a negative minimum',
    () => policy({ fees: { recovery: { minimum: '-1' } } }),
    'invalid-amount',
    'policy.fees.recovery.minimum',
    '-1 is negative; amounts are never below zero',
  ],
  [
    'a minimum of minus zero',
    () => policy({ fees: { recovery: { minimum: '-0.00' } } }),
    'invalid-amount',
    'policy.fees.recovery.minimum',
    '"-0.00" has a minus sign; write zero as "0"',
  ],
  [
    'a minimum in tenths of a cent',
    () => policy({ fees: { recovery: { minimum: '1.001' } } }),
    'invalid-amount',
    'policy.fees.recovery.minimum',
    '1.001 has 3 decimal places; USD has 2 — round it first',
  ],
  [
    'a minimum of a trillion',
    () => policy({ fees: { recovery: { minimum: '1000000000000' } } }),
    'invalid-amount',
    'policy.fees.recovery.minimum',
    '1000000000000 is not below the ceiling of 1000000000000 USD',
  ],
  [
    'an order id group of 0',
    () => policy({ extensions: { orderId: { groups: [3, 0] } } }),
    'invalid-number',
    'policy.extensions.orderId.groups[1]',
    'expected a group length from 1 to 32, got 0',
  ],
  [
    'no order id groups',
    () => policy({ extensions: { orderId: { groups: [] } } }),
    'invalid-value',
    'policy.extensions.orderId.groups',
    'an order id has from 1 to 8 groups',
  ],
  [
    'a letter as separator',
    () => policy({ extensions: { orderId: { separator: 'a' } } }),
    'invalid-value',
    'policy.extensions.orderId.separator',
    'expected one punctuation character such as "-", got "a"',
  ],
  [
    'a cadence to a fraction of a day',
    () => policy({ reminders: { cadences: [{ channel: 'email', cadence: 'daily', from: 0, through: 1.5 }] } }),
    'invalid-number',
    'policy.reminders.cadences[0].through',
    'expected a whole number from -120 to 120, got 1.5',
  ],
  [
    'quiet hours of no length',
    () => policy({ reminders: { quietHours: { start: '08:00', end: '08:00' } } }),
    'invalid-time',
    'policy.reminders.quietHours.end',
    'the allowed window must end after it starts (08:00–08:00)',
  ],
  [
    'a send time with a prefix',
    () => policy({ reminders: { sendTimes: { email: 'x09:00' } } }),
    'invalid-time',
    'policy.reminders.sendTimes.email',
    '"x09:00" is not a time of day such as "09:00" or "23:59:59"',
  ],
  [
    'an order id group of 33',
    () => policy({ extensions: { orderId: { groups: [33] } } }),
    'invalid-number',
    'policy.extensions.orderId.groups[0]',
    'expected a group length from 1 to 32, got 33',
  ],
  [
    'an order id group of 2.5',
    () => policy({ extensions: { orderId: { groups: [2.5] } } }),
    'invalid-number',
    'policy.extensions.orderId.groups[0]',
    'expected a group length from 1 to 32, got 2.5',
  ],
  [
    'an order id group that is text',
    () => policy({ extensions: { orderId: { groups: ['3'] } } }),
    'invalid-number',
    'policy.extensions.orderId.groups[0]',
    'expected a group length from 1 to 32, got "3"',
  ],
  [
    'nine order id groups',
    () => policy({ extensions: { orderId: { groups: [1, 1, 1, 1, 1, 1, 1, 1, 1] } } }),
    'invalid-value',
    'policy.extensions.orderId.groups',
    'expected at most 8 groups, got a list of length 9',
  ],
  [
    'a rate with a suffix',
    () => policy({ fees: { recovery: { rate: '0.15x' } } }),
    'invalid-number',
    'policy.fees.recovery.rate',
    'expected a decimal such as "0.15" or "25.00", got "0.15x"',
  ],
  [
    'a rate with a prefix',
    () => policy({ fees: { recovery: { rate: 'x0.15' } } }),
    'invalid-number',
    'policy.fees.recovery.rate',
    'expected a decimal such as "0.15" or "25.00", got "x0.15"',
  ],
  [
    'a rate of NaN',
    () => policy({ fees: { recovery: { rate: Number.NaN } } }),
    'invalid-number',
    'policy.fees.recovery.rate',
    'expected a decimal such as "0.15" or "25.00", got NaN',
  ],
  ['fees that are a string', () => policy({ fees: 'cheap' }), 'wrong-type', 'policy.fees', 'expected an object, got "cheap"'],
  [
    'a string as policy',
    () => getExpiryStatus(SUB, NOW, 'strict' as never),
    'wrong-type',
    'policy',
    'the policy must be defaultPolicy or made by definePolicy(…), or omitted',
  ],
  [
    'a hand-made policy object, not made by definePolicy',
    () => getExpiryStatus(SUB, NOW, { ...defaultPolicy, deletionDay: 30 } as never),
    'not-defined',
    'policy',
    'not made by definePolicy(…): pass it through definePolicy(yourPolicy) once, which checks it, and use the result',
  ],
];

describe('R-IN-4 error messages', () => {
  it.each(CATALOGUE)('R-IN-4 %s: says what is wrong, where, and how to fix it', (_call, run, code, path, message) => {
    const caught = thrown(run);
    expect(isLibraryError(caught), String(caught)).toBe(true);
    expect({
      code: (caught as Error & { code: string }).code,
      path: (caught as Error & { path: string }).path,
      message: (caught as Error).message,
    }).toEqual({ code, path, message: `${path}: ${message}` });
  });

  it('R-IN-4 every message is a plain sentence: at least three words, no stray "[object" or "undefined undefined"', () => {
    for (const [, run] of CATALOGUE) {
      const error = thrown(run) as Error & { path: string };
      const message = error.message.slice(error.path.length + 2);
      expect(message.trim().split(/\s+/).length, message).toBeGreaterThanOrEqual(3);
      expect(message).not.toMatch(/\[object |undefined undefined/);
    }
  });

  it('R-IN-4 an argument that throws while being read is named as that argument', () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const R = revoked.proxy as never;
    const window = { from: NOW, to: NOW };
    // A policy is not read at all, only looked up among those definePolicy made: it is not-defined.
    const doors: readonly [string, () => unknown, string?][] = [
      ['subscription', () => getExpiryStatus(R, NOW)],
      ['now', () => getExpiryStatus(SUB, R)],
      ['policy', () => getExpiryStatus(SUB, NOW, R), 'not-defined'],
      ['subscription', () => getCapabilities(R, NOW, 'owner')],
      ['now', () => getCapabilities(SUB, R, 'owner')],
      ['role', () => getCapabilities(SUB, NOW, R)],
      ['policy', () => getCapabilities(SUB, NOW, 'owner', R), 'not-defined'],
      ['subscription', () => getTimeline(R)],
      ['policy', () => getTimeline(SUB, R), 'not-defined'],
      ['subscription', () => quoteReactivationFee(R, NOW)],
      ['now', () => quoteReactivationFee(SUB, R)],
      ['policy', () => quoteReactivationFee(SUB, NOW, R), 'not-defined'],
      ['subscription', () => getReminderSchedule(R)],
      ['policy', () => getReminderSchedule(SUB, R), 'not-defined'],
      ['subscription', () => getRemindersDue(R, window)],
      ['window', () => getRemindersDue(SUB_WITH_ID, R)],
      ['policy', () => getRemindersDue(SUB_WITH_ID, window, R), 'not-defined'],
      ['request', () => checkExtensionEligibility(R)],
      ['policy', () => checkExtensionEligibility({ subscription: SUB, requestedAt: NOW }, R), 'not-defined'],
      ['text', () => findOrderId(R)],
      ['policy', () => findOrderId('ABC-123-45678', R), 'not-defined'],
      ['money', () => formatMoney(R)],
      ['locale', () => formatMoney({ amount: '1.00', currency: 'USD' }, R)],
      ['policy', () => definePolicy(R)],
      ['policy', () => definePolicy({}, R)],
    ];
    for (const [path, run, code = 'unreadable'] of doors) {
      const caught = thrown(run) as { path?: string; code?: string };
      expect({ path: caught.path, code: caught.code }, String(run)).toEqual({ path, code });
    }
  });
});

describe('R-IN-4 messages stay short, whatever the input', () => {
  const MEGA = 2 ** 20;
  const digits = '9'.repeat(MEGA);
  const long = 'x'.repeat(MEGA);
  const tier = (field: string, value: string) => tiers([{ fromDay: 0, rate: '0.10', minimum: '25.00', [field]: value }]);
  const cases: readonly [string, () => unknown][] = [
    ['a million-digit invoice amount, quoted', () => quoteReactivationFee({ ...SUB, invoiceAmount: digits }, NOW)],
    ['an invoice amount with a million fraction digits', () => quoteReactivationFee({ ...SUB, invoiceAmount: `1.${digits}` }, NOW)],
    ['a negative invoice amount of a million digits', () => quoteReactivationFee({ ...SUB, invoiceAmount: `-${digits}` }, NOW)],
    ['a million-character invoice amount', () => quoteReactivationFee({ ...SUB, invoiceAmount: long }, NOW)],
    ['a million-character expiration date', () => status({ expirationDate: long }, NOW)],
    ['a million-character id', () => getRemindersDue({ ...SUB, id: long }, { from: NOW, to: NOW })],
    ['a million-character recipient zone', () => getReminderSchedule({ ...SUB, recipientTimeZone: long })],
    ['a million-character instant', () => status(SUB, long)],
    ['a million-digit instant', () => status(SUB, `2026-03-20T12:00:00.${digits}Z`)],
    ['a money amount with a million fraction digits', () => money({ amount: `1.${digits}`, currency: 'USD' })],
    ['a million-character currency', () => money({ amount: '1.00', currency: long })],
    ['a million-character locale', () => formatMoney({ amount: '1.00', currency: 'USD' }, long)],
    ['a million-character policy zone', () => policy({ timeZone: long })],
    ['a million-character policy currency', () => policy({ currency: long })],
    ['a million-digit tier minimum', () => tier('minimum', digits)],
    ['a tier minimum with a million fraction digits', () => tier('minimum', `1.${digits}`)],
    ['a negative million-digit tier minimum', () => tier('minimum', `-${digits}`)],
    ['a million-digit tier rate', () => tier('rate', digits)],
    ['a tier rate with a million fraction digits', () => tier('rate', `0.${digits}`)],
    ['a million-character send time', () => policy({ reminders: { sendTimes: { email: long, sms: '10:00', phone: '11:00' } } })],
    ['a million-character expiry time', () => policy({ expiryTime: long })],
  ];

  it.each(cases)('R-IN-4 %s gets a message of at most 300 characters', (_input, run) => {
    const caught = thrown(run);
    expect(isLibraryError(caught), String(caught).slice(0, 200)).toBe(true);
    expect((caught as Error).message.length, (caught as Error).message.slice(0, 300)).toBeLessThanOrEqual(300);
  });

  it('R-IN-4 quotes a long amount by its first and last digits and its length', () => {
    const amount = `1${'0'.repeat(MEGA - 2)}7`;
    expect((thrown(() => quoteReactivationFee({ ...SUB, invoiceAmount: amount }, NOW)) as Error).message).toBe(
      `subscription.invoiceAmount: 1000000000000000…0000000000000007 (${MEGA} characters) is not below the ceiling of 1000000000000 USD`,
    );
  });
});
