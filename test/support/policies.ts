import fc from 'fast-check';
import { definePolicy } from '../../src/policy/definePolicy.js';
import type { Policy, ReactivationTier } from '../../src/policy/types.js';
import { zoneArbitrary } from './arbitraries.js';

const pad = (n: number) => String(n).padStart(2, '0');
/** A minute of the day written as a policy writes times: 90 → `"01:30"`. */
export const hhmm = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** A local time of day `HH:mm:ss`, with the edges (midnight, the last second) weighted in. */
export const expiryTimeArbitrary = fc.oneof(
  fc.constantFrom('23:59:59', '00:00:00', '00:00:01', '12:00:00', '02:30:00'),
  fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m, s]) => `${pad(h)}:${pad(m)}:${pad(s)}`),
);

/** A send time `HH:mm`. */
const sendTimeArbitrary = fc.integer({ min: 0, max: 24 * 60 - 1 }).map(hhmm);

/** The punctuation characters an order-id separator may be. */
export const separatorArbitrary = fc.constantFrom('-', '/', '.', '_', '#', ':', '~', '|');

/** Amounts in cents and rates in basis points, so tiers can be sorted to never fall. */
const centsArbitrary = fc.oneof(fc.constantFrom(0, 2500, 5000), fc.integer({ min: 0, max: 2_000_000 }));
const basisPointsArbitrary = fc.oneof(fc.constantFrom(0, 1000, 1500), fc.integer({ min: 0, max: 20_000 }));

/**
 * Random valid policies, built with `definePolicy`: any zone and expiry time, lead days,
 * deletion day, recovery window, reactivation tiers whose rates and minimums never fall,
 * recovery pricing, send times, quiet hours and extension settings (order-id groups and
 * separator included), with the seeds' values weighted in.
 */
export const policyArbitrary: fc.Arbitrary<Policy> = fc
  .record({
    timeZone: zoneArbitrary,
    expiryTime: expiryTimeArbitrary,
    renewalInvoiceDaysBefore: fc.oneof(fc.constantFrom(30, 0), fc.integer({ min: 0, max: 366 })),
    bankTransferDaysBefore: fc.oneof(fc.constant(7), fc.integer({ min: 0, max: 366 })),
    recoveryWindowMonths: fc.oneof(fc.constant(6), fc.integer({ min: 1, max: 120 })),
    deletionFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    tierFractions: fc.uniqueArray(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 3 }),
    basisPoints: fc.array(basisPointsArbitrary, { minLength: 5, maxLength: 5 }),
    minimumCents: fc.array(centsArbitrary, { minLength: 5, maxLength: 5 }),
    dailyRateCents: fc.oneof(fc.constant(400), fc.integer({ min: 0, max: 200_000 })),
    sendTimes: fc.tuple(sendTimeArbitrary, sendTimeArbitrary, sendTimeArbitrary),
    quietStartMinutes: fc.integer({ min: 0, max: 24 * 60 - 2 }),
    quietLengthMinutes: fc.integer({ min: 1, max: 24 * 60 }),
    requestDaysBefore: fc.oneof(fc.constantFrom(7, 0), fc.integer({ min: 0, max: 366 })),
    durationDays: fc.oneof(fc.constant(7), fc.integer({ min: 1, max: 366 })),
    cooldownDays: fc.oneof(fc.constantFrom(90, 0, 1), fc.integer({ min: 0, max: 3660 })),
    groups: fc.oneof(fc.constant([3, 3, 5]), fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 5 })),
    separator: separatorArbitrary,
  })
  .map((r) => {
    const deletionDay = 1 + Math.floor(r.deletionFraction * (Math.min(366, r.recoveryWindowMonths * 28) - 1));
    // Later tiers start on distinct days from 1 to deletionDay − 1; rates and minimums never fall (R-POL-1).
    const fromDays = [...new Set(r.tierFractions.map((f) => 1 + Math.floor(f * (deletionDay - 1))).filter((d) => d < deletionDay))].sort(
      (a, b) => a - b,
    );
    const rates = [...r.basisPoints].sort((a, b) => a - b).map((bp) => (bp / 10_000).toFixed(4));
    const minimums = [...r.minimumCents].sort((a, b) => a - b).map((cents) => (cents / 100).toFixed(2));
    const tiers: ReactivationTier[] = [0, ...fromDays].map((fromDay, index) => ({
      fromDay,
      rate: rates[index] as string,
      minimum: minimums[index] as string,
    }));
    const quietEnd = Math.min(24 * 60 - 1, r.quietStartMinutes + r.quietLengthMinutes);
    return definePolicy({
      timeZone: r.timeZone,
      expiryTime: r.expiryTime,
      renewalInvoiceDaysBefore: r.renewalInvoiceDaysBefore,
      bankTransferDaysBefore: r.bankTransferDaysBefore,
      deletionDay,
      recoveryWindowMonths: r.recoveryWindowMonths,
      fees: {
        reactivationTiers: tiers,
        recovery: { rate: rates[4] as string, minimum: minimums[4] as string, dailyRate: (r.dailyRateCents / 100).toFixed(2) },
      },
      reminders: {
        sendTimes: { email: r.sendTimes[0], sms: r.sendTimes[1], phone: r.sendTimes[2] },
        quietHours: {
          channels: ['sms', 'phone'],
          start: hhmm(r.quietStartMinutes),
          end: hhmm(Math.max(quietEnd, r.quietStartMinutes + 1)),
        },
      },
      extensions: {
        requestDaysBefore: r.requestDaysBefore,
        durationDays: r.durationDays,
        cooldownDays: r.cooldownDays,
        orderId: { groups: r.groups, separator: r.separator },
      },
    });
  });
