import { createHash } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReminderSchedule, getRemindersDue, quoteReactivationFee } from '../../../src/index.js';
import { freshDatabase, insertSubscriptions, query, readOutbox, runJob, runJobOk, startJob, type OutboxRow } from './database.js';
import { asSubscription, generateSubscriptions, type GeneratedSubscription } from './subscriptions.js';

// Two weeks of local days in New York (the default policy's zone), spring-forward included.
const FROM = localMidnight('2026-03-02');
const TO = localMidnight('2026-03-16');
const SUBSCRIPTIONS = generateSubscriptions(3000, '2026-01-01', 200);

describe('billing job on PostgreSQL', () => {
  beforeAll(() => {
    // The scenarios below are only as good as the reminders they expect.
    expect(expectedKeys(SUBSCRIPTIONS, FROM, TO).length).toBeGreaterThan(3000);
  });

  it('R-RM-3 R-RM-4 two jobs started at once over the same window: every due reminder in the outbox exactly once', async () => {
    const url = await seededDatabase('two_at_once', SUBSCRIPTIONS);
    const runs = await Promise.all([1, 2].map(() => startJob(url, ['--from', FROM, '--to', TO, '--page-size', '100']).done));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);

    const outbox = await readOutbox(url);
    expect(outbox.map((row) => row.key)).toEqual(expectedKeys(SUBSCRIPTIONS, FROM, TO));
    // Each reminder was inserted by exactly one of the two runs.
    expect(runs.flatMap((run) => run.windows).reduce((sum, window) => sum + window.recorded, 0)).toBe(outbox.length);
    expectEachRecordedInItsWindow(outbox);
  });

  it('R-RM-4 two default runs at once continue from the last window without overlapping or leaving a gap', async () => {
    const middle = localMidnight('2026-03-09');
    const url = await seededDatabase('default_windows', SUBSCRIPTIONS);
    await runJobOk(url, ['--from', FROM, '--to', middle]);
    // Both runs find [FROM, middle) done; the advisory lock lets one open [middle, TO), the
    // other then finds it open and helps to finish it instead of opening its own.
    const runs = await Promise.all([1, 2].map(() => startJob(url, ['--to', TO, '--page-size', '100']).done));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);

    const windows = await query<{ from_at: Date; to_at: Date; done: boolean }>(
      url,
      'SELECT from_at, to_at, completed_at IS NOT NULL AS done FROM billing_windows ORDER BY from_at',
    );
    expect(windows.map((w) => [w.from_at.toISOString(), w.to_at.toISOString(), w.done])).toEqual([
      [FROM, middle, true],
      [middle, TO, true],
    ]);
    expect((await readOutbox(url)).map((row) => row.key)).toEqual(expectedKeys(SUBSCRIPTIONS, FROM, TO));
  });

  it("R-FEE-2 R-IN-4 records today's reactivation and recovery quotes, and the rows the library refuses", async () => {
    const url = await seededDatabase('quotes', SUBSCRIPTIONS);
    const [summary] = (await runJobOk(url, ['--from', FROM, '--to', TO])).windows;

    const expected = expectedQuotes(SUBSCRIPTIONS, TO);
    const quotes = await query<{ subscription_id: string; kind: string; fee: string; total: string }>(
      url,
      'SELECT subscription_id, kind, fee::text, total::text FROM fee_quotes ORDER BY subscription_id',
    );
    expect(quotes).toEqual(expected.quotes);
    expect(quotes.length).toBeGreaterThan(500);
    const rejected = await query<{ subscription_id: string; code: string; path: string }>(
      url,
      'SELECT subscription_id, code, path FROM rejected_subscriptions ORDER BY subscription_id',
    );
    expect(rejected).toEqual(expected.rejected);
    expect(rejected.length).toBeGreaterThan(0);
    expect(summary).toMatchObject({ subscriptions: SUBSCRIPTIONS.length, quotes: quotes.length, rejected: rejected.length });
  });

  it('R-RM-4 a job killed with SIGKILL in the middle, then run again: every due reminder exactly once, none missing', async () => {
    const url = await seededDatabase('killed', SUBSCRIPTIONS);
    const killed = startJob(url, ['--from', FROM, '--to', TO, '--page-size', '10']);
    await waitFor(
      async () => (await query<{ pages: number }>(url, 'SELECT pages FROM billing_windows'))[0]?.pages ?? 0,
      (pages) => pages >= 5,
    );
    killed.child.kill('SIGKILL');
    expect((await killed.done).signal).toBe('SIGKILL');

    const [left] = await query<{ pages: number; done: boolean }>(
      url,
      'SELECT pages, completed_at IS NOT NULL AS done FROM billing_windows',
    );
    expect(left?.done, 'the job finished before it was killed: make the page size smaller').toBe(false);
    const before = (await readOutbox(url)).length;
    const expected = expectedKeys(SUBSCRIPTIONS, FROM, TO);
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(expected.length);

    // What cron runs the next night (with "now" pinned to TO): no --from, so the killed
    // window is found unfinished and resumed from its last committed page.
    const again = await runJobOk(url, ['--to', TO, '--page-size', '10']);
    expect(again.windows).toHaveLength(1);
    expect(again.windows[0]).toMatchObject({ from: FROM, to: TO, alreadyRecorded: 0, recorded: expected.length - before });
    expect((await readOutbox(url)).map((row) => row.key)).toEqual(expected);

    // And once done, running the same window again on purpose reads it all again and records nothing twice.
    const third = await runJobOk(url, ['--from', FROM, '--to', TO]);
    expect(third.windows[0]).toMatchObject({
      rerun: true,
      subscriptions: SUBSCRIPTIONS.length,
      recorded: 0,
      alreadyRecorded: expected.length,
    });
    expect((await readOutbox(url)).map((row) => row.key)).toEqual(expected);
  });

  it('R-TZ-1 R-RM-4 one-day windows across spring forward (23 h), fall back (25 h) and month ends: nothing missed, nothing repeated', async () => {
    const subscriptions = generateSubscriptions(1500, '2026-03-01', 300);
    const url = await seededDatabase('local_days', subscriptions);
    const runs = [
      ['2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10'],
      ['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02'],
      ['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02', '2026-11-03'],
    ];
    const hours = (day: string) => (Date.parse(localMidnight(nextDay(day))) - Date.parse(localMidnight(day))) / 3_600_000;
    expect([hours('2026-03-08'), hours('2026-03-31'), hours('2026-11-01')]).toEqual([23, 24, 25]);

    for (const days of runs) {
      // The first night of each stretch names its start; each later night runs with --to
      // only, so its window starts where the previous one ended.
      await runJobOk(url, ['--from', localMidnight(days[0] as string), '--to', localMidnight(days[1] as string)]);
      for (const day of days.slice(2)) await runJobOk(url, ['--to', localMidnight(day)]);
    }

    const outbox = await readOutbox(url);
    const covered = runs.map((days) => [localMidnight(days[0] as string), localMidnight(days.at(-1) as string)] as const);
    const fromSchedule = subscriptions
      .flatMap((s) => getReminderSchedule(asSubscription(s)))
      .filter((reminder) =>
        covered.some(([from, to]) => Date.parse(from) <= reminder.sendAt.getTime() && reminder.sendAt.getTime() < Date.parse(to)),
      )
      .map((reminder) => reminder.key)
      .sort();
    expect(outbox.map((row) => row.key)).toEqual(fromSchedule);
    expectEachRecordedInItsWindow(outbox);
    // Every local day had reminders, so none of the windows was vacuous.
    const windows = await query<{ from_at: Date; n: string }>(
      url,
      'SELECT w.from_at, count(o.key) AS n FROM billing_windows w LEFT JOIN reminder_outbox o ON o.window_id = w.id GROUP BY w.id ORDER BY w.from_at',
    );
    expect(windows).toHaveLength(10);
    for (const window of windows) expect(Number(window.n), window.from_at.toISOString()).toBeGreaterThan(0);
  });

  it('R-RM-4 four workers with --shard i/4 in parallel: the same outbox as one worker', async () => {
    const [sharded, single] = await Promise.all([
      seededDatabase('four_shards', SUBSCRIPTIONS),
      seededDatabase('one_worker', SUBSCRIPTIONS),
    ]);
    const workers = await Promise.all(
      [0, 1, 2, 3].map((i) => startJob(sharded, ['--from', FROM, '--to', TO, '--shard', `${i}/4`, '--page-size', '200']).done),
    );
    for (const worker of workers) expect(worker.code, worker.stderr).toBe(0);
    await runJobOk(single, ['--from', FROM, '--to', TO]);

    const withoutWindow = (rows: OutboxRow[]) =>
      rows.map(({ key, subscriptionId, channel, date, sendAt }) => ({ key, subscriptionId, channel, date, sendAt }));
    const shardedOutbox = await readOutbox(sharded);
    expect(withoutWindow(shardedOutbox)).toEqual(withoutWindow(await readOutbox(single)));
    expect(shardedOutbox.map((row) => row.key)).toEqual(expectedKeys(SUBSCRIPTIONS, FROM, TO));
    // Each subscription was read by exactly one worker, the one its stable hash names.
    const summaries = workers.map((worker) => worker.windows[0]);
    expect(summaries.reduce((sum, summary) => sum + (summary?.subscriptions ?? 0), 0)).toBe(SUBSCRIPTIONS.length);
    for (const summary of summaries) expect(summary?.recorded).toBeGreaterThan(0);
    const read = await query<{ subscription_id: string; shard: string }>(
      sharded,
      "SELECT DISTINCT o.subscription_id, w.shard_index || '/' || w.shard_count AS shard FROM reminder_outbox o JOIN billing_windows w ON w.id = o.window_id",
    );
    for (const { subscription_id: id, shard } of read) expect(shard, id).toBe(`${stableShard(id, 4)}/4`);
  });
});

