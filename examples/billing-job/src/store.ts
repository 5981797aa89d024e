import { readFileSync } from 'node:fs';
import type { PoolClient } from 'pg';
import { UsageError } from './fault.js';
import type { PageRecords, SubscriptionRow } from './page.js';
import { defaultPolicyRecord, type PolicyRecord } from './policy.js';

/** The subscriptions of the shard `index/count` (see {@link hashRangeOf}; `shard_hash` is defined in schema.sql). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** A row of `billing_windows`: the window [from, to) of one shard, and how far it has got. */
export interface BillingWindow {
  readonly id: string;
  readonly from: Date;
  readonly to: Date;
  readonly shard: Shard;
  /** True when this run processes a completed window again (explicit --from and --to). */
  readonly rerun: boolean;
}

/**
 * Applies schema.sql (idempotent), one job at a time; windows recorded before windows
 * recorded their policy ran with the default one, which is filled in for them.
 */
export async function applySchema(client: PoolClient, schemaFile: string): Promise<void> {
  await inTransaction(client, async () => {
    await client.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_NAMESPACE]);
    await client.query(readFileSync(schemaFile, 'utf8'));
    const { hash, json } = defaultPolicyRecord();
    await client.query('UPDATE billing_windows SET policy_hash = $1, policy = $2 WHERE policy_hash IS NULL OR policy IS NULL', [
      hash,
      json,
    ]);
    await client.query('ALTER TABLE billing_windows ALTER COLUMN policy_hash SET NOT NULL, ALTER COLUMN policy SET NOT NULL');
  });
}

/**
 * The windows this run works on, in order. An explicit `from` names one window: found
 * again if it exists, an unfinished one is resumed and a completed one is processed again
 * from its start (redo on purpose: the outbox keys keep it idempotent). Without one, the
 * shard's unfinished windows come first (a killed run's window is finished, not
 * replaced), then a new window from the end of the latest window to `to`. One run at a
 * time per shard decides this (an advisory lock), so two runs started together never
 * open overlapping windows: the second finds the first's window unfinished and helps to
 * finish it. A window is only ever resumed or re-run under the policy it recorded; any
 * other is a usage error (exit 2), and nothing is changed.
 */
export async function windowsToRun(
  client: PoolClient,
  shard: Shard,
  from: Date | undefined,
  to: Date,
  policy: PolicyRecord,
): Promise<readonly BillingWindow[]> {
  return inTransaction(client, async () => {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_NAMESPACE, shard.count * 65_536 + shard.index]);
    if (from !== undefined) return [await openWindow(client, shard, from, to, policy, true)];
    const unfinished = await client.query<WindowRow>(
      `SELECT ${WINDOW_COLUMNS} FROM billing_windows
        WHERE shard_index = $1 AND shard_count = $2 AND completed_at IS NULL ORDER BY from_at, to_at`,
      [shard.index, shard.count],
    );
    for (const row of unfinished.rows) requireSamePolicy(row, policy);
    const latest = await client.query<{ end_at: Date | null }>(
      'SELECT max(to_at) AS end_at FROM billing_windows WHERE shard_index = $1 AND shard_count = $2',
      [shard.index, shard.count],
    );
    const end = latest.rows[0]?.end_at ?? null;
    if (end === null) {
      throw new UsageError(`no window has run yet for shard ${shard.index}/${shard.count}: pass --from for the first run`);
    }
    const windows = unfinished.rows.map((row) => windowOf(row, false));
    return end < to ? [...windows, await openWindow(client, shard, end, to, policy, false)] : windows;
  });
}

/**
 * Processes the next page of a window in one transaction: locks the window's row (so
 * concurrent runs of the same window take turns, page by page), reads the page after the
 * cursor, records what `compute` makes of it, and moves the cursor, all or nothing.
 * Returns undefined once the window is complete.
 */
