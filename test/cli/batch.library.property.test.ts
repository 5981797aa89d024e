import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definePolicy, getExpiryStatus, getRemindersDue, quoteReactivationFee, type Policy } from '../../src/index.js';
import { cli, records } from './support.js';

/**
 * Issue 26: `batch` answers a line as the library does. A record is the answer of
 * getExpiryStatus, then quoteReactivationFee, then (with a window) getRemindersDue, called
 * directly on the line's value: the first error, code, path and message, or every result.
 */

const POLICY_OVERRIDES = { timeZone: 'Europe/Berlin', currency: 'EUR', deletionDay: 20 };

/** What the library answers for one line's value, as the record would carry it. */
function libraryAnswer(value: unknown, now: string, window: { from: string; to: string } | undefined, policy: Policy | undefined) {
  const id = (value as { id?: unknown } | null)?.id;
  const withId = typeof id === 'string' ? { id } : {};
  try {
    const status = getExpiryStatus(value as never, now, policy);
    const fee = quoteReactivationFee(value as never, now, policy);
    const remindersDue = window === undefined ? undefined : getRemindersDue(value as never, window, policy);
    return JSON.parse(
      JSON.stringify({ ok: true, ...withId, status, fee, ...(remindersDue === undefined ? {} : { remindersDue }) }),
    ) as unknown;
  } catch (error) {
    const { code, path, message } = error as { code: string; path: string; message: string };
    return { ok: false, ...withId, error: { code, path, message } };
  }
}

const absent = Symbol('absent');
const field = (...values: unknown[]) => fc.constantFrom<unknown>(absent, ...values);
const dateText = fc
  .date({ min: new Date(Date.UTC(1970, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

const subscriptionValue = fc
  .record({
    id: field('a', 'sub-42', '', 123, 'x'.repeat(201)),
    expirationDate: fc.oneof(field('2026-03-08', '2026-02-30', '1900-01-05', '2999-12-31', 20260308, '2026-3-8'), dateText),
    invoiceAmount: field('300.00', '300', 300, '1.001', '-5', 'abc', '1e3', '999999999999', '1000000000000'),
    extension: fc.oneof(
      field(null, {}, 'x', { endsOn: '2026-02-01' }),
      dateText.map((endsOn) => ({ endsOn })),
    ),
    paymentMethod: field('bank-transfer', 'card', 5),
    recipientTimeZone: field('Europe/Berlin', 'Mars/Olympus', 'Asia/Kolkata'),
  })
  .map((fields) => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== absent)));

const lineValue = fc.oneof(
  { weight: 8, arbitrary: subscriptionValue },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, [1], 'x', 5) },
);

const instant = fc
  .date({ min: new Date(Date.UTC(2025, 0, 1)), max: new Date(Date.UTC(2027, 11, 31)), noInvalidDate: true })
  .map((date) => date.toISOString());

describe('batch answers each line as the library does', () => {
  it('a record is the first error of getExpiryStatus, quoteReactivationFee, getRemindersDue on that line, or all their results', async () => {
    const policy = definePolicy(POLICY_OVERRIDES);
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineValue, { minLength: 1, maxLength: 8 }),
        instant,
        fc.option(fc.tuple(instant, fc.integer({ min: 0, max: 40 })), { nil: undefined }),
        fc.boolean(),
        async (values, now, windowStart, custom) => {
          const window =
            windowStart === undefined
              ? undefined
              : { from: windowStart[0], to: new Date(Date.parse(windowStart[0]) + windowStart[1] * 86_400_000).toISOString() };
          const args = ['batch', '--quiet', '--now', now, ...(window === undefined ? [] : ['--from', window.from, '--to', window.to])];
          const { stdout } = await cli(custom ? [...args, '--policy', 'p.json'] : args, {
            input: values.map((value) => JSON.stringify(value)).join('\n'),
            files: { 'p.json': JSON.stringify(POLICY_OVERRIDES) },
          });
          const answers = records(stdout).map(({ file: _file, line: _line, ...record }) => record);
          expect(answers).toEqual(values.map((value) => libraryAnswer(value, now, window, custom ? policy : undefined)));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('{"expirationDate":"1900-01-05"} with a window: the record is getExpiryStatus’s answer, the first question asked', async () => {
    const value = { expirationDate: '1900-01-05' };
    const window = { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' };
    const { stdout } = await cli(['batch', '--now', '2026-03-20T12:00:00Z', '--from', window.from, '--to', window.to], {
      input: JSON.stringify(value),
    });
    const [record] = records(stdout);
    expect(record.error.code).toBe('date-out-of-range');
    expect(record).toMatchObject(libraryAnswer(value, '2026-03-20T12:00:00Z', window, undefined) as object);
  });

  it('R-RM-3 a line without an id whose status and fee can be answered fails as getRemindersDue does: missing, at subscription.id', async () => {
    const value = { expirationDate: '2026-03-08', invoiceAmount: '1.001' };
    const { stdout } = await cli(
      ['batch', '--now', '2026-03-01T12:00:00Z', '--from', '2026-03-01T00:00:00Z', '--to', '2026-03-02T00:00:00Z'],
      {
        input: JSON.stringify(value),
      },
    );
    // The invoice's digits are quoteReactivationFee's to refuse, before the id is asked for.
    expect(records(stdout)[0].error).toMatchObject({ code: 'too-many-fraction-digits', path: 'subscription.invoiceAmount' });
    const { stdout: noId } = await cli(
      ['batch', '--now', '2026-03-01T12:00:00Z', '--from', '2026-03-01T00:00:00Z', '--to', '2026-03-02T00:00:00Z'],
      {
        input: JSON.stringify({ expirationDate: '2026-03-08' }),
      },
    );
    expect(records(noId)[0].error).toMatchObject({ code: 'missing', path: 'subscription.id' });
  });
});
