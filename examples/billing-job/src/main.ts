/**
 * The nightly billing job: records the reminders due in a window [from, to) in the
 * outbox, and today's reactivation and recovery quotes, page by page. See README.md
 * ("Nightly billing job") and examples/billing-job/schema.sql.
 *
 *   DATABASE_URL=postgres://… node examples/billing-job/dist/job.cjs init
 *   DATABASE_URL=postgres://… node examples/billing-job/dist/job.cjs [--from T] [--to T] [--shard i/N] [--policy FILE] …
 *   DATABASE_URL=postgres://… node examples/billing-job/dist/job.cjs retry-rejected [--shard i/N] [--policy FILE]
 *
 * Prints one JSON line per window on stdout. Exit codes: 0 done, 1 a fault worth retrying
 * (run it again: it resumes), 2 usage or configuration; either way one line on stderr.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { createPool, databaseUrlOf, parseDuration, TIMEOUT_FLAGS, TIMEOUT_USAGE, timeoutsOf, withClient } from './database.js';
import { endRun, UsageError } from './fault.js';
import { recordsOfPage, type SubscriptionRow } from './page.js';
import { defaultPolicyRecord, loadPolicyFile, type PolicyRecord } from './policy.js';
import {
  applySchema,
  processNextPage,
  retryWindowRejections,
  windowsToRun,
  windowsWithRejections,
  type BillingWindow,
  type Shard,
} from './store.js';

const USAGE = `Usage: billing-job init
       billing-job [run] [--from INSTANT] [--to INSTANT] [--shard i/N] [--policy FILE] [--max-lateness D] [--page-size N]
       billing-job retry-rejected [--shard i/N] [--policy FILE] [--max-lateness D]

  run              records the reminders due in the window [--from, --to) and today's quotes
  retry-rejected   re-reads the refused rows of every window (of --shard, if given): records
                   what now passes, clears its refusal, records anew what is still refused

  --from INSTANT   start of the window, e.g. 2026-03-08T00:00:00-05:00 (default: the end of
                   the shard's latest window; required the first time). With --from, a
                   window that is done already is processed again from its start
  --to INSTANT     end of the window, exclusive (default: now)
  --shard i/N      only the subscriptions whose stable id hash (shard_hash, in schema.sql)
                   falls in the i-th of N equal ranges (default 0/1)
  --policy FILE    the business's policy: a JSON file of overrides, as \`subscription-expiry
                   policy check FILE\` accepts (default: the library's default policy). A
                   window records its policy and is resumed or re-run only under it
  --max-lateness D a reminder whose send time is more than D before now is not recorded as
                   to send, only counted as late (default 1d; e.g. 12h, 3d)
  --now INSTANT    the run's clock (default: the system clock)
  --page-size N    subscriptions per transaction (default 1000)
${TIMEOUT_USAGE}

The connection comes from DATABASE_URL. Exit codes: 0 done, 1 a fault worth retrying (run
it again: it resumes), 2 usage or configuration.`;

const MAX_LATENESS_MS = 3650 * 86_400_000;

async function main(argv: readonly string[], clock: Date): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      shard: { type: 'string' },
      policy: { type: 'string' },
      'max-lateness': { type: 'string', default: '1d' },
      now: { type: 'string' },
      'page-size': { type: 'string', default: '1000' },
      ...TIMEOUT_FLAGS,
      help: { type: 'boolean' },
    },
  });
  if (values.help === true) {
    await printLine(USAGE);
    return;
  }
  const command = positionals[0] ?? 'run';
  if (positionals.length > 1 || !['run', 'init', 'retry-rejected'].includes(command))
    throw new UsageError(
      `unknown command: ${positionals.join(' ')} (the commands are init, run and retry-rejected; billing-job --help lists them)`,
    );

  // Everything is checked before the job connects: a usage error never waits on the network.
  const url = databaseUrlOf();
  const timeouts = timeoutsOf(values);
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  const pageSize = parsePositiveInteger(values['page-size'], '--page-size');
  const now = values.now === undefined ? clock : parseInstant(values.now, '--now');
  const notBefore = new Date(now.getTime() - parseDuration(values['max-lateness'], '--max-lateness', MAX_LATENESS_MS));
  const to = values.to === undefined ? now : parseInstant(values.to, '--to');
  const from = values.from === undefined ? undefined : parseInstant(values.from, '--from');
  if (from !== undefined && from >= to) throw new UsageError(`--from (${from.toISOString()}) must be before --to (${to.toISOString()})`);
  if (command === 'retry-rejected' && (values.from !== undefined || values.to !== undefined))
    throw new UsageError('retry-rejected takes no --from or --to: it retries the refusals of every window (of --shard, if given)');
  const policy = values.policy === undefined ? defaultPolicyRecord() : loadPolicyFile(values.policy);

  await withClient(createPool(url, timeouts), timeouts.connectMs, async (client) => {
    if (command === 'init') return applySchema(client, join(__dirname, '..', 'schema.sql'));
    const compute = (window: BillingWindow) => (rows: readonly SubscriptionRow[]) => recordsOfPage(rows, window, policy.policy, notBefore);
    if (command === 'retry-rejected') return retryRejected(client, shard, policy, compute);
    const runShard = shard ?? { index: 0, count: 1 };
    for (const window of await windowsToRun(client, runShard, from, to, policy)) {
      await printLine(JSON.stringify(await runWindow(client, window, runShard, pageSize, compute(window))));
    }
  });
}

/** Every page of a window, each in its own transaction, until the window is complete. */
async function runWindow(
  client: pg.PoolClient,
  window: BillingWindow,
  shard: Shard,
  pageSize: number,
  compute: Parameters<typeof processNextPage>[4],
) {
  const totals = { subscriptions: 0, recorded: 0, alreadyRecorded: 0, late: 0, quotes: 0, rejected: 0, pages: 0 };
  for (;;) {
    const outcome = await processNextPage(client, window, shard, pageSize, compute);
    if (outcome === undefined) break;
    totals.pages += 1;
    totals.subscriptions += outcome.subscriptions;
    totals.recorded += outcome.recorded;
    totals.alreadyRecorded += outcome.alreadyRecorded;
    totals.late += outcome.late;
    totals.quotes += outcome.quotes;
    totals.rejected += outcome.rejected;
  }
  return { ...summaryOf(window, shard), rerun: window.rerun, ...totals };
}

