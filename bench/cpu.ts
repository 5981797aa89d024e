import { getExpiryStatus, getReminderSchedule, quoteReactivationFee } from '../src/index.js';
import { type Case, coldCases } from './cold.bench.js';

/**
 * CPU time per call on the cold path, one function at a time, over the same 200,000
 * subscriptions as `bench/cold.bench.ts` (a first pass learns the zone tables, then each
 * round is timed with `process.cpuUsage`, which a busy machine disturbs less than the wall
 * clock). `npm run bench:cpu -- quote 5` runs it (function, rounds); to see where the time
 * goes, run the bundle it leaves with `node --cpu-prof node_modules/.bench/cpu.mjs quote 5`.
 */
const calls: Record<string, (c: Case) => unknown> = {
  status: ({ subscription, now }) => getExpiryStatus(subscription, now),
  quote: ({ subscription, now }) => quoteReactivationFee(subscription, now),
  both: ({ subscription, now }) => [getExpiryStatus(subscription, now), quoteReactivationFee(subscription, now)],
  schedule: ({ subscription }) => getReminderSchedule(subscription),
  zones: ({ subscription }) => getReminderSchedule(subscription),
};

const which = process.argv[2] ?? 'both';
const rounds = Number(process.argv[3] ?? 3);
const call = calls[which];
if (call === undefined) throw new Error(`unknown function ${which}; one of ${Object.keys(calls).join(', ')}`);
const pool = coldCases(which === 'zones' ? 2 : 1, which === 'zones');
let sink: unknown;
for (const c of pool) sink = call(c);
const figures: string[] = [];
for (let round = 0; round < rounds; round += 1) {
  const before = process.cpuUsage();
  for (const c of pool) sink = call(c);
  const used = process.cpuUsage(before);
  figures.push(((used.user + used.system) / pool.length).toFixed(2));
}
console.log(`${which}: ${figures.join(', ')} µs CPU per call (${typeof sink})`);
