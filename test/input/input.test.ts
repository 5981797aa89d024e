import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import DecimalJs from 'decimal.js';
import { AMOUNT_CEILING, compareAmountTexts, isBelowCeiling } from '../../src/money/amountText.js';
import { formatDayNumber } from '../../src/clock/civil.js';
import { parseCalendarDate } from '../../src/input/calendarDate.js';
import { parseInstant } from '../../src/input/instant.js';
import { parseMoney } from '../../src/input/money.js';
import { parseSubscription } from '../../src/input/subscription.js';
import { inputErrorOf as errorOf, inputErrorOf } from '../support/errors.js';
import { day } from '../support/arbitraries.js';
import { getExpiryStatus } from '../../src/lifecycle/getExpiryStatus.js';
import { quoteReactivationFee } from '../../src/fees/quoteReactivationFee.js';

describe('parseCalendarDate', () => {
  it('R-IN-1 accepts real YYYY-MM-DD dates, leap days included', () => {
    expect(parseCalendarDate('2026-03-08', 'd')).toBe(day('2026-03-08'));
    expect(parseCalendarDate('2028-02-29', 'd')).toBe(day('2028-02-29'));
  });

  it('R-IN-1 rejects impossible dates such as 2026-02-30 and 2027-02-29', () => {
    for (const text of ['2026-02-30', '2027-02-29', '2026-13-01', '2026-00-10', '2026-04-31']) {
      const error = errorOf(() => parseCalendarDate(text, 'subscription.expirationDate'));
      expect(error.code).toBe('invalid-date');
      expect(error.path).toBe('subscription.expirationDate');
      expect(error.message).toContain(text);
    }
  });

  it('R-IN-1 rejects a Date, other shapes and out-of-range years, each with its own code', () => {
    expect(errorOf(() => parseCalendarDate(new Date(), 'd')).code).toBe('wrong-type');
    expect(errorOf(() => parseCalendarDate(new Date(), 'd')).message).toContain('YYYY-MM-DD');
    expect(errorOf(() => parseCalendarDate(undefined, 'd')).code).toBe('missing');
    expect(errorOf(() => parseCalendarDate('2026-3-8', 'd')).code).toBe('invalid-date');
    expect(errorOf(() => parseCalendarDate('2026-03-08T00:00:00Z', 'd')).code).toBe('invalid-date');
    expect(errorOf(() => parseCalendarDate('1899-12-31', 'd')).code).toBe('date-out-of-range');
    expect(errorOf(() => parseCalendarDate('3000-01-01', 'd')).code).toBe('date-out-of-range');
  });
});