/** retry-rejected: one JSON line per window that held refusals. */
async function retryRejected(
  client: pg.PoolClient,
  shard: Shard | undefined,
  policy: PolicyRecord,
  compute: (window: BillingWindow) => Parameters<typeof retryWindowRejections>[2],
): Promise<void> {
  for (const window of await windowsWithRejections(client, shard, policy)) {
    const outcome = await retryWindowRejections(client, window, compute(window));
    await printLine(JSON.stringify({ command: 'retry-rejected', ...summaryOf(window, window.shard), ...outcome }));
  }
}

/**
 * Writes one line on standard output and waits until it is written. A reader that went away
 * (EPIPE) or a full disk is a fault like any other, reported in one line by `endRun`: the
 * window's work is already committed, so running the job again only reprints its summary.
 */
function printLine(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(`${text}\n`, (error) => {
      if (error === null || error === undefined) resolve();
      else
        reject(
          new Error(
            `cannot write to standard output (${(error as NodeJS.ErrnoException).code ?? error.message}); the work so far is recorded`,
          ),
        );
    });
  });
}

function summaryOf(window: BillingWindow, shard: Shard) {
  return { window: window.id, from: window.from.toISOString(), to: window.to.toISOString(), shard: `${shard.index}/${shard.count}` };
}

function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || count > 1024 || index >= count) {
    throw new UsageError(`--shard takes i/N with 0 <= i < N <= 1024, e.g. 2/4; got ${text}`);
  }
  return { index, count };
}

function parsePositiveInteger(text: string, option: string): number {
  if (!/^[1-9]\d{0,5}$/.test(text)) throw new UsageError(`${option} takes a whole number from 1 to 999999; got ${text}`);
  return Number(text);
}

/** An instant with an explicit offset, as the library asks (R-IN-2): local times are ambiguous. */
function parseInstant(text: string, option: string): Date {
  const instant = new Date(text);
  if (!/^\d{4}-\d\d-\d\dT.*(Z|[+-]\d\d:?\d\d)$/i.test(text) || Number.isNaN(instant.getTime())) {
    throw new UsageError(`${option} takes an ISO instant with Z or an offset, e.g. 2026-03-08T00:00:00-05:00; got ${text}`);
  }
  return instant;
}

// A closed standard output also emits 'error' on the stream: printLine reports it, and this
// keeps it from becoming an unhandled 'error' event (a stack trace).
process.stdout.on('error', () => {});
// The one place the job reads the clock: "now" is an argument everywhere else.
main(process.argv.slice(2), new Date()).catch((error: unknown) => endRun('billing-job', error));
