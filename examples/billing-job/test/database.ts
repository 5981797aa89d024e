/**
 * The database side of the tests and the benchmark: a fresh database per scenario on the
 * throwaway cluster of scripts/with-postgres.sh, the job run as a real child process,
 * and the outbox read back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import type { GeneratedSubscription } from './subscriptions.js';

const JOB = join(__dirname, '..', 'dist', 'job.cjs');

/** A new, empty database with the job's schema; returns its URL. */
export async function freshDatabase(name: string): Promise<string> {
  const admin = process.env.DATABASE_URL;
  if (admin === undefined) throw new Error('DATABASE_URL is not set: run these through `npm run test:db` (or `npm run bench:db`)');
  await withClient(admin, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  });
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const result = await runJob(url.href, ['init']);
  if (result.code !== 0) throw new Error(`billing-job init failed:\n${result.stderr}`);
  return url.href;
}

/** Inserts subscriptions, 10,000 a statement. */
export async function insertSubscriptions(url: string, subscriptions: readonly GeneratedSubscription[]): Promise<void> {
  await withClient(url, async (client) => {
    for (let start = 0; start < subscriptions.length; start += 10_000) {
      const chunk = subscriptions.slice(start, start + 10_000);
      await client.query(
        `INSERT INTO subscriptions (id, expiration_date, extension_ends_on, invoice_amount, recipient_time_zone)
         SELECT * FROM unnest($1::text[], $2::date[], $3::date[], $4::numeric[], $5::text[])`,
        [
          chunk.map((s) => s.id),
          chunk.map((s) => s.expirationDate),
          chunk.map((s) => s.extensionEndsOn),
          chunk.map((s) => s.invoiceAmount),
          chunk.map((s) => s.recipientTimeZone),
        ],
      );
    }
  });
}

export interface JobResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The JSON lines the job printed, one per window. */
  readonly windows: readonly WindowSummary[];
}

export interface WindowSummary {
  readonly window: string;
  readonly from: string;
  readonly to: string;
  readonly shard: string;
  readonly subscriptions: number;
  readonly recorded: number;
  readonly alreadyRecorded: number;
  readonly late: number;
  readonly quotes: number;
  readonly rejected: number;
  readonly pages: number;
  readonly rerun: boolean;
}

/**
 * Starts the built job (examples/billing-job/dist/job.cjs) on a database. The scenarios'
 * windows are in 2026's spring, so unless a test pins the clock (--now) or the bound
 * itself, --max-lateness is ten years: every due reminder is recorded.
 */
export function startJob(
  url: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): { readonly child: ChildProcess; readonly done: Promise<JobResult> } {
  const lateness = args.includes('init') || args.includes('--now') || args.includes('--max-lateness') ? [] : ['--max-lateness', '3650d'];
  const started = startProgram(JOB, url, [...args, ...lateness], env);
  const done = started.done.then((result) => ({
    ...result,
    windows: result.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as WindowSummary),
  }));
  return { child: started.child, done };
}

/** What a finished process left: its exit code or signal, and all it wrote. */
export interface ProgramResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts a built program of the example (the job, the sender) with Node on a database. */
export function startProgram(
  script: string,
  url: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): { readonly child: ChildProcess; readonly done: Promise<ProgramResult> } {
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, DATABASE_URL: url, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<ProgramResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Runs the job to its end. */
export function runJob(url: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<JobResult> {
  return startJob(url, args, env).done;
}

/** Runs the job and fails with its stderr unless it exits 0. */
export async function runJobOk(url: string, args: readonly string[]): Promise<JobResult> {
  const result = await runJob(url, args);
  if (result.code !== 0) throw new Error(`billing-job ${args.join(' ')} exited ${String(result.code ?? result.signal)}:\n${result.stderr}`);
  return result;
}

/** An outbox row, as a sender would read it. */
export interface OutboxRow {
  readonly key: string;
  readonly subscriptionId: string;
  readonly channel: string;
  readonly date: string;
  readonly sendAt: string;
  readonly windowFrom: string;
  readonly windowTo: string;
}

/** The whole outbox, sorted by key, with the window that recorded each reminder. */
export async function readOutbox(url: string): Promise<OutboxRow[]> {
  return withClient(url, async (client) => {
    const result = await client.query<OutboxRow>(
      `SELECT o.key, o.subscription_id AS "subscriptionId", o.channel, to_char(o.reminder_date, 'YYYY-MM-DD') AS date,
              to_json(o.send_at)#>>'{}' AS "sendAt", to_json(w.from_at)#>>'{}' AS "windowFrom", to_json(w.to_at)#>>'{}' AS "windowTo"
         FROM reminder_outbox o JOIN billing_windows w ON w.id = o.window_id ORDER BY o.key`,
    );
    return result.rows.map((row) => ({ ...row, sendAt: iso(row.sendAt), windowFrom: iso(row.windowFrom), windowTo: iso(row.windowTo) }));
  });
}

/** Runs one query and returns its rows. */
export async function query<Row extends pg.QueryResultRow>(url: string, text: string, values: readonly unknown[] = []): Promise<Row[]> {
  return withClient(url, async (client) => (await client.query<Row>(text, [...values])).rows);
}

async function withClient<T>(url: string, body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

function iso(timestamp: string): string {
  return new Date(timestamp).toISOString();
}