describe('parseCalendarDate, read from character codes', () => {
  /** What the date parser accepted when it was a regular expression: the reference. */
  const FORM = /^(\d{4})-(\d{2})-(\d{2})$/;
  const shapeMessage = (text: string) => `d: ${JSON.stringify(text)} is not a calendar date in the form YYYY-MM-DD`;

  it('R-IN-1 refuses every text not exactly four digits, hyphen, two digits, hyphen, two digits, naming the form', () => {
    const malformed = [
      '',
      '2026-03-081',
      '02026-03-08',
      '2026/03/08',
      '2026-03/08',
      '2026/03-08',
      '20260308--',
      '2026-3-08',
      '2026-03-8',
      ' 2026-03-08',
      '2026-03-08 ',
      '2026-03-08\n',
      '202a-03-08',
      '2026-0a-08',
      '2026-03-0a',
      '202/-03-08',
      '202:-03-08',
      '2026-/3-08',
      '2026-:3-08',
      '2026-03-/8',
      '2026-03-0:',
      '２０２６-03-08',
      '2026-03-٠٨',
      '😀-03-08',
      '2026-03-😀',
      '\uD83D026-03-08',
      '2026-03-0\uDE00',
    ];
    for (const text of malformed) {
      const error = errorOf(() => parseCalendarDate(text, 'd'));
      expect(error.code, text).toBe('invalid-date');
      expect(error.message, text).toBe(shapeMessage(text));
    }
  });

  it('R-IN-1 tells a well-formed text that names no day (month or day 00) from a malformed one, and year 0000 is out of range', () => {
    expect(errorOf(() => parseCalendarDate('2026-00-10', 'd')).message).toBe('d: 2026-00-10 is not a day of the calendar');
    expect(errorOf(() => parseCalendarDate('2026-03-00', 'd')).message).toBe('d: 2026-03-00 is not a day of the calendar');
    expect(errorOf(() => parseCalendarDate('0000-01-01', 'd')).code).toBe('date-out-of-range');
    expect(parseCalendarDate('1900-01-01', 'd')).toBe(day('1900-01-01'));
    expect(parseCalendarDate('2999-12-31', 'd')).toBe(day('2999-12-31'));
  });

  it('R-IN-1 accepts and refuses exactly what the YYYY-MM-DD form does, for texts near it (property)', () => {
    const near = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'0123456789-/:a ٣'), minLength: 8, maxLength: 12 }),
      fc
        .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
        .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
    );
    fc.assert(
      fc.property(near, (text) => {
        let code: string | undefined;
        let message = '';
        let parsed: number | undefined;
        try {
          parsed = parseCalendarDate(text, 'd');
        } catch (error) {
          ({ code, message } = error as { code: string; message: string });
        }
        if (!FORM.test(text)) {
          expect(message).toBe(shapeMessage(text));
          return;
        }
        // A well-formed text is the day it names, or refused as no day or out of range.
        if (parsed !== undefined) expect(formatDayNumber(parsed)).toBe(text);
        else if (code === 'invalid-date') expect(message).toBe(`d: ${text} is not a day of the calendar`);
        else expect(code).toBe('date-out-of-range');
      }),
    );
  });
});

describe('parseInstant', () => {
  it('R-IN-2 accepts a Date, epoch milliseconds and ISO strings with Z or an offset', () => {
    const expected = Date.UTC(2026, 2, 9, 3, 59, 59);
    expect(parseInstant(new Date(expected), 'now')).toBe(expected);
    expect(parseInstant(expected, 'now')).toBe(expected);
    expect(parseInstant('2026-03-09T03:59:59Z', 'now')).toBe(expected);
    expect(parseInstant('2026-03-08T23:59:59-04:00', 'now')).toBe(expected);
    expect(parseInstant('2026-03-08T23:59:59-0400', 'now')).toBe(expected);
    expect(parseInstant('2026-03-09T03:59:59.250Z', 'now')).toBe(expected + 250);
    expect(parseInstant('2026-03-09T03:59:59.2509Z', 'now')).toBe(expected + 250);
    expect(parseInstant('2026-03-09T05:29:59+01:30', 'now')).toBe(expected);
  });

  it('R-IN-2 rejects a string without an offset as ambiguous, and an invalid Date', () => {
    const ambiguous = errorOf(() => parseInstant('2026-03-08T23:59:59', 'now'));
    expect(ambiguous.code).toBe('ambiguous-instant');
    expect(ambiguous.message).toMatch(/offset/);
    expect(errorOf(() => parseInstant(new Date(Number.NaN), 'now')).code).toBe('invalid-instant');
    expect(errorOf(() => parseInstant(Number.POSITIVE_INFINITY, 'now')).code).toBe('invalid-instant');
    expect(errorOf(() => parseInstant(1.5, 'now')).code).toBe('invalid-instant');
    expect(errorOf(() => parseInstant('2026-02-30T00:00:00Z', 'now')).code).toBe('invalid-instant');
    expect(errorOf(() => parseInstant('2026-03-08T24:00:00Z', 'now')).code).toBe('invalid-instant');
    expect(errorOf(() => parseInstant('yesterday', 'now')).code).toBe('invalid-instant');
    expect(errorOf(() => parseInstant({}, 'now')).code).toBe('wrong-type');
    expect(errorOf(() => parseInstant(8.64e15, 'now')).code).toBe('date-out-of-range');
  });
});

