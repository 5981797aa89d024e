import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definePolicy, getReminderSchedule, getRemindersDue } from '../../../src/index.js';
import { backoffDelay } from '../src/pace.js';
import { outcomeOfStatus, retryAfterOf } from '../src/transport.js';
import { freshDatabase, insertSubscriptions, type ProgramResult, query, runJobOk, startProgram } from './database.js';
import { NO_FAULTS, seeded, startSink, type Sink, type SinkFaults } from './sink.js';
import { asSubscription, generateSubscriptions, type GeneratedSubscription } from './subscriptions.js';

const SEND = join(__dirname, '..', 'dist', 'send.cjs');
// Two weeks of local days in New York (the default policy's zone), long past: all due.
const FROM = '2026-03-02T05:00:00.000Z';
const TO = '2026-03-16T04:00:00.000Z';
const SUBSCRIPTIONS = generateSubscriptions(3000, '2026-01-01', 200);
// Half of them: about 2,400 reminders, thousands yet quick on a busy machine.
const HALF = SUBSCRIPTIONS.slice(0, 1500);
// A provider on a bad day: about one request in six fails, a third of those after the
// reminder was accepted; one in ten is slow.
const BAD_DAY: SinkFaults = { serverError: 0.06, silent: 0.02, dropBefore: 0.03, dropAfter: 0.03, slow: 0.1, slowMs: 250 };
// Short timings so a test takes seconds: a request times out after 300 ms, a claim holds 4 s.
const FAST = ['--timeout', '300ms', '--lease', '4s', '--backoff-base', '50ms', '--backoff-max', '400ms', '--max-attempts', '50'];