describe('billing job options', () => {
  it('R-IN-2 refuses a bad shard, page size, an instant without an offset or an empty window with exit code 2, before connecting', async () => {
    const unreachable = 'postgres://nobody@127.0.0.1:1/none';
    for (const args of [
      ['--shard', '4/4'],
      ['--page-size', '0'],
      ['--from', '2026-03-08T00:00:00'],
      ['--from', TO, '--to', FROM],
    ]) {
      const result = await runJob(unreachable, args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^billing-job: .*(--shard|--page-size|--from)/);
    }
  });
  it('--help says what shards are (ranges of the stable id hash) and exits 0 without a database', async () => {
    const help = await runJob('', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      /--shard i\/N +only the subscriptions whose stable id hash \(shard_hash, in schema.sql\)\n\s+falls in the i-th of N equal ranges/,
    );
    expect(help.stdout).not.toMatch(/modulo/);
    for (const command of [
      'init',
      'retry-rejected',
      '--policy FILE',
      '--max-lateness D',
      '--connect-timeout D',
      '--statement-timeout D',
      '--idle-timeout D',
    ])
      expect(help.stdout).toContain(command);
  });
});

async function seededDatabase(name: string, subscriptions: readonly GeneratedSubscription[]): Promise<string> {
  const url = await freshDatabase(`billing_${name}`);
  await insertSubscriptions(url, subscriptions);
  return url;
}

