import { describe, expect, it } from 'vitest';
import DecimalJs from 'decimal.js';
import { getExpiryStatus } from '../../src/lifecycle/getExpiryStatus.js';
import { quoteReactivationFee } from '../../src/fees/quoteReactivationFee.js';
import { parseCalendarDate } from '../../src/input/calendarDate.js';
import { parseInstant } from '../../src/input/instant.js';
import { inputErrorOf } from '../support/errors.js';

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

  it('R-PURE-2 parses an ISO string to the same instant after 4,096 other strings have cycled its memo', () => {
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
  it('R-IN-1 parses a date to the same day after 65,536 other dates have cycled its memo', () => {
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
