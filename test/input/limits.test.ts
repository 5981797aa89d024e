import { describe, expect, it } from 'vitest';
import { definePolicy, getExpiryStatus } from '../../src/index.js';
import { parseInstant } from '../../src/input/instant.js';
import { FIRST_SUPPORTED_DAY, LAST_SUPPORTED_DAY, MAX_INSTANT, MIN_INSTANT } from '../../src/input/supportedYears.js';
import { inputErrorOf } from '../support/errors.js';

/**
 * The last value each check accepts and the first it refuses. Mutation testing showed
 * that the refusals alone leave `<` and `<=` indistinguishable.
 */
const SUB = { expirationDate: '2026-03-08' } as const;
const NOW = '2026-03-20T12:00:00Z';

describe('R-IN-1 instants at their limits', () => {
  it('R-IN-1 accepts the first and last supported milliseconds (1900–2999 in every zone), and refuses one beyond', () => {
    const first = Date.UTC(1900, 0, 1) - 14 * 3_600_000;
    const last = Date.UTC(3000, 0, 1) + 14 * 3_600_000;
    expect(parseInstant(first, 'now')).toBe(first);
    expect(parseInstant(last, 'now')).toBe(last);
    expect(inputErrorOf(() => parseInstant(first - 1, 'now')).code).toBe('date-out-of-range');
    expect(inputErrorOf(() => parseInstant(last + 1, 'now')).code).toBe('date-out-of-range');
  });

  it('R-IN-2 refuses epoch milliseconds beyond what a Date can hold (8.64e15 + 1, 2 ** 53) as out of range, not unreadable', () => {
    for (const now of [8.64e15 + 1, 2 ** 53, -(2 ** 53), Number.MAX_SAFE_INTEGER * 2]) {
      const error = inputErrorOf(() => getExpiryStatus(SUB, now));
      expect(error.code).toBe('date-out-of-range');
      expect(error.path).toBe('now');
      expect(error.message).toBe(`now: ${now} epoch milliseconds is outside the supported years 1900–2999`);
    }
  });

  it('R-IN-1 reads every spelling of an offset: z, ±hh, ±hhmm, ±hh:mm up to ±23:59', () => {
    const utc = parseInstant('2026-03-20T12:00:00Z', 'now');
    expect(parseInstant('2026-03-20T12:00:00z', 'now')).toBe(utc);
    expect(parseInstant('2026-03-20T17:00:00+05', 'now')).toBe(utc);
    expect(parseInstant('2026-03-20T17:30:00+0530', 'now')).toBe(utc);
    expect(parseInstant('2026-03-20T17:30:00+05:30', 'now')).toBe(utc);
    expect(parseInstant('2026-03-21T11:59:00+23:59', 'now')).toBe(utc);
    expect(parseInstant('2026-03-19T12:01:00-23:59', 'now')).toBe(utc);
    expect(inputErrorOf(() => parseInstant('2026-03-20T12:00:00+24:00', 'now')).code).toBe('invalid-instant');
  });

  it('R-IN-1 accepts the last second, minute and hour of a day and the last day of a month', () => {
    expect(parseInstant('2026-02-28T23:59:59Z', 'now')).toBe(Date.UTC(2026, 1, 28, 23, 59, 59));
    expect(parseInstant('2026-12-31T00:00:00Z', 'now')).toBe(Date.UTC(2026, 11, 31));
    expect(parseInstant('2026-01-01T00:00:00.999Z', 'now')).toBe(Date.UTC(2026, 0, 1, 0, 0, 0, 999));
  });
});

describe('R-IN-1 subscriptions at their limits', () => {
  it('R-IN-1 R-IN-5 accepts expiration dates whose whole lifecycle lies in 1900–2999: 1900-05-01 through 2999-06-30 by default', () => {
    // The first reminder is 4 months before; the recovery window closes 6 months after.
    expect(getExpiryStatus({ expirationDate: '1900-05-01' }, NOW).expirationDate).toBe('1900-05-01');
    expect(getExpiryStatus({ expirationDate: '2999-06-30' }, NOW).expirationDate).toBe('2999-06-30');
    expect(inputErrorOf(() => getExpiryStatus({ expirationDate: '1900-04-30' }, NOW))).toMatchObject({
      code: 'date-out-of-range',
      path: 'subscription.expirationDate',
    });
    expect(inputErrorOf(() => getExpiryStatus({ expirationDate: '2999-07-01' }, NOW))).toMatchObject({
      code: 'date-out-of-range',
      path: 'subscription.expirationDate',
    });
    expect(inputErrorOf(() => getExpiryStatus({ expirationDate: '2999-06-01', extension: { endsOn: '2999-07-01' } }, NOW))).toMatchObject({
      code: 'date-out-of-range',
      path: 'subscription.extension.endsOn',
    });
  });

  it("R-IN-1 the supported-years constants are the calendar's 1900-01-01 and 2999-12-31, ±14 hours for instants", () => {
    expect(FIRST_SUPPORTED_DAY).toBe(Date.UTC(1900, 0, 1) / 86_400_000);
    expect(LAST_SUPPORTED_DAY).toBe(Date.UTC(2999, 11, 31) / 86_400_000);
    expect(MIN_INSTANT).toBe(Date.UTC(1900, 0, 1) - 14 * 3_600_000);
    expect(MAX_INSTANT).toBe(Date.UTC(3000, 0, 1) + 14 * 3_600_000);
  });

  it('R-IN-4 accepts an id of 200 characters and a string payment method and recipient zone', () => {
    expect(getExpiryStatus({ ...SUB, id: 'x'.repeat(200) }, NOW).phase).toBe('expired');
    expect(getExpiryStatus({ ...SUB, paymentMethod: 'card', recipientTimeZone: 'Europe/Berlin' }, NOW).phase).toBe('expired');
    expect(getExpiryStatus({ ...SUB, extension: null } as never, NOW).extended).toBe(false);
  });

  it('R-IN-4 quotes a string of 40 characters and describes a longer one by its length', () => {
    expect(inputErrorOf(() => getExpiryStatus({ expirationDate: 'y'.repeat(40) }, NOW)).message).toContain(`"${'y'.repeat(40)}"`);
    expect(inputErrorOf(() => getExpiryStatus({ expirationDate: 'y'.repeat(41) }, NOW)).message).toContain('a 41-character string');
  });
});

describe('R-POL-1 policies at their limits', () => {
  it('R-POL-1 accepts an order id of 8 groups, a group of 32, and a rate given as a number', () => {
    expect(definePolicy({ extensions: { orderId: { groups: [1, 1, 1, 1, 1, 1, 1, 32] } } } as never).extensions.orderId.groups).toEqual([
      1, 1, 1, 1, 1, 1, 1, 32,
    ]);
    expect(definePolicy({ fees: { recovery: { rate: 0.2 } } } as never).fees.recovery.rate).toBe('0.2');
  });

  it('R-POL-1 accepts quiet hours one minute long and cadences from -120 to 120', () => {
    expect(definePolicy({ reminders: { quietHours: { start: '08:00', end: '08:01' } } } as never).reminders.quietHours.end).toBe('08:01');
    const cadence = { channel: 'email', cadence: 'daily', from: -120, through: 120 } as const;
    expect(definePolicy({ reminders: { cadences: [cadence] } }).reminders.cadences).toEqual([cadence]);
  });
});