describe('parseMoney', () => {
  const usd = (value: unknown) => parseMoney(value, 'USD', 2, 'subscription.invoiceAmount');

  it('R-IN-3 accepts strings, numbers and Decimals in major units', () => {
    expect(usd('300.00').toFixed(2)).toBe('300.00');
    expect(usd(300).toFixed(2)).toBe('300.00');
    expect(usd(250.05).toFixed(2)).toBe('250.05');
    expect(usd(new DecimalJs('19.99')).toFixed(2)).toBe('19.99');
    expect(usd('0').toFixed(2)).toBe('0.00');
    expect(usd(-0).toFixed(2)).toBe('0.00');
  });

  it('R-IN-3 rejects 0.1 + 0.2 with a message that says to round first; nothing is rounded silently', () => {
    const error = errorOf(() => usd(0.1 + 0.2));
    expect(error.code).toBe('too-many-fraction-digits');
    expect(error.path).toBe('subscription.invoiceAmount');
    expect(error.message).toMatch(/USD has 2 — round it first/);
    expect(errorOf(() => usd('10.001')).code).toBe('too-many-fraction-digits');
    expect(errorOf(() => parseMoney('10.5', 'JPY', 0, 'x')).message).toMatch(/JPY has 0/);
  });

  it('R-IN-3 rejects negative, non-finite, malformed and absurdly large amounts', () => {
    expect(errorOf(() => usd(-1)).code).toBe('negative-amount');
    expect(errorOf(() => usd('-0.01')).code).toBe('negative-amount');
    expect(errorOf(() => usd(Number.NaN)).code).toBe('invalid-amount');
    expect(errorOf(() => usd('1e3')).code).toBe('invalid-amount');
    expect(errorOf(() => usd(' 300')).code).toBe('invalid-amount');
    expect(errorOf(() => usd('$300')).code).toBe('invalid-amount');
    expect(errorOf(() => usd(1e12)).code).toBe('amount-too-large');
    expect(errorOf(() => usd(300n)).code).toBe('wrong-type');
    expect(errorOf(() => usd(undefined)).code).toBe('missing');
  });

  it('R-IN-3 refuses an amount at the ceiling and accepts one just below, however it is written', () => {
    expect(errorOf(() => usd('1000000000000')).code).toBe('amount-too-large');
    expect(errorOf(() => usd('1000000000000.00')).code).toBe('amount-too-large');
    expect(usd('999999999999.99').toFixed(2)).toBe('999999999999.99');
    expect(usd('0999999999999.99').toFixed(2)).toBe('999999999999.99');
    expect(usd('00001000.00').toFixed(2)).toBe('1000.00');
    expect(errorOf(() => usd('01000000000000')).code).toBe('amount-too-large');
    expect(usd(new DecimalJs('999999999999.99')).toFixed(2)).toBe('999999999999.99');
    expect(errorOf(() => usd(new DecimalJs('1e12'))).code).toBe('amount-too-large');
    expect(usd(999_999_999_999.99).toFixed(2)).toBe('999999999999.99');
    expect(errorOf(() => usd(1_000_000_000_000)).code).toBe('amount-too-large');
  });

  it('R-IN-3 decides "below the ceiling" as the full comparison does, for any written amount (property)', () => {
    const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
    const amount = fc
      .tuple(fc.constantFrom('', '0', '000'), digits(1, 15), fc.option(digits(1, 4), { nil: undefined }))
      .map(([zeros, whole, fraction]) => `${zeros}${whole}${fraction === undefined ? '' : `.${fraction}`}`);
    fc.assert(
      fc.property(fc.oneof(amount, fc.constantFrom(AMOUNT_CEILING, `${AMOUNT_CEILING}.0`, '999999999999.9999')), (text) => {
        expect(isBelowCeiling(text)).toBe(compareAmountTexts(text, AMOUNT_CEILING) < 0);
      }),
    );
  });

  it("R-IN-3 counts fraction digits as written in the message, or the value's when not written plainly", () => {
    expect(errorOf(() => parseMoney('1000.50', 'JPY', 0, 'x')).message).toBe('x: 1000.50 has 2 decimal places; JPY has 0 — round it first');
    expect(errorOf(() => usd(new DecimalJs('1e-7'))).message).toBe(
      'subscription.invoiceAmount: 1e-7 has 7 decimal places; USD has 2 — round it first',
    );
  });

  it('R-IN-3 refuses a written minus sign on zero like any other sign: "-0", "-0.00"', () => {
    for (const value of ['-0', '-0.00', '-000.0']) {
      const error = errorOf(() => usd(value));
      expect(error.code).toBe('invalid-amount');
      expect(error.path).toBe('subscription.invoiceAmount');
      expect(error.message).toMatch(/has a minus sign; write zero as "0"/);
    }
    expect(usd('0').toFixed(2)).toBe('0.00');
    expect(usd(0).toFixed(2)).toBe('0.00');
  });
});

