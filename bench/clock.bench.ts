import { fromZonedTime, toZonedTime } from 'date-fns-tz';
import { dayNumberOf, formatDayNumber } from '../src/clock/civil.js';
import { clearZoneMemos, instantOf, localDayOf } from '../test/support/zone.js';
import type { BenchGroup } from './harness.js';

/** The business clock against date-fns-tz called directly, on the same inputs. */
const ZONE = 'America/New_York';
const BATCH = 1000;
const firstDay = dayNumberOf(2026, 1, 1);
// A nightly batch: 1,000 subscriptions whose expiration dates spread over ~3 years.
const days = Array.from({ length: BATCH }, (_, i) => firstDay + ((i * 7919) % 1100));
const dateStrings = days.map((d) => `${formatDayNumber(d)} 23:59:59`);
const instants = days.map((d) => d * 86_400_000 + 17 * 3_600_000);
const EXPIRY_MS = (23 * 3600 + 59 * 60 + 59) * 1000;

export const clockBenchmarks: BenchGroup[] = [
  {
    title: 'local date + time → instant (expiry instant of 1,000 subscriptions)',
    perSample: BATCH,
    tasks: [
      { name: 'date-fns-tz fromZonedTime', baseline: true, run: () => { let s = 0; for (const text of dateStrings) s += fromZonedTime(text, ZONE).getTime(); return s; } },
      { name: 'clock instantOf, batch (memoised per distinct date)', run: () => { let s = 0; for (const d of days) s += instantOf(ZONE, d, EXPIRY_MS); return s; } },
      { name: 'clock instantOf, cold (memo cleared before each batch)', run: () => { clearZoneMemos(); let s = 0; for (const d of days) s += instantOf(ZONE, d, EXPIRY_MS); return s; } },
    ],
  },
  {
    title: 'instant → local calendar date (1,000 distinct instants)',
    perSample: BATCH,
    tasks: [
      {
        name: 'date-fns-tz toZonedTime + local fields',
        baseline: true,
        run: () => { let s = 0; for (const t of instants) { const z = toZonedTime(t, ZONE); s += z.getFullYear() * 400 + z.getMonth() * 31 + z.getDate(); } return s; },
      },
      { name: 'clock localDayOf, batch (memoised per instant)', run: () => { let s = 0; for (const t of instants) s += localDayOf(ZONE, t); return s; } },
      { name: 'clock localDayOf, cold (memo cleared before each batch)', run: () => { clearZoneMemos(); let s = 0; for (const t of instants) s += localDayOf(ZONE, t); return s; } },
    ],
  },
];
