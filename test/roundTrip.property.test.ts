import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dayNumberOf, formatDayNumber } from '../src/clock/civil.js';
import { isLibraryError } from '../src/errors.js';
import {
  checkExtensionEligibility,
  getExpiryStatus,
  getReminderSchedule,
  getTimeline,
  quoteReactivationFee,
  type Policy,
  type Subscription,
} from '../src/index.js';
import { parseCalendarDate } from '../src/input/calendarDate.js';
import { parseInstant } from '../src/input/instant.js';
import { policyArbitrary } from './support/policies.js';

/**
 * R-IN-5: whatever the library returns, it accepts back. For subscriptions anywhere in the
 * supported years, under random policies, every date in every result parses as a calendar
 * date, every instant as an instant, and a granted extension passed back is accepted.
 */
const dayArbitrary = fc.integer({ min: dayNumberOf(1900, 1, 1), max: dayNumberOf(2999, 12, 31) });
const edgeDayArbitrary = fc.oneof(
  dayArbitrary,
  fc.integer({ min: dayNumberOf(2997, 1, 1), max: dayNumberOf(2999, 12, 31) }),
  fc.integer({ min: dayNumberOf(1900, 1, 1), max: dayNumberOf(1902, 12, 31) }),
);

/** Calls `answer`, or `undefined` when the library refuses the input (a lifecycle out of range). */
function accepted<T>(answer: () => T): T | undefined {
  try {
    return answer();
  } catch (error) {
    if (isLibraryError(error) && error.code === 'date-out-of-range') return undefined;
    throw error;
  }
}

function expectDateBack(date: string): void {
  expect(() => parseCalendarDate(date, 'date')).not.toThrow();
}

function expectInstantBack(instant: Date): void {
  expect(() => parseInstant(instant, 'now')).not.toThrow();
  expect(() => parseInstant(instant.toISOString(), 'now')).not.toThrow();
}

describe('results accepted back (properties)', () => {
  it('R-IN-5 every date and instant of a status, timeline, schedule and quote is a valid input, 1900–2999', () => {
    fc.assert(
      fc.property(policyArbitrary, edgeDayArbitrary, fc.integer({ min: -400, max: 4000 }), (policy: Policy, dayNumber, daysLater) => {
        const subscription: Subscription = { id: 'r', expirationDate: formatDayNumber(dayNumber), invoiceAmount: '300' };
        const timeline = accepted(() => getTimeline(subscription, policy));
        if (timeline === undefined) return;
        const now = Math.min(Math.max((dayNumber + daysLater) * 86_400_000, Date.UTC(1900, 0, 1)), Date.UTC(2999, 11, 31));
        for (const event of timeline) {
          expectDateBack(event.date);
          expectInstantBack(event.at);
          expect(() => getExpiryStatus(subscription, event.at, policy)).not.toThrow();
        }
        for (const reminder of getReminderSchedule(subscription, policy)) {
          expectDateBack(reminder.date);
          expectInstantBack(reminder.sendAt);
        }
        const status = getExpiryStatus(subscription, now, policy);
        expectDateBack(status.expirationDate);
        expectInstantBack(status.expiresAt);
        if (status.phase !== 'unrecoverable') expect(() => getExpiryStatus(subscription, status.next.at, policy)).not.toThrow();
        const quote = quoteReactivationFee(subscription, now, policy);
        expectDateBack(quote.expirationDate);
        if (quote.kind === 'unrecoverable') expectDateBack(quote.lastRecoverableDate);
        if ((quote.kind === 'reactivation' || quote.kind === 'recovery') && quote.nextIncrease !== undefined)
          expectInstantBack(quote.nextIncrease);
      }),
      { numRuns: 150 },
    );
  });

  it('R-IN-5 R-EXT-5 a granted extension passed back is accepted, even for the last supported dates; beyond them it is refused as a decision', () => {
    fc.assert(
      fc.property(policyArbitrary, edgeDayArbitrary, fc.integer({ min: -10, max: 30 }), (policy: Policy, dayNumber, daysLater) => {
        const subscription: Subscription = { id: 'r', expirationDate: formatDayNumber(dayNumber) };
        const requestedAt = (dayNumber + daysLater) * 86_400_000 + 12 * 3_600_000;
        const decision = accepted(() => checkExtensionEligibility({ orderId: 'ABC-123-45678', requestedAt, subscription }, policy));
        if (decision === undefined) return;
        if (decision.eligible) {
          const extended = { ...subscription, extension: { endsOn: decision.extension.endsOn } };
          expect(getExpiryStatus(extended, decision.extension.endsAt, policy).expirationDate).toBe(decision.extension.endsOn);
          expect(getTimeline(extended, policy).length).toBeGreaterThan(0);
        } else {
          for (const reason of decision.reasons) {
            if (reason.code === 'too-early') expectInstantBack(reason.eligibleFrom);
            if (reason.code === 'data-deleted') expectInstantBack(reason.deletedAt);
            if (reason.code === 'beyond-supported-dates')
              expect(accepted(() => getTimeline({ ...subscription, extension: { endsOn: reason.endsOn } }, policy))).toBeUndefined();
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('R-IN-5 refuses an extension whose end would carry the lifecycle past 2999-12-31 (the end of 2999-06-30 + 7 days would)', () => {
    const decision = checkExtensionEligibility({
      orderId: 'ABC-123-45678',
      requestedAt: '2999-06-29T12:00:00Z',
      subscription: { expirationDate: '2999-06-30' },
    });
    expect(decision).toMatchObject({ eligible: false, reasons: [{ code: 'beyond-supported-dates', endsOn: '2999-07-07' }] });
    const inTime = checkExtensionEligibility({
      orderId: 'ABC-123-45678',
      requestedAt: '2999-06-20T12:00:00Z',
      subscription: { expirationDate: '2999-06-23' },
    });
    expect(inTime).toMatchObject({ eligible: true, extension: { endsOn: '2999-06-30' } });
  });
});
