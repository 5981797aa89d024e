import { readFileSync } from 'node:fs';
import type { PoolClient } from 'pg';
import type { PageRecords, SubscriptionRow } from './page.js';

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
}

/** Applies schema.sql (idempotent), one job at a time. */
export async function applySchema(client: PoolClient, schemaFile: string): Promise<void> {
  await inTransaction(client, async () => {
    await client.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_NAMESPACE]);
    await client.query(readFileSync(schemaFile, 'utf8'));
  });
}

/**
 * The windows this run works on, in order. An explicit `from` names one window (found
 * again if it exists: a re-run resumes it, or finds it done). Without one, the shard's
 * unfinished windows come first (a killed run's window is finished, not replaced), then
 * a new window from the end of the latest window to `to`. One run at a time per shard
 * decides this (an advisory lock), so two runs started together never open overlapping
 * windows: the second finds the first's window unfinished and helps to finish it.
 */
export async function windowsToRun(client: PoolClient, shard: Shard, from: Date | undefined, to: Date): Promise<readonly BillingWindow[]> {
  return inTransaction(client, async () => {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_NAMESPACE, shard.count * 65_536 + shard.index]);
    if (from !== undefined) return [await openWindow(client, shard, from, to)];
    const unfinished = await client.query<WindowRow>(
      `SELECT id, from_at, to_at FROM billing_windows
        WHERE shard_index = $1 AND shard_count = $2 AND completed_at IS NULL ORDER BY from_at, to_at`,
      [shard.index, shard.count],
    );
    const latest = await client.query<{ end_at: Date | null }>(
      'SELECT max(to_at) AS end_at FROM billing_windows WHERE shard_index = $1 AND shard_count = $2',
      [shard.index, shard.count],
    );
    const end = latest.rows[0]?.end_at ?? null;
    if (end === null) {
      throw new UsageError(`no window has run yet for shard ${shard.index}/${shard.count}: pass --from for the first run`);
    }
    const windows = unfinished.rows.map(windowOf);
    return end < to ? [...windows, await openWindow(client, shard, end, to)] : windows;
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
    const state = await client.query<{ after_id: string | null; completed_at: Date | null }>(
      'SELECT after_id, completed_at FROM billing_windows WHERE id = $1 FOR UPDATE',
      [window.id],
    );
    const cursor = state.rows[0];
    if (cursor === undefined || cursor.completed_at !== null) return undefined;
    const page = await client.query<SubscriptionRow>(
      cursor.after_id === null ? SELECT_PAGE : SELECT_PAGE_AFTER,
      cursor.after_id === null ? [...hashRangeOf(shard), pageSize] : [...hashRangeOf(shard), pageSize, cursor.after_id],
    );
    const records = compute(page.rows);
    const recorded = await insertReminders(client, window, records);
    await insertQuotes(client, window, records);
    await insertRejected(client, window, records);
    const last = page.rows.at(-1);
    await client.query(
      `UPDATE billing_windows SET after_id = coalesce($2, after_id), pages = pages + 1,
              completed_at = CASE WHEN $3 THEN now() END WHERE id = $1`,
      [window.id, last?.id ?? null, page.rows.length < pageSize],
    );
    return {
      subscriptions: page.rows.length,
      recorded,
      alreadyRecorded: records.reminders.length - recorded,
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
  readonly quotes: number;
  readonly rejected: number;
}

/** A problem with how the job was called: exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The first key of every advisory lock the job takes ('bill'). */
const LOCK_NAMESPACE = 0x62696c6c;

const COLUMNS = `id, to_char(expiration_date, 'YYYY-MM-DD') AS expiration_date,
  to_char(extension_ends_on, 'YYYY-MM-DD') AS extension_ends_on,
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
}

function windowOf(row: WindowRow): BillingWindow {
  return { id: row.id, from: row.from_at, to: row.to_at };
}

async function openWindow(client: PoolClient, shard: Shard, from: Date, to: Date): Promise<BillingWindow> {
  await client.query(
    `INSERT INTO billing_windows (from_at, to_at, shard_index, shard_count) VALUES ($1, $2, $3, $4)
     ON CONFLICT (from_at, to_at, shard_index, shard_count) DO NOTHING`,
    [from, to, shard.index, shard.count],
  );
  const found = await client.query<WindowRow>(
    `SELECT id, from_at, to_at FROM billing_windows
      WHERE from_at = $1 AND to_at = $2 AND shard_index = $3 AND shard_count = $4`,
    [from, to, shard.index, shard.count],
  );
  return windowOf(found.rows[0] as WindowRow);
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
     ON CONFLICT (window_id, subscription_id) DO NOTHING`,
    [
      window.id,
      rejected.map((r) => r.subscriptionId),
      rejected.map((r) => r.code),
      rejected.map((r) => r.path),
      rejected.map((r) => r.message),
    ],
  );
}

async function inTransaction<T>(client: PoolClient, body: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await body();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