export async function processNextPage(
  client: PoolClient,
  window: BillingWindow,
  shard: Shard,
  pageSize: number,
  compute: (rows: readonly SubscriptionRow[]) => PageRecords,
): Promise<PageOutcome | undefined> {
  return inTransaction(client, async () => {
    const state = await client.query<{ after_id: string | null; completed_at: Date | null; refusals: boolean }>(
      `SELECT after_id, completed_at, EXISTS (SELECT 1 FROM rejected_subscriptions WHERE window_id = $1) AS refusals
         FROM billing_windows WHERE id = $1 FOR UPDATE`,
      [window.id],
    );
    const cursor = state.rows[0];
    if (cursor === undefined || cursor.completed_at !== null) return undefined;
    const page = await client.query<SubscriptionRow>(
      cursor.after_id === null ? SELECT_PAGE : SELECT_PAGE_AFTER,
      cursor.after_id === null ? [...hashRangeOf(shard), pageSize] : [...hashRangeOf(shard), pageSize, cursor.after_id],
    );
    const records = compute(page.rows);
    const last = page.rows.at(-1);
    // A window run again (by this run, or by one this run helps): the page's earlier
    // refusals go (on the last page, all the rest), and what is still refused is recorded anew.
    if (cursor.refusals) await clearRejections(client, window, cursor.after_id, page.rows.length < pageSize ? null : (last?.id ?? null));
    const recorded = await insertReminders(client, window, records);
    await insertQuotes(client, window, records);
    await insertRejected(client, window, records);
    await client.query(
      `UPDATE billing_windows SET after_id = coalesce($2, after_id), pages = pages + 1,
              completed_at = CASE WHEN $3 THEN now() END WHERE id = $1`,
      [window.id, last?.id ?? null, page.rows.length < pageSize],
    );
    return {
      subscriptions: page.rows.length,
      recorded,
      alreadyRecorded: records.reminders.length - recorded,
      late: records.late,
      quotes: records.quotes.length,
      rejected: records.rejected.length,
    };
  });
}

export interface PageOutcome {
  readonly subscriptions: number;
  /** Reminders newly in the outbox. */
  readonly recorded: number;
  /** Reminders whose key was in the outbox already (another window or run recorded them). */
  readonly alreadyRecorded: number;
  /** Reminders due in the window whose send time was older than --max-lateness: not recorded. */
  readonly late: number;
  readonly quotes: number;
  readonly rejected: number;
}

/** The first key of every advisory lock the job takes ('bill'). */
const LOCK_NAMESPACE = 0x62696c6c;

// Dates and amounts as PostgreSQL's own text (DateStyle is pinned to ISO in database.ts):
// it never errors on a value PostgreSQL stores. `to_char` went through timestamp and
// raised "date out of range" for 300000-01-01, and dropped the era of a BC date. Years
// past 9999, ` BC`, `infinity` and `NaN` reach the library as text it refuses, so the
// row is recorded in rejected_subscriptions and the night goes on.
const COLUMNS = `id, expiration_date::text AS expiration_date, extension_ends_on::text AS extension_ends_on,
  invoice_amount::text AS invoice_amount, recipient_time_zone`;
// Keyset pagination: the primary key's order, never OFFSET. A shard is a range of
// shard_hash, not a modulo: the planner estimates a range from the column's histogram,
// while it guessed 0.5 % for `shard_hash % N = i` and sorted the whole table for every page.
const SELECT_PAGE = `SELECT ${COLUMNS} FROM subscriptions WHERE shard_hash >= $1 AND shard_hash < $2 ORDER BY id LIMIT $3`;
const SELECT_PAGE_AFTER = `SELECT ${COLUMNS} FROM subscriptions WHERE id > $4 AND shard_hash >= $1 AND shard_hash < $2 ORDER BY id LIMIT $3`;
const HASHES = 2 ** 31;

/** Shard i of N takes the hashes from ⌊i·2³¹/N⌋ up to, not including, ⌊(i+1)·2³¹/N⌋. */
export function hashRangeOf(shard: Shard): readonly [number, number] {
  return [Math.floor((shard.index * HASHES) / shard.count), Math.floor(((shard.index + 1) * HASHES) / shard.count)];
}

interface WindowRow {
  readonly id: string;
  readonly from_at: Date;
  readonly to_at: Date;
  readonly shard_index: number;
  readonly shard_count: number;
  readonly policy_hash: string;
  readonly completed: boolean;
}

