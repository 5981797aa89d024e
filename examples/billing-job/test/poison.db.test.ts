import fc from 'fast-check';
import pg from 'pg';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { defaultPolicy, getRemindersDue, quoteReactivationFee } from '../../../src/index.js';
import { recordsOfPage } from '../src/page.js';
import { freshDatabase, insertSubscriptions, query, readOutbox, runJobOk } from './database.js';
import { asSubscription, generateSubscriptions } from './subscriptions.js';

const FROM = '2026-03-02T05:00:00.000Z';
const MIDDLE = '2026-03-09T05:00:00.000Z';
const TO = '2026-03-16T04:00:00.000Z';
const GOOD = generateSubscriptions(1200, '2026-01-01', 200);

/**
 * One row of each kind that used to fail a page (or that PostgreSQL stores and the library
 * refuses), spread among the good rows by their ids. Values are PostgreSQL literals.
 */
const POISON: readonly {
  readonly kind: string;
  readonly id: string;
  readonly expiration: string;
  readonly extension?: string;
  readonly amount?: string;
  readonly zone?: string;
  /** The refusal expected (code and path), or undefined where the library takes the row. */
  readonly refusal?: { readonly code: string; readonly path: string };
}[] = [
  {
    kind: 'year 300000',
    id: 'sub-0000100a',
    expiration: '300000-01-01',
    amount: '49.00',
    refusal: { code: 'invalid-date', path: 'subscription.expirationDate' },
  },
  {
    kind: 'a BC date',
    id: 'sub-0000200a',
    expiration: '0044-03-15 BC',
    amount: '49.00',
    refusal: { code: 'invalid-date', path: 'subscription.expirationDate' },
  },
  {
    kind: 'infinity',
    id: 'sub-0000300a',
    expiration: 'infinity',
    amount: '49.00',
    refusal: { code: 'invalid-date', path: 'subscription.expirationDate' },
  },
  {
    kind: '-infinity',
    id: 'sub-0000300b',
    expiration: '-infinity',
    amount: '49.00',
    refusal: { code: 'invalid-date', path: 'subscription.expirationDate' },
  },
  {
    kind: 'year 1850',
    id: 'sub-0000400a',
    expiration: '1850-03-10',
    amount: '49.00',
    refusal: { code: 'date-out-of-range', path: 'subscription.expirationDate' },
  },
  {
    kind: 'year 3500',
    id: 'sub-0000400b',
    expiration: '3500-03-10',
    amount: '49.00',
    refusal: { code: 'date-out-of-range', path: 'subscription.expirationDate' },
  },
  {
    kind: 'extension in year 20000',
    id: 'sub-0000500a',
    expiration: '2026-03-10',
    extension: '20000-01-01',
    amount: '49.00',
    refusal: { code: 'invalid-date', path: 'subscription.extension.endsOn' },
  },
  { kind: 'an amount at the ceiling', id: 'sub-0000600a', expiration: '2026-01-20', amount: '999999999999.99' },
  {
    kind: 'NaN amount',
    id: 'sub-0000700a',
    expiration: '2026-01-20',
    amount: 'NaN',
    refusal: { code: 'invalid-amount', path: 'subscription.invoiceAmount' },
  },
  {
    kind: 'negative amount',
    id: 'sub-0000700b',
    expiration: '2026-01-20',
    amount: '-5.00',
    refusal: { code: 'negative-amount', path: 'subscription.invoiceAmount' },
  },
  {
    kind: 'unknown zone',
    id: 'sub-0000800a',
    expiration: '2026-03-10',
    amount: '49.00',
    zone: 'Mars/Olympus_Mons',
    refusal: { code: 'invalid-time-zone', path: 'subscription.recipientTimeZone' },
  },
  {
    kind: 'empty zone',
    id: 'sub-0000800b',
    expiration: '2026-03-10',
    amount: '49.00',
    zone: '',
    refusal: { code: 'invalid-time-zone', path: 'subscription.recipientTimeZone' },
  },
  {
    kind: 'an id of 201 characters',
    id: `sub-0000900a${'x'.repeat(189)}`,
    expiration: '2026-03-10',
    amount: '49.00',
    refusal: { code: 'invalid-value', path: 'subscription.id' },
  },
  {
    kind: 'an id of 3,000 characters',
    id: `sub-0000900b${'y'.repeat(2988)}`,
    expiration: '2026-03-10',
    amount: '49.00',
    refusal: { code: 'invalid-value', path: 'subscription.id' },
  },
  { kind: 'an empty id', id: '', expiration: '2026-03-10', amount: '49.00', refusal: { code: 'invalid-value', path: 'subscription.id' } },
];

