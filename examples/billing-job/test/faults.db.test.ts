import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { getRemindersDue } from '../../../src/index.js';
import { freshDatabase, insertSubscriptions, type JobResult, query, readOutbox, runJob, runJobOk, startJob } from './database.js';
import { asSubscription, generateSubscriptions } from './subscriptions.js';

const FROM = '2026-03-02T05:00:00.000Z';
const TO = '2026-03-16T04:00:00.000Z';
const SUBSCRIPTIONS = generateSubscriptions(3000, '2026-01-01', 200);
const EXPECTED = SUBSCRIPTIONS.flatMap((s) => getRemindersDue(asSubscription(s), { from: FROM, to: TO }).map((r) => r.key)).sort();

/** A fault ends in exactly one line on stderr, never a stack trace. */
function expectOneLine(result: JobResult, pattern: RegExp): void {
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^billing-job: /);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/^\s+at |node:internal|Error: .*\n/m);
}

async function timedRun(url: string, args: readonly string[], env: Readonly<Record<string, string>> = {}) {
  const started = Date.now();
  const result = await runJob(url, args, env);
  return { result, seconds: (Date.now() - started) / 1000 };
}

describe('billing job faults: one line, exit 1 to retry or 2 to fix, never a hang', () => {
  it('a malformed DATABASE_URL, an unset one, another scheme, an unknown flag or command: exit 2 at once', async () => {
    for (const [url, args, pattern] of [
      ['not a url at all', ['--from', FROM], /DATABASE_URL is not a URL/],
      ['', ['--from', FROM], /set DATABASE_URL/],
      ['mysql://user@127.0.0.1/billing', ['--from', FROM], /must start with postgres:\/\//],
      ['postgres://nobody@127.0.0.1:1/none', ['--frm', FROM], /Unknown option '--frm'.*--help lists/],
      ['postgres://nobody@127.0.0.1:1/none', ['resend'], /unknown command: resend/],
      ['postgres://nobody@127.0.0.1:1/none', ['--statement-timeout', 'forever'], /--statement-timeout takes a duration/],
      ['postgres://nobody@127.0.0.1:1/none', ['--max-lateness', '-1d'], /--max-lateness/],
    ] as const) {
      const { result, seconds } = await timedRun(url, args);
      expect(result.code, `${url} ${args.join(' ')}: ${result.stderr}`).toBe(2);
      expectOneLine(result, pattern);
      expect(seconds).toBeLessThan(5);
    }
    // The environment's timeouts are checked too.
    const { result } = await timedRun('postgres://nobody@127.0.0.1:1/none', ['--from', FROM], { BILLING_JOB_CONNECT_TIMEOUT: '0' });
    expect(result.code).toBe(2);
    expectOneLine(result, /BILLING_JOB_CONNECT_TIMEOUT takes a duration/);
  });

  it('a server that accepts the connection and never answers: exit 1 within the connect timeout (flag and environment)', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const url = `postgres://billing@127.0.0.1:${port}/billing`;
      const byFlag = await timedRun(url, ['--from', FROM, '--connect-timeout', '1s']);
      expect(byFlag.result.code, byFlag.result.stderr).toBe(1);
      expectOneLine(byFlag.result, /timeout.*a fault worth retrying: run it again/i);
      expect(byFlag.seconds).toBeLessThan(6);
      expect(sockets.length).toBeGreaterThan(0);

      const byEnv = await timedRun(url, ['--from', FROM], { BILLING_JOB_CONNECT_TIMEOUT: '1500ms' });
      expect(byEnv.result.code, byEnv.result.stderr).toBe(1);
      expectOneLine(byEnv.result, /timeout/i);
      expect(byEnv.seconds).toBeLessThan(6);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('a URL without the password the server asks for: exit 2 at once, saying where the password goes', async () => {
    const url = await freshDatabase('billing_password');
    await query(url, "CREATE ROLE billing_pw LOGIN PASSWORD 'correct horse'");
    await query(url, 'GRANT ALL ON ALL TABLES IN SCHEMA public TO billing_pw');
    await query(url, 'GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO billing_pw');
    await requirePasswordFor('billing_pw');
    const withoutPassword = new URL(url);
    withoutPassword.username = 'billing_pw';
    const { result, seconds } = await timedRun(withoutPassword.href, ['--from', FROM, '--to', TO]);
    expect(result.code, result.stderr).toBe(2);
    expectOneLine(result, /the server asks for a password and none was given: put it in DATABASE_URL/);
    expect(seconds).toBeLessThan(5);

    const wrong = new URL(withoutPassword);
    wrong.password = 'wrong';
    const refused = await runJob(wrong.href, ['--from', FROM, '--to', TO]);
    expect(refused.code).toBe(2);
    expectOneLine(refused, /the database refused the connection: password authentication failed/);

    // With the password, the same role runs the night.
    wrong.password = encodeURIComponent('correct horse');
    await runJobOk(wrong.href, ['--from', FROM, '--to', TO]);
  });

  it('R-RM-4 the connection terminated mid-run (pg_terminate_backend), five times: exit 1 in one line each time, then nothing lost or doubled', async () => {
    const url = await freshDatabase('billing_terminated');
    await insertSubscriptions(url, SUBSCRIPTIONS);
    const outcomes: JobResult[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const run = startJob(url, ['--from', FROM, '--to', TO, '--page-size', '10']);
      const pagesBefore = await pages(url);
      await waitFor(async () => (await pages(url)) >= pagesBefore + 3);
      const [terminated] = await query<{ n: string }>(
        url,
        "SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE application_name = 'billing-job' AND pid <> pg_backend_pid()",
      );
      expect(terminated?.n).toBe('1');
      outcomes.push(await run.done);
    }
    for (const outcome of outcomes) {
      expect(outcome.code, outcome.stderr).toBe(1);
      expectOneLine(
        outcome,
        /(terminat|connection to the database was lost).*a fault worth retrying: run it again, it resumes where it stopped/i,
      );
    }
    const before = (await readOutbox(url)).length;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(EXPECTED.length);
    const again = await runJobOk(url, ['--to', TO]);
    expect(again.windows[0]).toMatchObject({ alreadyRecorded: 0, recorded: EXPECTED.length - before });
    expect((await readOutbox(url)).map((row) => row.key)).toEqual(EXPECTED);
  });

  it('R-RM-4 standard output closed by its reader: exit 1 in one line, never a stack trace, and the work is recorded', async () => {
    const url = await freshDatabase('billing_stdout_closed');
    await insertSubscriptions(url, SUBSCRIPTIONS);
    const run = startJob(url, ['--from', FROM, '--to', TO]);
    run.child.stdout?.destroy();
    const outcome = await run.done;
    expect(outcome.code, outcome.stderr).toBe(1);
    expectOneLine(outcome, /cannot write to standard output \(EPIPE\); the work so far is recorded/);
    expect((await readOutbox(url)).map((row) => row.key)).toEqual(EXPECTED);
  });

  it('R-RM-4 the server restarted mid-run: exit 1 in one line, then the next run completes with nothing lost or doubled', async () => {
    const url = await freshDatabase('billing_restarted');
    await insertSubscriptions(url, SUBSCRIPTIONS);
    const run = startJob(url, ['--from', FROM, '--to', TO, '--page-size', '10']);
    await waitFor(async () => (await pages(url)) >= 5);
    await restartServer();
    const outcome = await run.done;
    expect(outcome.code, outcome.stderr).toBe(1);
    expectOneLine(outcome, /a fault worth retrying/);

    const before = (await readOutbox(url)).length;
    expect(before).toBeLessThan(EXPECTED.length);
    const again = await runJobOk(url, ['--to', TO]);
    expect(again.windows[0]).toMatchObject({ alreadyRecorded: 0, recorded: EXPECTED.length - before });
    expect((await readOutbox(url)).map((row) => row.key)).toEqual(EXPECTED);
  });

  it('R-RM-4 a job frozen mid-transaction (SIGSTOP): the idle timeout ends its session and frees its window; woken, it exits 1 in one line', async () => {
    const url = await freshDatabase('billing_frozen');
    await insertSubscriptions(url, SUBSCRIPTIONS);
    const frozen = startJob(url, ['--from', FROM, '--to', TO, '--page-size', '10', '--idle-timeout', '1s']);
    await waitFor(async () => (await pages(url)) >= 3);
    // Stop it until it is caught inside a page's transaction.
    const jobState = async () =>
      (await query<{ state: string }>(url, "SELECT state FROM pg_stat_activity WHERE application_name = 'billing-job'"))[0]?.state;
    let caught = false;
    for (let attempt = 0; attempt < 200 && !caught; attempt += 1) {
      frozen.child.kill('SIGSTOP');
      await new Promise((resolve) => setTimeout(resolve, 20));
      caught = (await jobState()) === 'idle in transaction';
      if (!caught) frozen.child.kill('SIGCONT');
    }
    expect(caught, 'never caught the job inside a transaction').toBe(true);
    // The server ends the frozen session after a second; its locks go with it.
    const stoppedAt = Date.now();
    await waitFor(async () => (await jobState()) === undefined);
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    const next = await runJobOk(url, ['--to', TO]);
    frozen.child.kill('SIGCONT');
    const woken = await frozen.done;
    expect(woken.code, woken.stderr).toBe(1);
    expectOneLine(woken, /a fault worth retrying/);
    expect(next.windows[0]?.alreadyRecorded).toBe(0);
    expect((await readOutbox(url)).map((row) => row.key)).toEqual(EXPECTED);
  });

  it('a statement slower than the statement timeout (flag and environment): exit 1 in one line, not a wait', async () => {
    const url = await freshDatabase('billing_statement_timeout');
    await insertSubscriptions(url, SUBSCRIPTIONS.slice(0, 100));
    // Another session holds the lock the job's first transaction takes (the shard's advisory lock).
    const holder = startHolder(url);
    try {
      await holder.ready;
      for (const [flags, env] of [
        [['--statement-timeout', '1s'], {}],
        [[], { BILLING_JOB_STATEMENT_TIMEOUT: '1500ms' }],
      ] as const) {
        const { result, seconds } = await timedRun(url, ['--from', FROM, '--to', TO, ...flags], env);
        expect(result.code, result.stderr).toBe(1);
        expectOneLine(result, /statement timeout.*a fault worth retrying/);
        expect(seconds).toBeLessThan(8);
      }
    } finally {
      await holder.release();
    }
    await runJobOk(url, ['--from', FROM, '--to', TO]);
  });
});

async function pages(url: string): Promise<number> {
  return (await query<{ pages: number }>(url, 'SELECT coalesce(max(pages), 0) AS pages FROM billing_windows'))[0]?.pages ?? 0;
}

/** Adds a pg_hba.conf rule asking `role` for a password over TCP, ahead of the cluster's trust rules, and reloads. */
async function requirePasswordFor(role: string): Promise<void> {
  const hba = `${dataFolder()}/pg_hba.conf`;
  const rule = `host all ${role} 127.0.0.1/32 scram-sha-256\n`;
  const current = readFileSync(hba, 'utf8');
  if (!current.startsWith(rule)) writeFileSync(hba, rule + current);
  await query(process.env.DATABASE_URL as string, 'SELECT pg_reload_conf()');
  // The reload is asynchronous; the rule is in force once pg_hba_file_rules lists it.
  await waitFor(async () => {
    const rules = await query<{ n: string }>(
      process.env.DATABASE_URL as string,
      'SELECT count(*) AS n FROM pg_hba_file_rules WHERE $1 = ANY (user_name)',
      [role],
    );
    return rules[0]?.n === '1';
  });
}

/** Restarts the cluster of scripts/with-postgres.sh (a fast shutdown: every session is ended). */
async function restartServer(): Promise<void> {
  const [command, ...prefix] = (process.env.WITH_POSTGRES_PG_CTL ?? '').split(' ');
  if (command === undefined || command === '') throw new Error('WITH_POSTGRES_PG_CTL is not set: run through npm run test:db');
  const data = dataFolder();
  await promisify(execFile)(command, [...prefix, '-D', data, '-l', `${data}/../server.log`, '-m', 'fast', '-w', '-t', '60', 'restart'], {
    cwd: '/',
    timeout: 90_000,
  });
}

function dataFolder(): string {
  const data = process.env.WITH_POSTGRES_DATA;
  if (data === undefined) throw new Error('WITH_POSTGRES_DATA is not set: run through npm run test:db');
  return data;
}

/** A session holding every advisory lock the job's shard 0/1 takes, until released. */
function startHolder(url: string): { readonly ready: Promise<void>; readonly release: () => Promise<void> } {
  let release: () => Promise<void> = async () => {};
  const ready = (async () => {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [0x62696c6c, 65_536]);
    release = async () => {
      await client.query('ROLLBACK');
      await client.end();
    };
  })();
  return { ready, release: async () => release() };
}

async function waitFor(ready: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 4000; attempt += 1) {
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('timed out waiting');
}