describe('outbox sender on PostgreSQL', () => {
  it('R-RM-3 R-RM-4 senders SIGKILLed at random and restarted: every due reminder sent, the sink saw exactly the due keys, none early', async () => {
    const url = await seededDatabase('send_killed', HALF);
    const future = await addFutureReminders(url);
    const due = expectedKeys(HALF, FROM, TO);
    expect(due.length).toBeGreaterThan(2000);
    const sink = await startSink(BAD_DAY, seeded(25));
    const random = seeded(2525);
    try {
      let kills = 0;
      for (let round = 0; round < 20; round += 1) {
        const sender = startSender(url, ['--webhook', sink.url, ...FAST, '--batch-size', '50']);
        // Killed at a random moment once it is delivering (a busy machine starts it slowly).
        const requestsBefore = sink.requests.length;
        await waitFor(
          async () => sink.requests.length,
          (n) => n > requestsBefore,
          20_000,
        );
        await new Promise((resolve) => setTimeout(resolve, random() * 800));
        sender.child.kill('SIGKILL');
        const ended = await sender.done;
        if (ended.signal === 'SIGKILL') kills += 1;
        else expect(ended.code, ended.stderr).toBe(0);
      }
      const sentBeforeTheLastRun = await countWhere(url, 'sent_at IS NOT NULL');
      // The killed senders' claims run out (2 s); then runs to the end, as cron would start them.
      const finals = await untilNothingOpen(url, () => runSenderOk(url, ['--webhook', sink.url, ...FAST, '--batch-size', '50']));

      const sent = await query<{ key: string }>(url, 'SELECT key FROM reminder_outbox WHERE sent_at IS NOT NULL ORDER BY key');
      expect(sent.map((row) => row.key)).toEqual(due);
      expect([...sink.accepted.keys()].sort()).toEqual(due);
      expect(await countWhere(url, 'failed_at IS NOT NULL OR skipped_at IS NOT NULL')).toBe(0);
      // Not yet due: never sent, never even tried.
      const tried = new Set(sink.requests.map((request) => request.key));
      expect(future.filter((key) => tried.has(key))).toEqual([]);
      expect(await countWhere(url, 'sent_at IS NULL')).toBe(future.length);
      // Never before its time, and always with its key as the idempotency key (the sink checks).
      expect(sink.requests.filter((request) => request.at < Date.parse(request.body.sendAt))).toEqual([]);

      const deliveries = [...sink.accepted.values()].reduce((sum, n) => sum + n, 0);
      const repeats = deliveries - due.length;
      const lostAnswers = answersLost(sink);
      // Each repeat is a reminder accepted whose acceptance the sender never learnt (a dropped
      // or late answer) or never recorded (killed between the answer and the mark: at most
      // the deliveries in flight, 8, per kill).
      expect(repeats).toBeLessThanOrEqual(lostAnswers + kills * 8);
      expect(kills).toBeGreaterThanOrEqual(15);
      expect(sentBeforeTheLastRun).toBeGreaterThan(0);
      expect(sentBeforeTheLastRun, 'the senders finished before they were killed').toBeLessThan(due.length);
      console.log(
        `sender kills: ${kills} SIGKILLs survived; ${due.length} due, ${deliveries} accepted deliveries, ${repeats} repeats ` +
          `(${lostAnswers} answers lost or late), ${sink.requests.length} requests; ${finals} final runs`,
      );
    } finally {
      await sink.close();
    }
  });

  it('four senders at once: each due reminder accepted exactly once (no crash, no lost answer: no repeat)', async () => {
    const subscriptions = SUBSCRIPTIONS.slice(0, 750);
    const url = await seededDatabase('send_four', subscriptions);
    const due = expectedKeys(subscriptions, FROM, TO);
    // Failures the sender sees (5xx, no answer, a dropped connection), none after an
    // acceptance; slow answers, but well within a generous timeout.
    const sink = await startSink({ ...BAD_DAY, dropAfter: 0, silent: 0.005 }, seeded(4));
    const args = ['--webhook', sink.url, ...FAST, '--timeout', '3s', '--lease', '30s', '--batch-size', '25', '--concurrency', '4'];
    try {
      const started = performance.now();
      const senders = await Promise.all([1, 2, 3, 4].map(() => startSender(url, args).done));
      for (const sender of senders) expect(sender.code, sender.stderr).toBe(0);
      const seconds = (performance.now() - started) / 1000;
      await untilNothingOpen(url, () => runSenderOk(url, args));

      expect([...sink.accepted.keys()].sort()).toEqual(due);
      const repeated = [...sink.accepted.entries()].filter(([, n]) => n > 1);
      // A repeat needs an answer lost on the way back; with none lost, there is none.
      expect(repeated.length).toBeLessThanOrEqual(answersLost(sink));
      expect(answersLost(sink)).toBe(0);
      expect(repeated).toEqual([]);
      const summaries = senders.map((sender) => summaryOf(sender.stderr));
      for (const summary of summaries) expect(summary.delivered).toBeGreaterThan(0);
      const retried = summaries.reduce((sum, summary) => sum + summary.retried, 0);
      expect(retried).toBeGreaterThan(0);
      expect(await countWhere(url, 'sent_at IS NULL')).toBe(0);
      console.log(
        `sender four at once: ${due.length} due, each accepted once; ${retried} retried; ` +
          `${summaries.map((summary) => summary.delivered).join(' + ')} delivered in ${seconds.toFixed(1)} s (wall, with process start)`,
      );
    } finally {
      await sink.close();
    }
  });

  it('a provider down for a while: backoff grows, rows fail visibly after the last attempt, and are requeued and sent', async () => {
    const subscriptions = SUBSCRIPTIONS.slice(0, 20);
    const url = await seededDatabase('send_down', subscriptions);
    const due = expectedKeys(subscriptions, FROM, TO);
    expect(due.length).toBeGreaterThan(10);
    const sink = await startSink(NO_FAULTS, seeded(5));
    try {
      sink.down = true;
      const args = ['--webhook', sink.url, '--timeout', '300ms', '--lease', '4s', '--backoff-base', '300ms', '--backoff-max', '5s'];
      const follower = startSender(url, [...args, '--max-attempts', '5', '--follow', '--poll', '20ms']);
      await waitFor(
        () => countWhere(url, 'failed_at IS NOT NULL'),
        (failed) => failed === due.length,
        20_000,
      );
      follower.child.kill('SIGTERM');
      const stopped = await follower.done;
      expect(stopped.code, stopped.stderr).toBe(0);
      expect(summaryOf(stopped.stderr)).toMatchObject({ delivered: 0, failed: due.length, retried: due.length * 4 });

      // Each key was tried 5 times; the waits between tries grow (150–300, 300–600, 600–1200,
      // 1200–2400 ms, plus the time a pass over the rows takes on a busy machine).
      // No attempt comes before its wait: the shortest allowed wait doubles each time.
      for (const key of due) {
        for (const i of [0, 1, 2, 3]) expect(attemptGap(sink, key, i), `${key} wait ${i + 1}`).toBeGreaterThanOrEqual((300 * 2 ** i) / 2);
      }
      const gaps = [0, 1, 2, 3].map((i) => Math.round(average(due.map((key) => attemptGap(sink, key, i)))));
      // (The first wait also holds the first pass's cold start: compare with the second.)
      expect(gaps[3], gaps.join(', ')).toBeGreaterThan(gaps[1] as number);
      console.log(`sender backoff: average waits between attempts ${gaps.join(', ')} ms`);
      expect(sink.accepted.size).toBe(0);

      const listed = await runSenderOk(url, ['failed']);
      const failed = listed.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { key: string; attempts: number; lastError: string });
      expect(failed.map((row) => row.key).sort()).toEqual(due);
      for (const row of failed) expect(row).toMatchObject({ attempts: 5, lastError: 'HTTP 503 Service Unavailable' });
      // Nothing happens to failed rows on their own.
      expect(summaryOf((await runSenderOk(url, args)).stderr)).toMatchObject({ delivered: 0, batches: 0 });

      // The provider is back, but refuses one recipient for good (422): that row fails at once.
      sink.down = false;
      const refused = due[0] as string;
      sink.refuse.add(refused);
      expect(summaryOf((await runSenderOk(url, ['requeue'])).stderr)).toEqual({ requeued: due.length });
      expect(summaryOf((await runSenderOk(url, args)).stderr)).toMatchObject({ delivered: due.length - 1, failed: 1 });
      expect(await query(url, 'SELECT key, attempts, last_error FROM reminder_outbox WHERE failed_at IS NOT NULL')).toEqual([
        { key: refused, attempts: 1, last_error: 'HTTP 422 Unprocessable Entity' },
      ]);
      // Fixed at the provider: requeue that one row by its key.
      sink.refuse.clear();
      expect(summaryOf((await runSenderOk(url, ['requeue', '--key', refused])).stderr)).toEqual({ requeued: 1 });
      expect(summaryOf((await runSenderOk(url, args)).stderr)).toMatchObject({ delivered: 1, failed: 0 });
      expect([...sink.accepted.keys()].sort()).toEqual(due);
    } finally {
      await sink.close();
    }
  });

  it('R-RM-5 R-RM-3 renewed, extended and deleted subscriptions: their reminders are skipped with the reason, never sent', async () => {
    const subscriptions = SUBSCRIPTIONS.slice(0, 600);
    const url = await seededDatabase('send_obsolete', subscriptions);
    const due = expectedKeys(subscriptions, FROM, TO);
    const withDue = [...new Set(due.map((key) => key.slice(0, key.indexOf(':'))))];
    const renewed = withDue.filter((_, i) => i % 10 === 1);
    const extended = withDue.filter((_, i) => i % 10 === 2);
    const deleted = withDue.filter((_, i) => i % 10 === 3);
    await query(
      url,
      "UPDATE subscriptions SET expiration_date = expiration_date + interval '1 year', extension_ends_on = NULL WHERE id = ANY($1)",
      [renewed],
    );
    await query(url, 'UPDATE subscriptions SET extension_ends_on = coalesce(extension_ends_on, expiration_date) + 10 WHERE id = ANY($1)', [
      extended,
    ]);
    await query(url, 'DELETE FROM subscriptions WHERE id = ANY($1)', [deleted]);
    // What the library says now, subscription by subscription, is what must still go out.
    const now = await query<{ id: string; expiration_date: string; extension_ends_on: string | null }>(
      url,
      "SELECT id, to_char(expiration_date, 'YYYY-MM-DD') AS expiration_date, to_char(extension_ends_on, 'YYYY-MM-DD') AS extension_ends_on FROM subscriptions",
    );
    const scheduled = new Set(
      subscriptions
        .flatMap((s) => {
          const row = now.find((r) => r.id === s.id);
          return row === undefined
            ? []
            : getReminderSchedule(asSubscription({ ...s, expirationDate: row.expiration_date, extensionEndsOn: row.extension_ends_on }));
        })
        .map((reminder) => reminder.key),
    );
    const stillDue = due.filter((key) => scheduled.has(key));
    const obsolete = due.filter((key) => !scheduled.has(key));

    const sink = await startSink(NO_FAULTS, seeded(6));
    try {
      const summary = summaryOf((await runSenderOk(url, ['--webhook', sink.url, ...FAST])).stderr);
      expect(summary).toMatchObject({ delivered: stillDue.length, skipped: obsolete.length, failed: 0 });
      expect([...sink.accepted.keys()].sort()).toEqual(stillDue);
      const skipped = await query<{ key: string; skip_reason: string }>(
        url,
        'SELECT key, skip_reason FROM reminder_outbox WHERE skipped_at IS NOT NULL ORDER BY key',
      );
      expect(skipped.map((row) => row.key)).toEqual(obsolete);
      const reasonOf = (ids: readonly string[]) =>
        new Set(skipped.filter((row) => ids.includes(row.key.slice(0, row.key.indexOf(':')))).map((row) => row.skip_reason.split(':')[0]));
      expect(reasonOf(renewed)).toEqual(new Set(['renewed']));
      expect(reasonOf(extended)).toEqual(new Set(['extended']));
      expect(reasonOf(deleted)).toEqual(new Set(['deleted']));
      // Every changed subscription lost at least one reminder, and no unchanged one did.
      const changed = new Set([...renewed, ...extended, ...deleted]);
      expect(new Set(obsolete.map((key) => key.slice(0, key.indexOf(':'))))).toEqual(changed);
      console.log(
        `sender obsolete: ${obsolete.length} skipped (${renewed.length} renewed, ${extended.length} extended, ${deleted.length} deleted subscriptions), ${stillDue.length} sent`,
      );
    } finally {
      await sink.close();
    }
  });

  it('R-RM-1 checks each reminder under the policy its window recorded, not the default one', async () => {
    // Emails every day from 10 days before to 2 days after expiry, nothing else: under the
    // default policy most of these keys are in no schedule.
    const overrides = { reminders: { cadences: [{ channel: 'email', cadence: 'daily', from: -10, through: 2 }] } };
    const file = join(tmpdir(), `billing-send-policy-${process.pid}.json`);
    writeFileSync(file, JSON.stringify(overrides));
    const subscriptions = SUBSCRIPTIONS.slice(0, 200);
    const url = await freshDatabase('billing_send_policy');
    await insertSubscriptions(url, subscriptions);
    await runJobOk(url, ['--from', FROM, '--to', TO, '--policy', file]);
    const policy = definePolicy(overrides as never);
    const due = subscriptions.flatMap((s) => getRemindersDue(asSubscription(s), { from: FROM, to: TO }, policy).map((r) => r.key)).sort();
    const underDefault = new Set(subscriptions.flatMap((s) => getReminderSchedule(asSubscription(s)).map((r) => r.key)));
    expect(due.filter((key) => !underDefault.has(key)).length).toBeGreaterThan(due.length / 3);

    const sink = await startSink(NO_FAULTS, seeded(9));
    try {
      const summary = summaryOf((await runSenderOk(url, ['--webhook', sink.url, ...FAST])).stderr);
      expect(summary).toMatchObject({ delivered: due.length, skipped: 0, failed: 0 });
      expect([...sink.accepted.keys()].sort()).toEqual(due);
    } finally {
      await sink.close();
    }
  });

  it('R-IN-5 a subscription the library now refuses: its reminders fail with the refusal, and go once fixed and requeued', async () => {
    const subscriptions = SUBSCRIPTIONS.slice(0, 50);
    const url = await seededDatabase('send_refused', subscriptions);
    const due = expectedKeys(subscriptions, FROM, TO);
    const broken = due[0]?.split(':')[0] as string;
    const ofBroken = due.filter((key) => key.startsWith(`${broken}:`));
    const [row] = await query<{ expiration_date: string }>(
      url,
      "SELECT to_char(expiration_date, 'YYYY-MM-DD') AS expiration_date FROM subscriptions WHERE id = $1",
      [broken],
    );
    await query(url, "UPDATE subscriptions SET expiration_date = '3100-01-01', extension_ends_on = NULL WHERE id = $1", [broken]);
    const sink = await startSink(NO_FAULTS, seeded(10));
    try {
      const first = summaryOf((await runSenderOk(url, ['--webhook', sink.url, ...FAST])).stderr);
      expect(first).toMatchObject({ delivered: due.length - ofBroken.length, failed: ofBroken.length, skipped: 0 });
      const failed = await query<{ key: string; last_error: string }>(
        url,
        'SELECT key, last_error FROM reminder_outbox WHERE failed_at IS NOT NULL ORDER BY key',
      );
      expect(failed.map((f) => f.key)).toEqual(ofBroken);
      for (const f of failed)
        expect(f.last_error).toMatch(/^the subscription is refused \(date-out-of-range at subscription\.expirationDate\)/);
      // Fixed, then requeued: they go.
      await query(url, 'UPDATE subscriptions SET expiration_date = $2 WHERE id = $1', [broken, row?.expiration_date]);
      expect(summaryOf((await runSenderOk(url, ['requeue'])).stderr)).toEqual({ requeued: ofBroken.length });
      expect(summaryOf((await runSenderOk(url, ['--webhook', sink.url, ...FAST])).stderr)).toMatchObject({ delivered: ofBroken.length });
      expect([...sink.accepted.keys()].sort()).toEqual(due);
    } finally {
      await sink.close();
    }
  });

  it('--follow: SIGTERM finishes the batch in hand, releases nothing half-done, and exits 0 with its summary', async () => {
    const subscriptions = SUBSCRIPTIONS.slice(0, 100);
    const url = await seededDatabase('send_sigterm', subscriptions);
    const due = expectedKeys(subscriptions, FROM, TO);
    const sink = await startSink({ ...NO_FAULTS, slow: 1, slowMs: 100 }, seeded(7));
    try {
      const follower = startSender(url, [
        '--webhook',
        sink.url,
        ...FAST,
        '--lease',
        '20s',
        '--follow',
        '--batch-size',
        '20',
        '--concurrency',
        '2',
      ]);
      await waitFor(
        async () => sink.requests.length,
        (n) => n > 0,
        20_000,
      );
      follower.child.kill('SIGTERM');
      const stopped = await follower.done;
      expect(stopped.code, stopped.stderr).toBe(0);
      const summary = summaryOf(stopped.stderr);
      expect(summary.delivered).toBeGreaterThanOrEqual(20);
      expect(summary.delivered).toBeLessThan(due.length);
      expect(summary.delivered % 20).toBe(0);
      expect(await countWhere(url, 'sent_at IS NOT NULL')).toBe(summary.delivered);
      expect(await countWhere(url, 'claimed_until IS NOT NULL AND sent_at IS NULL')).toBe(0);
    } finally {
      await sink.close();
    }
  });

  it('--stdout writes each due reminder as one JSON line; --rate caps each channel', async () => {
    const subscriptions = SUBSCRIPTIONS.slice(0, 30);
    const url = await seededDatabase('send_stdout', subscriptions);
    const due = expectedKeys(subscriptions, FROM, TO);
    const result = await runSenderOk(url, ['--stdout', '--rate', '40']);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { key: string; channel: string; attempt: number });
    expect(lines.map((line) => line.key).sort()).toEqual(due);
    expect(lines.every((line) => line.attempt === 1)).toBe(true);
    const busiest = Math.max(...['email', 'sms', 'phone'].map((channel) => lines.filter((line) => line.channel === channel).length));
    // 40 a second per channel: the busiest channel's n deliveries take at least (n − 1) / 40 s.
    expect(summaryOf(result.stderr).seconds).toBeGreaterThanOrEqual((busiest - 1) / 40 - 0.01);
    expect(await countWhere(url, 'sent_at IS NULL')).toBe(0);
  });

  it('--stdout whose reader goes away: one line on stderr, exit code 1, and the next run sends the rest', async () => {
    const subscriptions = SUBSCRIPTIONS.slice(0, 300);
    const url = await seededDatabase('send_stdout_closed', subscriptions);
    const due = expectedKeys(subscriptions, FROM, TO);
    const sender = startSender(url, ['--stdout', '--rate', '50']);
    // The reader takes what is there once the first line came, then closes its end.
    await new Promise<void>((resolve) => sender.child.stdout?.once('data', () => resolve()));
    sender.child.stdout?.destroy();
    const stopped = await sender.done;
    expect(stopped.code, stopped.stderr).toBe(1);
    expect(stopped.stderr.trim().split('\n')).toHaveLength(1);
    expect(stopped.stderr).toMatch(/^billing-job send: standard output failed: .*EPIPE/);
    const sentFirst = await countWhere(url, 'sent_at IS NOT NULL');
    expect(sentFirst).toBeGreaterThan(0);
    expect(sentFirst).toBeLessThan(due.length);
    // What the first run could not write is still to send: the next run writes exactly that.
    const again = await runSenderOk(url, ['--stdout']);
    expect(again.stdout.trim().split('\n')).toHaveLength(due.length - sentFirst);
    expect(await countWhere(url, 'sent_at IS NULL')).toBe(0);
  });

  it('throughput: one sender against a sink without faults', async () => {
    const url = await seededDatabase('send_throughput', SUBSCRIPTIONS);
    const due = expectedKeys(SUBSCRIPTIONS, FROM, TO);
    const sink = await startSink(NO_FAULTS, seeded(8));
    try {
      const summary = summaryOf((await runSenderOk(url, ['--webhook', sink.url, '--batch-size', '200', '--concurrency', '16'])).stderr);
      expect(summary.delivered).toBe(due.length);
      expect([...sink.accepted.values()].filter((n) => n !== 1)).toEqual([]);
      console.log(
        `sender throughput: ${due.length} reminders in ${summary.seconds} s, ${Math.round(summary.delivered / summary.seconds)}/s`,
      );
    } finally {
      await sink.close();
    }
  });
});

