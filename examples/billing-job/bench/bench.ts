/**
 * The billing job over 100,000 subscriptions on a real PostgreSQL: subscriptions read and
 * outbox rows written per second, for one worker and for two shards in parallel, against
 * the library alone in a plain loop over the same subscriptions, in the same run.
 * Usage: npm run bench:db [-- subscriptions runs]   (a throwaway cluster; see scripts/with-postgres.sh)
 */
import { cpus } from 'node:os';
import { defaultPolicy } from 'subscription-expiry';
import { recordsOfPage } from '../src/page.js';
import { freshDatabase, insertSubscriptions, query, runJobOk, type JobResult } from '../test/database.js';
import { generateSubscriptions } from '../test/subscriptions.js';

const COUNT = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.argv[3] ?? 3);
// One night: the local day 2026-03-16 in New York (the default policy's zone).
const FROM = '2026-03-16T04:00:00.000Z';
const TO = '2026-03-17T04:00:00.000Z';

async function main(): Promise<void> {
  const subscriptions = generateSubscriptions(COUNT, '2026-01-01', 365);
  const url = await freshDatabase('billing_bench');
  await insertSubscriptions(url, subscriptions);
  await query(url, 'VACUUM ANALYZE subscriptions');

  const rows = subscriptions.map((s) => ({
    id: s.id,
    expiration_date: s.expirationDate,
    extension_ends_on: s.extensionEndsOn,
    invoice_amount: s.invoiceAmount,
    recipient_time_zone: s.recipientTimeZone,
  }));
  const window = { from: new Date(FROM), to: new Date(TO) };
  const loops: number[] = [];
  const single: Timed[] = [];
  const sharded: Timed[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    // Alternated, so a noisy neighbour on the shared machine slows each kind alike.
    const started = performance.now();
    recordsOfPage(rows, window, defaultPolicy);
    loops.push((performance.now() - started) / 1000);
    single.push(await timed(url, [['--from', FROM, '--to', TO]]));
    sharded.push(
      await timed(
        url,
        [0, 1].map((i) => ['--from', FROM, '--to', TO, '--shard', `${i}/2`]),
      ),
    );
  }

  const outbox = single[0]?.recorded ?? 0;
  console.log(
    `Node ${process.version}, ${cpus().length} cores; ${COUNT.toLocaleString('en-US')} subscriptions, one local day (${outbox.toLocaleString('en-US')} reminders due); medians of ${RUNS} alternated runs`,
  );
  const line = (label: string, seconds: readonly number[], rowsWritten = outbox) => {
    const s = median(seconds);
    console.log(
      `${label.padEnd(44)} ${Math.round(COUNT / s)
        .toLocaleString('en-US')
        .padStart(9)} subscriptions/s, ${Math.round(rowsWritten / s)
        .toLocaleString('en-US')
        .padStart(7)} outbox rows/s (${s.toFixed(2)} s)`,
    );
  };
  line('library alone, in process (no database)', loops);
  line(
    'billing job, one worker (--page-size 1000)',
    single.map((t) => t.seconds),
  );
  line(
    'billing job, two workers (--shard 0/2, 1/2)',
    sharded.map((t) => t.seconds),
  );
  console.log(
    `all runs, one worker: ${single.map((t) => `${Math.round(COUNT / t.seconds).toLocaleString('en-US')}/s`).join(', ')}; two workers: ${sharded.map((t) => `${Math.round(COUNT / t.seconds).toLocaleString('en-US')}/s`).join(', ')}`,
  );
}

interface Timed {
  readonly seconds: number;
  readonly recorded: number;
}

/** Empties the job's tables, then runs the given jobs in parallel, as child processes, and times them. */
async function timed(url: string, jobs: readonly (readonly string[])[]): Promise<Timed> {
  await query(url, 'TRUNCATE reminder_outbox, fee_quotes, rejected_subscriptions, billing_windows');
  const started = performance.now();
  const results: JobResult[] = await Promise.all(jobs.map((args) => runJobOk(url, args)));
  const seconds = (performance.now() - started) / 1000;
  const windows = results.flatMap((result) => result.windows);
  if (windows.reduce((sum, w) => sum + w.subscriptions, 0) !== COUNT) throw new Error('the jobs did not read every subscription once');
  return { seconds, recorded: windows.reduce((sum, w) => sum + w.recorded, 0) };
}

function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
