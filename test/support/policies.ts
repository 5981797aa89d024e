import fc from 'fast-check';
import { definePolicy } from '../../src/policy/definePolicy.js';
import type { Policy } from '../../src/policy/types.js';
import { zoneArbitrary } from './arbitraries.js';

const time = (withSeconds: boolean) =>
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 })).map(([h, m, s]) =>
    [h, m, ...(withSeconds ? [s] : [])].map((n) => String(n).padStart(2, '0')).join(':'),
  );

const cents = (min: number, max: number) => fc.integer({ min, max }).map((value) => (value / 100).toFixed(2));
const rate = fc.integer({ min: 0, max: 5000 }).map((basisPoints) => (basisPoints / 10_000).toFixed(4));

/** Random valid policies: any zone, expiry time, tiers, windows, cadences and send times. */
export const policyArbitrary: fc.Arbitrary<Policy> = fc
  .record({
    timeZone: zoneArbitrary,
    expiryTime: time(true),
    renewalInvoiceDaysBefore: fc.integer({ min: 0, max: 60 }),
    bankTransferDaysBefore: fc.integer({ min: 0, max: 30 }),
    recoveryWindowMonths: fc.integer({ min: 1, max: 12 }),
    deletionDay: fc.integer({ min: 1, max: 28 }),
    tierCount: fc.integer({ min: 1, max: 4 }),
    rates: fc.array(rate, { minLength: 5, maxLength: 5 }),
    minimums: fc.array(cents(0, 20_000), { minLength: 5, maxLength: 5 }),
    dailyRate: cents(0, 2_000),
    sendTimes: fc.tuple(time(false), time(false), time(false)),
    quietStart: fc.integer({ min: 0, max: 22 }),
    quietLength: fc.integer({ min: 1, max: 24 }),
    requestDaysBefore: fc.integer({ min: 0, max: 30 }),
    durationDays: fc.integer({ min: 1, max: 30 }),
    cooldownDays: fc.integer({ min: 0, max: 365 }),
  })
  .map((r) => {
    // Tiers start on increasing days before the deletion day, with rates and minimums that never fall.
    const tierCount = Math.min(r.tierCount, r.deletionDay);
    const starts = [0, ...Array.from({ length: tierCount - 1 }, (_, i) => Math.floor(((i + 1) * r.deletionDay) / tierCount))];
    const uniqueStarts = [...new Set(starts)];
    const rates = [...r.rates].sort((a, b) => Number(a) - Number(b));
    const minimums = [...r.minimums].sort((a, b) => Number(a) - Number(b));
    const quietEnd = Math.min(24 * 60 - 1, (r.quietStart + r.quietLength) * 60);
    const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    return definePolicy({
      timeZone: r.timeZone,
      expiryTime: r.expiryTime,
      renewalInvoiceDaysBefore: r.renewalInvoiceDaysBefore,
      bankTransferDaysBefore: r.bankTransferDaysBefore,
      recoveryWindowMonths: r.recoveryWindowMonths,
      deletionDay: r.deletionDay,
      fees: {
        reactivationTiers: uniqueStarts.map((fromDay, i) => ({ fromDay, rate: rates[i] as string, minimum: minimums[i] as string })),
        recovery: { rate: rates[4] as string, minimum: minimums[4] as string, dailyRate: r.dailyRate },
      },
      reminders: {
        sendTimes: { email: r.sendTimes[0], sms: r.sendTimes[1], phone: r.sendTimes[2] },
        quietHours: { channels: ['sms', 'phone'], start: hhmm(r.quietStart * 60), end: hhmm(quietEnd) },
      },
      extensions: { requestDaysBefore: r.requestDaysBefore, durationDays: r.durationDays, cooldownDays: r.cooldownDays },
    });
  });