describe('parseSubscription', () => {
  it('R-IN-4 names the path of the bad field', () => {
    expect(errorOf(() => parseSubscription({ expirationDate: '2026-02-30' })).path).toBe('subscription.expirationDate');
    expect(errorOf(() => parseSubscription({ expirationDate: '2026-02-10', extension: { endsOn: 'soon' } })).path).toBe(
      'subscription.extension.endsOn',
    );
    expect(errorOf(() => parseSubscription({ expirationDate: '2026-02-10', recipientTimeZone: 'Mars/Base' })).code).toBe(
      'invalid-time-zone',
    );
    expect(errorOf(() => parseSubscription(null)).code).toBe('missing');
    expect(errorOf(() => parseSubscription([])).code).toBe('wrong-type');
  });

  it('R-ST-2 takes a granted extension as the effective expiration date, and refuses one that ends before it', () => {
    const parsed = parseSubscription({ expirationDate: '2026-02-10', extension: { endsOn: '2026-02-17' } });
    expect(parsed.originalExpirationDay).toBe(day('2026-02-10'));
    expect(parsed.expirationDay).toBe(day('2026-02-17'));
    expect(parsed.extended).toBe(true);
    expect(errorOf(() => parseSubscription({ expirationDate: '2026-02-10', extension: { endsOn: '2026-02-09' } })).code).toBe(
      'invalid-value',
    );
  });

  it('R-IN-4 turns a getter that throws into an ExpiryInputError with the field path', () => {
    const hostile = {
      get expirationDate(): string {
        throw new TypeError('boom');
      },
    };
    const error = errorOf(() => parseSubscription(hostile));
    expect(error.code).toBe('unreadable');
    expect(error.path).toBe('subscription.expirationDate');
  });
});

const MS_PER_DAY = 86_400_000;
/** `YYYY-MM-DD` of a UTC day count, computed by the host's Date (independent of src/clock). */
const isoDay = (days: number) => new Date(days * MS_PER_DAY).toISOString().slice(0, 10);