describe('outbox sender options', () => {
  it('refuses a missing or doubled transport, bad durations, a lease shorter than four timeouts, with exit code 2 before connecting', async () => {
    const unreachable = 'postgres://nobody@127.0.0.1:1/none';
    for (const args of [
      [],
      ['--stdout', '--webhook', 'http://127.0.0.1:1/'],
      ['--webhook', 'ftp://example.com/'],
      ['--stdout', '--timeout', '10x'],
      ['--stdout', '--timeout', '2d'],
      ['--stdout', '--timeout', '10s', '--lease', '35s'],
      ['--stdout', '--rate', '0'],
      ['--stdout', '--key', 'a:email:2026-03-02'],
      ['resend'],
    ]) {
      const result = await runSender(unreachable, args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^billing-job send: /);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('a database it cannot reach: one line on stderr, exit code 1', async () => {
    const result = await runSender('postgres://nobody@127.0.0.1:1/none', ['--stdout']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^billing-job send: the database refused to connect.*ECONNREFUSED.*run it again/);
  });
});

describe('sender pacing and outcomes', () => {
  it('backoff: each wait is within [ceiling / 2, ceiling], the ceiling doubles from the base and stops at the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 60_000 }),
        fc.integer({ min: 0, max: 86_400_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (failures, baseMs, extraMs, roll) => {
          const backoff = { baseMs, maxMs: baseMs + extraMs };
          const ceiling = Math.min(backoff.maxMs, baseMs * 2 ** (failures - 1));
          const wait = backoffDelay(failures, backoff, () => roll);
          expect(wait).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(wait).toBeLessThanOrEqual(Math.ceil(ceiling));
          // The shortest next wait is never shorter than the longest wait now: waits grow.
          expect(backoffDelay(failures + 1, backoff, () => 0)).toBeGreaterThanOrEqual(Math.min(wait, Math.round(backoff.maxMs / 2)));
        },
      ),
    );
  });

  it('status: 2xx accepted; 408, 429 and 5xx retried; every other status a permanent failure', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), (status) => {
        const expected =
          status >= 200 && status < 300 ? 'accepted' : status === 408 || status === 429 || status >= 500 ? 'retry' : 'permanent';
        expect(outcomeOfStatus(status)).toBe(expected);
      }),
    );
    expect([200, 204, 400, 404, 408, 409, 422, 429, 500, 503, 301].map(outcomeOfStatus)).toEqual([
      'accepted',
      'accepted',
      'permanent',
      'permanent',
      'retry',
      'permanent',
      'permanent',
      'retry',
      'retry',
      'retry',
      'permanent',
    ]);
    expect([retryAfterOf('120'), retryAfterOf(' 0 '), retryAfterOf('Wed, 21 Oct 2026 07:28:00 GMT'), retryAfterOf(null)]).toEqual([
      120_000,
      0,
      undefined,
      undefined,
    ]);
  });
});

