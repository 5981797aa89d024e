import { fromZonedTime, toZonedTime } from 'date-fns-tz';
import { dayNumberOf, formatDayNumber } from '../src/clock/civil.js';
import { forgetZoneTables, instantOf, localDayOf, zoneOf } from '../src/clock/zone.js';
import type { BenchGroup } from './harness.js';

/**
 * The business clock against date-fns-tz called directly, on the same inputs. "Learning"
 * rows forget every zone table before each batch, so they include reading Intl for each
 * 32-day period the batch touches (about 37 periods here); the others answer from the table.
 */
const ZONE = 'America/New_York';
const BATCH = 1000;
const firstDay = dayNumberOf(2026, 1, 1);
// 1,000 expiration dates spread over ~3 years.
const days = Array.from({ length: BATCH }, (_, i) => firstDay + ((i * 7919) % 1100));
const dateStrings = days.map((d) => `${formatDayNumber(d)} 23:59:59`);
const instants = days.map((d) => d * 86_400_000 + 17 * 3_600_000);
const EXPIRY_MS = (23 * 3600 + 59 * 60 + 59) * 1000;

export const clockBenchmarks: BenchGroup[] = [
  {
    title: 'local date + time → instant (expiry instant of 1,000 subscriptions)',
    perSample: BATCH,
    tasks: [
      {
        name: 'date-fns-tz fromZonedTime',
        baseline: true,
        run: () => {
          let s = 0;
          for (const text of dateStrings) s += fromZonedTime(text, ZONE).getTime();
          return s;
        },
      },
      {
        name: 'clock instantOf (zone table learnt)',
        run: () => {
          const zone = zoneOf(ZONE);
          let s = 0;
          for (const d of days) s += instantOf(zone, d, EXPIRY_MS);
          return s;
        },
      },
      {
        name: 'clock instantOf, learning the table every batch',
        run: () => {
          forgetZoneTables();
          const zone = zoneOf(ZONE);
          let s = 0;
          for (const d of days) s += instantOf(zone, d, EXPIRY_MS);
          return s;
        },
      },
    ],
  },
  {
    title: 'instant → local calendar date (1,000 distinct instants)',
    perSample: BATCH,
    tasks: [
      {
        name: 'date-fns-tz toZonedTime + local fields',
        baseline: true,
        run: () => {
          let s = 0;
          for (const t of instants) {
            const z = toZonedTime(t, ZONE);
            s += z.getFullYear() * 400 + z.getMonth() * 31 + z.getDate();
          }
          return s;
        },
      },
      {
        name: 'clock localDayOf (zone table learnt)',
        run: () => {
          const zone = zoneOf(ZONE);
          let s = 0;
          for (const t of instants) s += localDayOf(zone, t);
          return s;
        },
      },
      {
        name: 'clock localDayOf, learning the table every batch',
        run: () => {
          forgetZoneTables();
          const zone = zoneOf(ZONE);
          let s = 0;
          for (const t of instants) s += localDayOf(zone, t);
          return s;
        },
      },
    ],
  },
];