/** The keys of every reminder due in [from, to), straight from the library, sorted. */
function expectedKeys(subscriptions: readonly GeneratedSubscription[], from: string, to: string): string[] {
  return subscriptions.flatMap((s) => getRemindersDue(asSubscription(s), { from, to }).map((reminder) => reminder.key)).sort();
}

function expectedQuotes(subscriptions: readonly GeneratedSubscription[], now: string) {
  const quotes: { subscription_id: string; kind: string; fee: string; total: string }[] = [];
  const rejected: { subscription_id: string; code: string; path: string }[] = [];
  for (const s of [...subscriptions].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    try {
      const quote = quoteReactivationFee(asSubscription(s), now);
      if (quote.kind === 'reactivation' || quote.kind === 'recovery') {
        quotes.push({ subscription_id: s.id, kind: quote.kind, fee: quote.fee.amount, total: quote.total.amount });
      }
    } catch (error) {
      const { code, path } = error as { code: string; path: string };
      rejected.push({ subscription_id: s.id, code, path });
    }
  }
  return { quotes, rejected };
}

/** Every reminder was recorded by a window [from, to) that holds its sendAt. */
function expectEachRecordedInItsWindow(outbox: readonly OutboxRow[]): void {
  const outside = outbox.filter((row) => !(row.windowFrom <= row.sendAt && row.sendAt < row.windowTo));
  expect(outside).toEqual([]);
}

/** The instant a local date starts in New York, as an ISO string in UTC. */
function localMidnight(date: string): string {
  return new Date(Temporal.PlainDate.from(date).toZonedDateTime('America/New_York').epochMilliseconds).toISOString();
}

function nextDay(date: string): string {
  return Temporal.PlainDate.from(date).add({ days: 1 }).toString();
}

/** The shard of an id, as schema.sql defines it: i where ⌊i·2³¹/N⌋ ≤ (first 31 bits of its MD5) < ⌊(i+1)·2³¹/N⌋. */
function stableShard(id: string, count: number): number {
  const hash = Number.parseInt(createHash('md5').update(id).digest('hex').slice(0, 8), 16) & 0x7fffffff;
  return Array.from({ length: count }, (_, i) => i).findIndex(
    (i) => Math.floor((i * 2 ** 31) / count) <= hash && hash < Math.floor(((i + 1) * 2 ** 31) / count),
  );
}

async function waitFor<T>(read: () => Promise<T>, ready: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 2000; attempt += 1) {
    const value = await read();
    if (ready(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('timed out waiting for the job');
}