const WINDOW_COLUMNS = 'id, from_at, to_at, shard_index, shard_count, policy_hash, completed_at IS NOT NULL AS completed';

function windowOf(row: WindowRow, rerun: boolean): BillingWindow {
  return { id: row.id, from: row.from_at, to: row.to_at, shard: { index: row.shard_index, count: row.shard_count }, rerun };
}

/**
 * The window [from, to) of the shard, opened if new. With `again` (an explicit --from), a
 * completed window is reopened from its start, so a fixed row gets its reminders.
 */
async function openWindow(
  client: PoolClient,
  shard: Shard,
  from: Date,
  to: Date,
  policy: PolicyRecord,
  again: boolean,
): Promise<BillingWindow> {
  const opened = await client.query<WindowRow>(
    `INSERT INTO billing_windows (from_at, to_at, shard_index, shard_count, policy_hash, policy) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (from_at, to_at, shard_index, shard_count) DO NOTHING RETURNING ${WINDOW_COLUMNS}`,
    [from, to, shard.index, shard.count, policy.hash, policy.json],
  );
  if (opened.rows[0] !== undefined) return windowOf(opened.rows[0], false);
  const found = await client.query<WindowRow>(
    `SELECT ${WINDOW_COLUMNS} FROM billing_windows WHERE from_at = $1 AND to_at = $2 AND shard_index = $3 AND shard_count = $4`,
    [from, to, shard.index, shard.count],
  );
  const row = found.rows[0] as WindowRow;
  requireSamePolicy(row, policy);
  if (!again || !row.completed) return windowOf(row, false);
  await client.query('UPDATE billing_windows SET after_id = NULL, pages = 0, completed_at = NULL WHERE id = $1', [row.id]);
  return windowOf(row, true);
}

/** A window is resumed or re-run only under the policy it recorded. */
function requireSamePolicy(row: WindowRow, policy: PolicyRecord): void {
  if (row.policy_hash === policy.hash) return;
  throw new UsageError(
    `window ${row.id} (${row.from_at.toISOString()} to ${row.to_at.toISOString()}, shard ${row.shard_index}/${row.shard_count}) ran with policy ${row.policy_hash.slice(0, 12)}…, this run's policy is ${policy.hash.slice(0, 12)}…: pass the --policy file it ran with (none for the default) to resume or re-run it`,
  );
}

async function insertReminders(client: PoolClient, window: BillingWindow, records: PageRecords): Promise<number> {
  if (records.reminders.length === 0) return 0;
  const { reminders } = records;
  const result = await client.query(
    `INSERT INTO reminder_outbox (key, subscription_id, channel, cadence, reminder_date, send_at, days_before_expiry, window_id)
     SELECT *, $8::bigint FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::timestamptz[], $7::int[])
     ON CONFLICT (key) DO NOTHING`,
    [
      reminders.map((r) => r.key),
      reminders.map((r) => r.subscriptionId),
      reminders.map((r) => r.channel),
      reminders.map((r) => r.cadence),
      reminders.map((r) => r.date),
      reminders.map((r) => r.sendAt.toISOString()),
      reminders.map((r) => r.daysBeforeExpiry),
      window.id,
    ],
  );
  return result.rowCount ?? 0;
}

async function insertQuotes(client: PoolClient, window: BillingWindow, records: PageRecords): Promise<void> {
  if (records.quotes.length === 0) return;
  const { quotes } = records;
  await client.query(
    `INSERT INTO fee_quotes (subscription_id, quoted_at, kind, days_past_expiry, fee, total, currency)
     SELECT s, $2::timestamptz, k, d, f, t, c
       FROM unnest($1::text[], $3::text[], $4::int[], $5::numeric[], $6::numeric[], $7::text[]) AS q(s, k, d, f, t, c)
     ON CONFLICT (subscription_id, quoted_at) DO NOTHING`,
    [
      quotes.map((q) => q.subscriptionId),
      window.to.toISOString(),
      quotes.map((q) => q.kind),
      quotes.map((q) => q.daysPastExpiry),
      quotes.map((q) => q.fee),
      quotes.map((q) => q.total),
      quotes.map((q) => q.currency),
    ],
  );
}

