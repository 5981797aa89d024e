import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { Temporal as FullTemporal } from 'temporal-polyfill/full';
import {
  checkExtensionEligibility,
  definePolicy,
  getCapabilities,
  getExpiryStatus,
  getRemindersDue,
  getTimeline,
  quoteReactivationFee,
} from '../../src/index.js';
import { inputErrorOf, policyErrorOf } from '../support/errors.js';
import { calendarDateArbitrary, instantArbitrary, zoneArbitrary } from '../support/arbitraries.js';

const SUB = { id: 'acme-1', expirationDate: '2026-03-31', invoiceAmount: '300.00' };
const instant = (iso: string) => Temporal.Instant.from(iso);
const plainDate = (iso: string) => Temporal.PlainDate.from(iso);

describe('Temporal values as inputs', () => {
  it('R-IN-2 a Temporal.Instant or ZonedDateTime is an instant: every function answers as for the Date', () => {
    const iso = '2026-05-15T16:00:00Z';
    const forms = [
      new Date(iso),
      iso,
      instant(iso),
      Temporal.ZonedDateTime.from('2026-05-15T18:00:00+02:00[Europe/Berlin]'),
      Temporal.ZonedDateTime.from('2026-05-15T12:00:00-04:00[America/New_York]'),
    ];
    const answers = forms.map((now) => ({
      status: getExpiryStatus(SUB, now),
      capabilities: getCapabilities(SUB, now, 'owner'),
      quote: quoteReactivationFee(SUB, now),
      due: getRemindersDue(SUB, { from: now, to: instant('2026-06-01T00:00:00Z') }),
      extension: checkExtensionEligibility({
        orderId: 'ABC-123-45678',
        subscription: SUB,
        requestedAt: now,
        previousRequests: [now, { requestedAt: now }],
      }),
    }));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    const quote = answers[0]?.quote;
    expect(quote?.kind === 'recovery' && quote.fee.amount).toBe('230.00');
  });

  it("R-IN-1 R-IN-2 an ISO-calendar Temporal.PlainDate is a calendar date, for the expiration date and an extension's end", () => {
    const asStrings = { expirationDate: '2026-03-31', extension: { endsOn: '2026-04-07' } };
    const asTemporal = { expirationDate: plainDate('2026-03-31'), extension: { endsOn: plainDate('2026-04-07') } };
    expect(getTimeline(asTemporal)).toEqual(getTimeline(asStrings));
    expect(getExpiryStatus(asTemporal, '2026-04-08T12:00:00Z')).toEqual(getExpiryStatus(asStrings, '2026-04-08T12:00:00Z'));
  });

  it('R-IN-5 what the library returns is accepted back as Temporal values too', () => {
    const decision = checkExtensionEligibility({
      orderId: 'ABC-123-45678',
      subscription: SUB,
      requestedAt: instant('2026-04-01T12:00:00Z'),
    });
    if (!decision.eligible) throw new Error('expected a grant');
    const endsOn = plainDate(decision.extension.endsOn);
    expect(
      getExpiryStatus({ ...SUB, extension: { endsOn } }, Temporal.Instant.fromEpochMilliseconds(decision.extension.endsAt.getTime())).phase,
    ).toBe('expired');
  });

  it('R-IN-2 a Temporal.Instant below the millisecond is read as Temporal reads it (floored), like the ISO string', () => {
    for (const iso of ['2026-03-31T12:00:00.000999999Z', '1950-06-01T00:00:00.0005Z']) {
      expect(getExpiryStatus(SUB, instant(iso))).toEqual(getExpiryStatus(SUB, iso));
    }
  });

  it('R-IN-2 R-IN-4 refuses a zone-less PlainDateTime, a PlainDate for an instant, an instant for a date, and other calendars, each with a clear message', () => {
    const dateTime = inputErrorOf(() => getExpiryStatus(SUB, Temporal.PlainDateTime.from('2026-04-01T12:00') as never));
    expect([dateTime.code, dateTime.path]).toEqual(['ambiguous-instant', 'now']);
    expect(dateTime.message).toMatch(/Temporal.PlainDateTime has no time zone.*Temporal.ZonedDateTime/);

    const dateForInstant = inputErrorOf(() => getExpiryStatus(SUB, plainDate('2026-04-01') as never));
    expect([dateForInstant.code, dateForInstant.message]).toEqual([
      'wrong-type',
      'now: expected a Date, epoch milliseconds, an ISO-8601 string or a Temporal.Instant, got a Temporal.PlainDate',
    ]);

    const instantForDate = inputErrorOf(() => getTimeline({ expirationDate: instant('2026-04-01T00:00:00Z') as never }));
    expect([instantForDate.code, instantForDate.path]).toEqual(['wrong-type', 'subscription.expirationDate']);
    expect(instantForDate.message).toContain('got a Temporal.Instant — an instant is not a calendar date');

    const dateTimeForDate = inputErrorOf(() => getTimeline({ expirationDate: Temporal.PlainDateTime.from('2026-04-01T00:00') as never }));
    expect(dateTimeForDate.message).toContain('dateTime.toPlainDate()');

    const hebrew = inputErrorOf(() => getTimeline({ expirationDate: FullTemporal.PlainDate.from('2026-03-31').withCalendar('hebrew') }));
    expect([hebrew.code, hebrew.path, hebrew.message]).toEqual([
      'invalid-date',
      'subscription.expirationDate',
      "subscription.expirationDate: this Temporal.PlainDate is in the hebrew calendar; pass an ISO-calendar date, such as date.withCalendar('iso8601')",
    ]);
    expect(inputErrorOf(() => getExpiryStatus(SUB, Temporal.Duration.from({ days: 1 }) as never)).message).toContain(
      'got a Temporal.Duration',
    );
  });

  it('R-IN-1 R-IN-2 Temporal values outside the supported years are out of range, like strings', () => {
    expect(inputErrorOf(() => getExpiryStatus(SUB, instant('3500-01-01T00:00:00Z'))).code).toBe('date-out-of-range');
    const date = inputErrorOf(() => getTimeline({ expirationDate: plainDate('1899-12-31') }));
    expect([date.code, date.message]).toEqual([
      'date-out-of-range',
      'subscription.expirationDate: 1899-12-31 is outside the supported years 1900–2999',
    ]);
  });

  it('R-IN-4 an object that only claims to be Temporal is refused, not trusted', () => {
    const fake = { [Symbol.toStringTag]: 'Temporal.Instant', epochMilliseconds: 1.5 };
    expect(inputErrorOf(() => getExpiryStatus(SUB, fake as never)).code).toBe('invalid-instant');
    const fakeDate = { [Symbol.toStringTag]: 'Temporal.PlainDate', calendarId: 'iso8601', year: '2026', month: 3, day: 31 };
    expect(inputErrorOf(() => getTimeline({ expirationDate: fakeDate as never })).code).toBe('invalid-date');
    const noCalendar = { [Symbol.toStringTag]: 'Temporal.PlainDate', year: 2026, month: 3, day: 31 };
    expect(inputErrorOf(() => getTimeline({ expirationDate: noCalendar as never })).message).toContain('is in an unknown calendar');
  });

  it('R-IN-2 the library imports no Temporal polyfill: values are recognised by Symbol.toStringTag', () => {
    const src = fileURLToPath(new URL('../../src/', import.meta.url));
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    for (const file of files)
      expect(readFileSync(`${src}${file}`, 'utf8'), file).not.toMatch(/^import .* from '(?:temporal-polyfill|@js-temporal)/m);
  });

  it('R-IN-1 R-IN-2 for any date, instant and zone, Temporal values give the answers strings and Dates give', () => {
    fc.assert(
      fc.property(calendarDateArbitrary, instantArbitrary, zoneArbitrary, (expirationDate, now, zone) => {
        const viaStrings = {
          status: getExpiryStatus({ ...SUB, expirationDate }, new Date(now)),
          quote: quoteReactivationFee({ ...SUB, expirationDate }, now),
        };
        const temporalNow = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(zone);
        const viaTemporal = {
          status: getExpiryStatus({ ...SUB, expirationDate: plainDate(expirationDate) }, temporalNow),
          quote: quoteReactivationFee({ ...SUB, expirationDate: plainDate(expirationDate) }, temporalNow.toInstant()),
        };
        expect(viaTemporal).toEqual(viaStrings);
      }),
      { numRuns: 200 },
    );
  });
});

describe('describe() of odd objects', () => {
  it('R-IN-4 an object whose Symbol.toStringTag getter throws is still described, as "an object"', () => {
    const odd = {
      get [Symbol.toStringTag](): string {
        throw new Error('boom');
      },
    };
    const error = policyErrorOf(() => definePolicy({ timeZone: odd as never }));
    expect([error.code, error.message]).toEqual(['wrong-type', 'policy.timeZone: expected a string, got an object']);
  });
});