interface Summary {
  readonly delivered: number;
  readonly retried: number;
  readonly failed: number;
  readonly skipped: number;
  readonly released: number;
  readonly batches: number;
  readonly seconds: number;
}

/** Starts the built sender (examples/billing-job/dist/send.cjs) on a database. */
function startSender(url: string, args: readonly string[]) {
  return startProgram(SEND, url, args);
}

function runSender(url: string, args: readonly string[]): Promise<ProgramResult> {
  return startSender(url, args).done;
}

async function runSenderOk(url: string, args: readonly string[]): Promise<ProgramResult> {
  const result = await runSender(url, args);
  if (result.code !== 0) throw new Error(`send ${args.join(' ')} exited ${String(result.code ?? result.signal)}:\n${result.stderr}`);
  return result;
}

/** The last JSON line on stderr: the run's summary. */
function summaryOf(stderr: string): Summary & Record<string, number> {
  const line = stderr.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as Summary & Record<string, number>;
}

/** Runs `run` until no due row is open (claims of killed senders run out meanwhile); returns how many runs it took. */
async function untilNothingOpen(url: string, run: () => Promise<unknown>): Promise<number> {
  for (let runs = 1; runs <= 40; runs += 1) {
    await run();
    if ((await countWhere(url, 'sent_at IS NULL AND failed_at IS NULL AND skipped_at IS NULL AND send_at <= now()')) === 0) return runs;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('due rows still open after 40 runs');
}

async function countWhere(url: string, condition: string): Promise<number> {
  const [row] = await query<{ n: string }>(url, `SELECT count(*) AS n FROM reminder_outbox WHERE ${condition}`);
  return Number(row?.n);
}

async function seededDatabase(name: string, subscriptions: readonly GeneratedSubscription[]): Promise<string> {
  const url = await freshDatabase(`billing_${name}`);
  await insertSubscriptions(url, subscriptions);
  // runJob records every due reminder, however old (--max-lateness 3650d, test/database.ts).
  await runJobOk(url, ['--from', FROM, '--to', TO]);
  return url;
}

/**
 * Subscriptions expiring about 400 days from now, and the job run over a window of 40 days
 * around then: their reminders are in the outbox, not due for months. Returns their keys.
 */
async function addFutureReminders(url: string): Promise<string[]> {
  const day = 86_400_000;
  const today = Math.floor(Date.now() / day) * day;
  const first = new Date(today + 400 * day).toISOString().slice(0, 10);
  const future = generateSubscriptions(200, first, 20).map((s) => ({ ...s, id: `future-${s.id}` }));
  await insertSubscriptions(url, future);
  const from = new Date(today + 380 * day).toISOString();
  const to = new Date(today + 420 * day).toISOString();
  await runJobOk(url, ['--from', from, '--to', to]);
  const keys = expectedKeys(future, from, to);
  expect(keys.length).toBeGreaterThan(100);
  return keys;
}

/** The keys of every reminder due in [from, to), straight from the library, sorted. */
function expectedKeys(subscriptions: readonly GeneratedSubscription[], from: string, to: string): string[] {
  return subscriptions.flatMap((s) => getRemindersDue(asSubscription(s), { from, to }).map((reminder) => reminder.key)).sort();
}

/** Acceptances whose answer never reached the sender: dropped after the work, or later than its timeout. */
function answersLost(sink: Sink): number {
  return sink.requests.filter((request) => request.result === 'accepted-dropped' || request.result === 'accepted-unanswered').length;
}

/** Milliseconds between the sink's requests i and i + 1 for a key. */
function attemptGap(sink: Sink, key: string, i: number): number {
  const times = sink.requests.filter((request) => request.key === key).map((request) => request.at);
  return (times[i + 1] as number) - (times[i] as number);
}

function average(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

async function waitFor<T>(read: () => Promise<T>, ready: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ready(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