describe('parseInstant (edges)', () => {
  it('R-IN-2 reads ISO instants without seconds, and offsets with hours only', () => {
    expect(parseInstant('2026-03-08T12:00Z', 'now')).toBe(Date.UTC(2026, 2, 8, 12, 0, 0));
    expect(parseInstant('2026-03-08T12:00:00+05', 'now')).toBe(Date.UTC(2026, 2, 8, 7, 0, 0));
    expect(parseInstant('2026-03-08T12:00-0330', 'now')).toBe(Date.UTC(2026, 2, 8, 15, 30, 0));
    // The same instant whatever the spelling.
    expect(getExpiryStatus({ expirationDate: '2026-03-08' }, '2026-03-09T08:59:59+05')).toEqual(
      getExpiryStatus({ expirationDate: '2026-03-08' }, '2026-03-09T03:59:59Z'),
    );
  });

  it('R-IN-2 R-IN-4 rejects an offset of 24 hours or more, or of 60 minutes or more, naming it', () => {
    for (const text of ['2026-03-08T12:00:00+24:00', '2026-03-08T12:00:00-05:60', '2026-03-08T12:00+99']) {
      const error = inputErrorOf(() => getExpiryStatus({ expirationDate: '2026-03-08' }, text));
      expect({ code: error.code, path: error.path }).toEqual({ code: 'invalid-instant', path: 'now' });
      expect(error.message).toContain('has an impossible offset');
    }
  });

  it('R-IN-2 R-IN-4 rejects an object that only claims to be a Date (Date.prototype without a time) as invalid-instant', () => {
    const fake = Object.create(Date.prototype) as Date;
    expect(fake).toBeInstanceOf(Date);
    const error = inputErrorOf(() => getExpiryStatus({ expirationDate: '2026-03-08' }, fake));
    expect({ code: error.code, path: error.path }).toEqual({ code: 'invalid-instant', path: 'now' });
    expect(error.message).toContain('this Date could not be read');
  });

  it('R-PURE-2 parses an ISO string to the same instant after 4,096 other strings', () => {
    const text = '2026-03-08T12:00:00-05:00';
    const first = parseInstant(text, 'now');
    for (let minute = 0; minute <= 4096; minute += 1) {
      const other = new Date(Date.UTC(2030, 0, 1) + minute * 60_000).toISOString();
      expect(parseInstant(other, 'now')).toBe(Date.parse(other));
    }
    expect(parseInstant(text, 'now')).toBe(first);
    expect(first).toBe(Date.UTC(2026, 2, 8, 17, 0, 0));
  });
});

describe('parseCalendarDate (edges)', () => {
  it('R-IN-1 parses a date to the same day after 65,536 other dates', () => {
    const first = parseCalendarDate('2026-03-08', 'd');
    const start = Date.UTC(1900, 0, 1) / MS_PER_DAY;
    for (let offset = 0; offset <= 65_536; offset += 1) {
      const days = start + offset;
      if (parseCalendarDate(isoDay(days), 'd') !== days) throw new Error(`${isoDay(days)} parsed wrong`);
    }
    expect(parseCalendarDate('2026-03-08', 'd')).toBe(first);
    expect(first).toBe(Date.UTC(2026, 2, 8) / MS_PER_DAY);
  });
});

describe('input messages (edges)', () => {
  it('R-IN-4 describes a long string by its length and a function as a function, never echoing them', () => {
    const long = `2026-03-08${' '.repeat(40)}`;
    const tooLong = inputErrorOf(() => getExpiryStatus({ expirationDate: long }, 0));
    expect({ code: tooLong.code, path: tooLong.path }).toEqual({ code: 'invalid-date', path: 'subscription.expirationDate' });
    expect(tooLong.message).toContain('a 50-character string');
    const fn = inputErrorOf(() => getExpiryStatus({ expirationDate: () => '2026-03-08' } as never, 0));
    expect({ code: fn.code, path: fn.path }).toEqual({ code: 'wrong-type', path: 'subscription.expirationDate' });
    expect(fn.message).toContain('got a function');
  });

  it('R-IN-3 rejects a Decimal that is not finite (Infinity, NaN) as invalid-amount', () => {
    for (const invoiceAmount of [new DecimalJs(Infinity), new DecimalJs(NaN)]) {
      const error = inputErrorOf(() =>
        quoteReactivationFee({ expirationDate: '2026-03-08', invoiceAmount } as never, '2026-03-10T12:00:00Z'),
      );
      expect({ code: error.code, path: error.path }).toEqual({ code: 'invalid-amount', path: 'subscription.invoiceAmount' });
      expect(error.message).toContain('is not a finite amount');
    }
  });
});