describe('billing job: no row blocks a night', () => {
  it('R-IN-4 poison rows of every kind among good rows: both nights complete, good rows recorded, bad rows listed with code, path and message', async () => {
    const url = await freshDatabase('billing_poison');
    await insertSubscriptions(url, GOOD);
    for (const row of POISON) {
      await query(
        url,
        `INSERT INTO subscriptions (id, expiration_date, extension_ends_on, invoice_amount, recipient_time_zone)
         VALUES ($1, $2::date, $3::date, $4::numeric, $5)`,
        [row.id, row.expiration, row.extension ?? null, row.amount ?? null, row.zone ?? null],
      );
    }
    // Two nights, in pages of 50 so poison rows sit on many pages: the first names its window, the next continues.
    const first = await runJobOk(url, ['--from', FROM, '--to', MIDDLE, '--page-size', '50']);
    const second = await runJobOk(url, ['--to', TO, '--page-size', '50']);
    for (const night of [...first.windows, ...second.windows]) {
      expect(night).toMatchObject({ subscriptions: GOOD.length + POISON.length });
      expect(night.rejected).toBeGreaterThanOrEqual(POISON.filter((row) => row.refusal !== undefined).length);
    }

    // Every good row's reminders, exactly as the library gives them.
    const expected = GOOD.flatMap((s) => getRemindersDue(asSubscription(s), { from: FROM, to: TO }).map((r) => r.key)).sort();
    expect(expected.length).toBeGreaterThan(1000);
    const outbox = await readOutbox(url);
    expect(outbox.map((row) => row.key)).toEqual(expected);

    // Every refused poison row is listed in both windows, with its code and path, and its id in full.
    const rejected = await query<{ window_id: string; subscription_id: string; code: string; path: string; message: string }>(
      url,
      'SELECT window_id, subscription_id, code, path, message FROM rejected_subscriptions',
    );
    for (const row of POISON) {
      const listed = rejected.filter((r) => r.subscription_id === row.id);
      if (row.refusal === undefined) {
        expect(listed, row.kind).toEqual([]);
        continue;
      }
      expect(listed, row.kind).toHaveLength(2);
      for (const entry of listed) {
        expect({ code: entry.code, path: entry.path }, row.kind).toEqual(row.refusal);
        expect(entry.message.length, row.kind).toBeGreaterThan(10);
      }
    }
    // The good rows refused for their own reasons (an expired one without an invoice amount) are there too.
    const goodRefused = rejected.filter((r) => !POISON.some((p) => p.id === r.subscription_id));
    expect(goodRefused.length).toBeGreaterThan(0);
    for (const entry of goodRefused) expect(entry.code).toBe('missing');

    // The amount at the ceiling is quoted: its total is above what numeric(14, 2) held.
    const ceiling = POISON.find((row) => row.kind === 'an amount at the ceiling') as (typeof POISON)[number];
    const [quote] = await query<{ total: string; fee: string }>(
      url,
      'SELECT total::text, fee::text FROM fee_quotes WHERE subscription_id = $1 AND quoted_at = $2',
      [ceiling.id, TO],
    );
    const fromLibrary = quoteReactivationFee(
      { id: ceiling.id, expirationDate: ceiling.expiration, invoiceAmount: ceiling.amount as string },
      TO,
    );
    expect(fromLibrary.kind).not.toBe('none');
    if (fromLibrary.kind === 'reactivation' || fromLibrary.kind === 'recovery') {
      expect(quote).toEqual({ total: fromLibrary.total.amount, fee: fromLibrary.fee.amount });
      expect(fromLibrary.total.amount.split('.')[0]?.length).toBeGreaterThan(12);
    }
  });

  it('R-IN-1 R-IN-4 any date PostgreSQL stores, read as the job reads it, is either taken as that day or refused with a code and path (property)', async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL, options: '-c DateStyle=ISO,YMD' });
    await client.connect();
    // Days from 2000-01-01: PostgreSQL's whole date range (4714-11-24 BC, Julian day 0, to
    // 5874897-12-31, Julian day 2,147,483,493; 2000-01-01 is Julian day 2,451,545), weighted
    // to the library's years and their edges, and the range's own two ends.
    const offset = fc.oneof(
      fc.integer({ min: -2_451_545, max: 2_145_031_948 }),
      fc.integer({ min: -40_000, max: 400_000 }),
      fc.constantFrom(-36_525, -36_524, 365_242, 365_243, -2_451_545, 2_145_031_948),
    );
    const window = { from: new Date(FROM), to: new Date(TO) };
    const row = (day: string) => ({
      id: 'p',
      expiration_date: day,
      extension_ends_on: null,
      invoice_amount: '49.00',
      recipient_time_zone: null,
    });
    try {
      await fc.assert(
        fc.asyncProperty(fc.oneof(offset.map(String), fc.constantFrom('infinity', '-infinity')), async (days) => {
          const { rows } = await client.query<{ day: string }>(
            /^-?\d+$/.test(days) ? "SELECT (DATE '2000-01-01' + $1::int)::text AS day" : 'SELECT $1::date::text AS day',
            [days],
          );
          const day = rows[0]?.day as string;
          const records = recordsOfPage([row(day)], window, defaultPolicy);
          // The read is exact: the same day the calendar gives (Temporal, for the years 1–9999 that ISO text covers).
          const year = /^(\d{4})-\d\d-\d\d$/.exec(day)?.[1];
          if (/^-?\d+$/.test(days) && year !== undefined) {
            expect(day).toBe(
              Temporal.PlainDate.from('2000-01-01')
                .add({ days: Number(days) })
                .toString(),
            );
          }
          const inRange = year !== undefined && Number(year) >= 1900 && Number(year) <= 2999;
          if (!inRange) {
            expect(records.rejected, day).toHaveLength(1);
            expect(records.rejected[0]?.path, day).toBe('subscription.expirationDate');
            expect(['invalid-date', 'date-out-of-range'], day).toContain(records.rejected[0]?.code);
          } else {
            // Inside the library's years the day is taken; at their edges (1900, 2999) a lifecycle can leave them.
            if (Number(year) > 1900 && Number(year) < 2999) expect(records.rejected, day).toEqual([]);
            for (const refusal of records.rejected) expect(refusal.code, day).toBe('date-out-of-range');
          }
        }),
        { numRuns: 300 },
      );
    } finally {
      await client.end();
    }
  });
});