async function insertRejected(client: PoolClient, window: BillingWindow, records: PageRecords): Promise<void> {
  if (records.rejected.length === 0) return;
  const { rejected } = records;
  await client.query(
    `INSERT INTO rejected_subscriptions (window_id, subscription_id, code, path, message)
     SELECT $1::bigint, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])
     ON CONFLICT (window_id, subscription_key) DO UPDATE SET code = excluded.code, path = excluded.path, message = excluded.message`,
    [
      window.id,
      rejected.map((r) => r.subscriptionId),
      rejected.map((r) => r.code),
      rejected.map((r) => r.path),
      rejected.map((r) => r.message),
    ],
  );
}

/** Deletes the window's refusals of the ids in (after, upTo], either bound open when null. */
async function clearRejections(client: PoolClient, window: BillingWindow, after: string | null, upTo: string | null): Promise<void> {
  await client.query(
    `DELETE FROM rejected_subscriptions
      WHERE window_id = $1 AND ($2::text IS NULL OR subscription_id > $2) AND ($3::text IS NULL OR subscription_id <= $3)`,
    [window.id, after, upTo],
  );
}

async function inTransaction<T>(client: PoolClient, body: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await body();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // On a lost connection ROLLBACK fails too; the error worth reporting is the first.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** What retry-rejected did for one window. */
export interface RetryOutcome {
  /** Refusals the window held before. */
  readonly retried: number;
  readonly recorded: number;
  readonly alreadyRecorded: number;
  readonly late: number;
  readonly quotes: number;
  /** Rows refused again (their refusal is recorded anew, with today's reason). */
  readonly stillRejected: number;
  /** Refused rows no longer in `subscriptions`: their refusals are cleared. */
  readonly gone: number;
}

/**
 * The windows holding refusals (of one shard, or of all), oldest first, after checking
 * that each ran with `policy`: a window is only ever redone under its own policy.
 */
export async function windowsWithRejections(
  client: PoolClient,
  shard: Shard | undefined,
  policy: PolicyRecord,
): Promise<readonly BillingWindow[]> {
  const found = await client.query<WindowRow>(
    `SELECT ${WINDOW_COLUMNS} FROM billing_windows w
      WHERE EXISTS (SELECT 1 FROM rejected_subscriptions r WHERE r.window_id = w.id)
        AND ($1::int IS NULL OR (shard_index = $1 AND shard_count = $2))
      ORDER BY from_at, shard_count, shard_index`,
    [shard?.index ?? null, shard?.count ?? null],
  );
  for (const row of found.rows) requireSamePolicy(row, policy);
  return found.rows.map((row) => windowOf(row, true));
}

/**
 * Re-reads a window's refused rows, in one transaction: records what now passes (the
 * outbox keys keep it idempotent), clears their refusals, records anew what is still
 * refused, and clears the refusals of rows that are gone.
 */
export async function retryWindowRejections(
  client: PoolClient,
  window: BillingWindow,
  compute: (rows: readonly SubscriptionRow[]) => PageRecords,
): Promise<RetryOutcome> {
  return inTransaction(client, async () => {
    await client.query('SELECT 1 FROM billing_windows WHERE id = $1 FOR UPDATE', [window.id]);
    const refused = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM rejected_subscriptions WHERE window_id = $1', [
      window.id,
    ]);
    const rows = await client.query<SubscriptionRow>(
      `SELECT ${COLUMNS} FROM subscriptions WHERE id IN (SELECT subscription_id FROM rejected_subscriptions WHERE window_id = $1) ORDER BY id`,
      [window.id],
    );
    const records = compute(rows.rows);
    await clearRejections(client, window, null, null);
    const recorded = await insertReminders(client, window, records);
    await insertQuotes(client, window, records);
    await insertRejected(client, window, records);
    const retried = refused.rows[0]?.n ?? 0;
    return {
      retried,
      recorded,
      alreadyRecorded: records.reminders.length - recorded,
      late: records.late,
      quotes: records.quotes.length,
      stillRejected: records.rejected.length,
      gone: retried - rows.rows.length,
    };
  });
}
