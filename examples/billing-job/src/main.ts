/**
 * The nightly billing job: records the reminders due in a window [from, to) in the
 * outbox, and today's reactivation and recovery quotes, page by page. See README.md
 * ("Nightly billing job") and examples/billing-job/schema.sql.
 *
 *   DATABASE_URL=postgres://… node examples/billing-job/dist/job.cjs init
 *   DATABASE_URL=postgres://… node examples/billing-job/dist/job.cjs [--from T] [--to T] [--shard i/N] [--page-size N]
 *
 * Prints one JSON line per window on stdout. Exit codes: 0 done, 1 failed (run it
 * again: it resumes), 2 usage error.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { defaultPolicy } from 'subscription-expiry';
import { recordsOfPage } from './page.js';
import { applySchema, processNextPage, UsageError, windowsToRun, type BillingWindow, type Shard } from './store.js';

const USAGE = `Usage: billing-job init
       billing-job [--from INSTANT] [--to INSTANT] [--shard i/N] [--page-size N]

  --from INSTANT   start of the window, e.g. 2026-03-08T00:00:00-05:00
                   (default: the end of the shard's latest window; required the first time)
  --to INSTANT     end of the window, exclusive (default: now)
  --shard i/N      only the subscriptions whose stable id hash is i modulo N (default 0/1)
  --page-size N    subscriptions per transaction (default 1000)

The connection comes from DATABASE_URL.`;

async function main(argv: readonly string[], now: Date): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      shard: { type: 'string', default: '0/1' },
      'page-size': { type: 'string', default: '1000' },
      help: { type: 'boolean' },
    },
  });
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  const command = positionals[0] ?? 'run';
  if (positionals.length > 1 || (command !== 'run' && command !== 'init'))
    throw new UsageError(`unknown command: ${positionals.join(' ')}`);
  const connectionString = process.env.DATABASE_URL;
  if (connectionString === undefined || connectionString === '')
    throw new UsageError('set DATABASE_URL to the database, e.g. postgres://user@host:5432/billing');

  // Every option is checked before the job connects: a usage error never waits on the network.
  const shard = parseShard(values.shard);
  const pageSize = parsePositiveInteger(values['page-size'], '--page-size');
  const to = values.to === undefined ? now : parseInstant(values.to, '--to');
  const from = values.from === undefined ? undefined : parseInstant(values.from, '--from');
  if (from !== undefined && from >= to) throw new UsageError(`--from (${from.toISOString()}) must be before --to (${to.toISOString()})`);

  const pool = new pg.Pool({ connectionString, max: 1 });
  const client = await pool.connect();
  try {
    if (command === 'init') {
      await applySchema(client, join(__dirname, '..', 'schema.sql'));
      return;
    }
    for (const window of await windowsToRun(client, shard, from, to)) {
      console.log(JSON.stringify(await runWindow(client, window, shard, pageSize)));
    }
  } finally {
    client.release();
    await pool.end();
  }
}

/** Every page of a window, each in its own transaction, until the window is complete. */
async function runWindow(client: pg.PoolClient, window: BillingWindow, shard: Shard, pageSize: number) {
  const totals = { subscriptions: 0, recorded: 0, alreadyRecorded: 0, quotes: 0, rejected: 0, pages: 0 };
  const compute = (rows: Parameters<typeof recordsOfPage>[0]) => recordsOfPage(rows, window, defaultPolicy);
  for (;;) {
    const outcome = await processNextPage(client, window, shard, pageSize, compute);
    if (outcome === undefined) break;
    totals.pages += 1;
    totals.subscriptions += outcome.subscriptions;
    totals.recorded += outcome.recorded;
    totals.alreadyRecorded += outcome.alreadyRecorded;
    totals.quotes += outcome.quotes;
    totals.rejected += outcome.rejected;
  }
  return {
    window: window.id,
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    shard: `${shard.index}/${shard.count}`,
    ...totals,
  };
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

// The one place the job reads the clock: "now" is an argument everywhere else.
main(process.argv.slice(2), new Date()).catch((error: unknown) => {
  const usage =
    error instanceof UsageError ||
    (error instanceof Error && error.name === 'TypeError' && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
  console.error(`billing-job: ${error instanceof Error ? error.message : String(error)}${usage ? `\n\n${USAGE}` : ''}`);
  process.exitCode = usage ? 2 : 1;
});
