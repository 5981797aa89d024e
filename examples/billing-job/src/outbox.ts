/**
 * The sender's side of `reminder_outbox` (schema.sql): claiming due rows, recording each
 * row's outcome, and reading what the obsolescence check needs. Every statement commits
 * on its own: a claim is a lease (`claimed_until`), not an open transaction, so a sender
 * holds no locks while it waits on the network, and a killed sender's rows come back when
 * its lease runs out.
 */
import type { Pool } from 'pg';
import type { SubscriptionRow } from './page.js';

/** A claimed row of the outbox. */
export interface OutboxRow {
  readonly key: string;
  readonly subscriptionId: string;
  readonly channel: string;
  readonly cadence: string;
  readonly date: string;
  readonly sendAt: Date;
  readonly daysBeforeExpiry: number;
  readonly windowId: string;
  /** Attempts made before this one. */
  readonly attempts: number;
  /** The effective expiration date the job scheduled it for (`date` + `daysBeforeExpiry`). */
  readonly expiresOn: string;
}

// Due: its time has come (send_at, and the backoff's next attempt), it is still open, and
// no live sender holds it. SKIP LOCKED: senders claiming at once take different rows
// instead of queueing on each other's; the lease then keeps them apart until it ends.
const CLAIM = `
  UPDATE reminder_outbox SET claimed_until = now() + $2 * interval '1 millisecond'
   WHERE key IN (
     SELECT key FROM reminder_outbox
      WHERE sent_at IS NULL AND failed_at IS NULL AND skipped_at IS NULL
        AND coalesce(next_attempt_at, send_at) <= now() AND send_at <= now()
        AND (claimed_until IS NULL OR claimed_until <= now())
      ORDER BY coalesce(next_attempt_at, send_at)
      LIMIT $1
      FOR UPDATE SKIP LOCKED)
  RETURNING key, subscription_id AS "subscriptionId", channel, cadence, to_char(reminder_date, 'YYYY-MM-DD') AS date,
            send_at AS "sendAt", days_before_expiry AS "daysBeforeExpiry", window_id AS "windowId", attempts,
            to_char(reminder_date + days_before_expiry, 'YYYY-MM-DD') AS "expiresOn"`;

/** Claims up to `limit` due rows for `leaseMs`, the earliest first. */
export async function claimDue(pool: Pool, limit: number, leaseMs: number): Promise<OutboxRow[]> {
  const result = await pool.query<OutboxRow>(CLAIM, [limit, leaseMs]);
  return result.rows.sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime() || (a.key < b.key ? -1 : 1));
}

/** The provider accepted them: sent, for good. */
export async function markSent(pool: Pool, keys: readonly string[]): Promise<void> {
  await pool.query(
    'UPDATE reminder_outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL, claimed_until = NULL WHERE key = ANY($1)',
    [keys],
  );
}

/**
 * A failed attempt worth repeating: tried again after `delayMs`, unless this was attempt
 * `maxAttempts`, which marks it failed with its last error. Returns whether it gave up.
 */
export async function markRetry(pool: Pool, key: string, error: string, delayMs: number, maxAttempts: number): Promise<boolean> {
  const result = await pool.query<{ gave_up: boolean }>(
    `UPDATE reminder_outbox
        SET attempts = attempts + 1, last_error = $2, claimed_until = NULL,
            next_attempt_at = now() + $3 * interval '1 millisecond',
            failed_at = CASE WHEN attempts + 1 >= $4 THEN now() END
      WHERE key = $1
  RETURNING failed_at IS NOT NULL AS gave_up`,
    [key, error, delayMs, maxAttempts],
  );
  return result.rows[0]?.gave_up ?? false;
}

/** A failure that repeating cannot cure (a 4xx, a row the library refuses): failed now. */
export async function markFailed(pool: Pool, key: string, error: string): Promise<void> {
  await pool.query(
    'UPDATE reminder_outbox SET attempts = attempts + 1, last_error = $2, failed_at = now(), claimed_until = NULL WHERE key = $1',
    [key, error],
  );
}

/** No longer in the subscription's schedule: never sent, with the reason. */
export async function markSkipped(pool: Pool, key: string, reason: string): Promise<void> {
  await pool.query('UPDATE reminder_outbox SET skipped_at = now(), skip_reason = $2, claimed_until = NULL WHERE key = $1', [key, reason]);
}

/** Gives back claimed rows this sender did not get to (stopping, or a lease too short to finish). */
export async function release(pool: Pool, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await pool.query('UPDATE reminder_outbox SET claimed_until = NULL WHERE key = ANY($1) AND sent_at IS NULL', [keys]);
}

/** The subscriptions as the job reads them, by id; a deleted one is absent. */
export async function readSubscriptions(pool: Pool, ids: readonly string[]): Promise<Map<string, SubscriptionRow>> {
  const result = await pool.query<SubscriptionRow>(
    `SELECT id, to_char(expiration_date, 'YYYY-MM-DD') AS expiration_date, to_char(extension_ends_on, 'YYYY-MM-DD') AS extension_ends_on,
            invoice_amount::text AS invoice_amount, recipient_time_zone
       FROM subscriptions WHERE id = ANY($1)`,
    [ids],
  );
  return new Map(result.rows.map((row) => [row.id, row]));
}

/** The policy the window's job ran with (`billing_windows.policy`, src/policy.ts), or undefined when it recorded none. */
export async function readWindowPolicy(pool: Pool, windowId: string): Promise<unknown> {
  const result = await pool.query<{ policy: unknown }>('SELECT policy FROM billing_windows WHERE id = $1', [windowId]);
  return result.rows[0]?.policy ?? undefined;
}

/** A row the sender gave up on. */
export interface FailedRow {
  readonly key: string;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly failedAt: Date;
}

/** Every failed row, the oldest failure first. */
export async function listFailed(pool: Pool): Promise<FailedRow[]> {
  const result = await pool.query<FailedRow>(
    `SELECT key, attempts, last_error AS "lastError", failed_at AS "failedAt"
       FROM reminder_outbox WHERE failed_at IS NOT NULL ORDER BY failed_at, key`,
  );
  return result.rows;
}

/**
 * Puts failed rows back in the queue with a fresh count of attempts (all of them, or only
 * `keys`); their last error stays until the next attempt. Returns how many were requeued.
 */
export async function requeueFailed(pool: Pool, keys: readonly string[] | undefined): Promise<number> {
  const result = await pool.query(
    `UPDATE reminder_outbox SET failed_at = NULL, attempts = 0, next_attempt_at = NULL, claimed_until = NULL
      WHERE failed_at IS NOT NULL AND ($1::text[] IS NULL OR key = ANY($1))`,
    [keys ?? null],
  );
  return result.rowCount ?? 0;
}
