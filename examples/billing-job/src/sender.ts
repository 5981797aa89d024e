/**
 * The sender's loop: claim a batch of due rows, deliver each (several at once, paced per
 * channel), record each outcome as soon as it is known, and go on until nothing is due
 * (or, with `follow`, until asked to stop). Everything outside (database, transport,
 * clock, randomness) comes in as arguments.
 */
import type { Pool } from 'pg';
import { defaultPolicy, ExpiryInputError, type Policy } from 'subscription-expiry';
import {
  claimDue,
  markFailed,
  markRetry,
  markSent,
  markSkipped,
  readSubscriptions,
  readWindowPolicy,
  release,
  type OutboxRow,
} from './outbox.js';
import { coalesce } from './coalesce.js';
import { obsolescenceOf } from './obsolete.js';
import { policyFromRecord } from './policy.js';
import { backoffDelay, ChannelRate, type Backoff } from './pace.js';
import type { Delivery, Transport } from './transport.js';

export interface SenderOptions {
  readonly batchSize: number;
  readonly concurrency: number;
  /** Deliveries a second per channel; undefined: unpaced. */
  readonly rate: number | undefined;
  readonly maxAttempts: number;
  readonly backoff: Backoff;
  /** How long a claim holds its rows. */
  readonly leaseMs: number;
  /** The transport's per-request timeout: a row is only started while its lease outlasts it. */
  readonly timeoutMs: number;
  readonly follow: boolean;
  /** With `follow`: the wait between polls when nothing is due. */
  readonly pollMs: number;
}

/** What one run did; printed as its one-line summary. */
export interface SendSummary {
  /** Accepted by the transport and marked sent. */
  delivered: number;
  /** Failed attempts that will be tried again after their backoff. */
  retried: number;
  /** Given up on: a permanent failure, or the last allowed attempt failed. */
  failed: number;
  /** No longer in the subscription's schedule: marked skipped, not sent. */
  skipped: number;
  /** Claimed, then given back untouched (too little lease left to start them). */
  released: number;
  batches: number;
}

/** Stops the loop after the batch in hand (SIGTERM, SIGINT). */
export interface StopSignal {
  readonly stopped: boolean;
  /** Resolves when stop is asked for. */
  readonly asked: Promise<void>;
}

export async function runSender(
  pool: Pool,
  transport: Transport,
  options: SenderOptions,
  stop: StopSignal,
  random: () => number = Math.random,
): Promise<SendSummary> {
  const summary: SendSummary = { delivered: 0, retried: 0, failed: 0, skipped: 0, released: 0, batches: 0 };
  const rate = options.rate === undefined ? undefined : new ChannelRate(options.rate);
  const policies = new Map<string, Promise<Policy | Error>>();
  const policyOf = (windowId: string) => {
    let policy = policies.get(windowId);
    if (policy === undefined) {
      policy = readWindowPolicy(pool, windowId).then((json) => policyOfWindow(json, windowId));
      policies.set(windowId, policy);
    }
    return policy;
  };

  const readSubscription = coalesce(async (ids: readonly string[]) => {
    const rows = await readSubscriptions(pool, [...new Set(ids)]);
    return (id: string) => rows.get(id);
  });
  const recordSent = coalesce(async (keys: readonly string[]) => {
    await markSent(pool, keys);
    return () => undefined;
  });

  const deliverOne = async (row: OutboxRow, leaseEnds: number): Promise<boolean> => {
    if (rate !== undefined) await rate.slot(row.channel);
    const policy = await policyOf(row.windowId);
    if (policy instanceof Error) {
      await markFailed(pool, row.key, policy.message);
      summary.failed += 1;
      return true;
    }
    let reason: string | undefined;
    try {
      reason = obsolescenceOf(row, await readSubscription(row.subscriptionId), policy);
    } catch (error) {
      if (!(error instanceof ExpiryInputError)) throw error;
      await markFailed(pool, row.key, `the subscription is refused (${error.code} at ${error.path}): ${error.message}`);
      summary.failed += 1;
      return true;
    }
    if (reason !== undefined) {
      await markSkipped(pool, row.key, reason);
      summary.skipped += 1;
      return true;
    }
    // Start only in the first half of the lease, less the request's timeout: past that,
    // another sender may soon claim the row, and a delivery at the same time as theirs
    // would be this sender's doing. The other half is for recording the outcome. The
    // check comes last, after the re-read, so a slow database cannot stretch it.
    if (performance.now() + options.timeoutMs > leaseEnds - options.leaseMs / 2) return false;
    const outcome = await transport(deliveryOf(row));
    if (outcome.kind === 'accepted') {
      await recordSent(row.key);
      summary.delivered += 1;
    } else if (outcome.kind === 'permanent') {
      await markFailed(pool, row.key, outcome.error);
      summary.failed += 1;
    } else {
      const wait = Math.max(
        backoffDelay(row.attempts + 1, options.backoff, random),
        Math.min(outcome.retryAfterMs ?? 0, options.backoff.maxMs),
      );
      if (await markRetry(pool, row.key, outcome.error, wait, options.maxAttempts)) summary.failed += 1;
      else summary.retried += 1;
    }
    return true;
  };

  while (!stop.stopped) {
    const claimedAt = performance.now();
    const batch = await claimDue(pool, options.batchSize, options.leaseMs);
    let released = 0;
    if (batch.length > 0) {
      summary.batches += 1;
      const leaseEnds = claimedAt + options.leaseMs;
      const { untouched, failure } = await inParallel(batch, options.concurrency, (row) => deliverOne(row, leaseEnds));
      const keys = untouched.map((row) => row.key);
      if (failure !== undefined) {
        // A fault: give the rows not done back (best effort: the database may be what
        // failed, and then their lease runs out instead), and stop.
        await release(pool, keys).catch(() => undefined);
        throw failure.error;
      }
      await release(pool, keys);
      released = untouched.length;
      summary.released += released;
    }
    // A full batch, or rows given back for want of lease: more may be due right now.
    if (batch.length === options.batchSize || released > 0) continue;
    if (!options.follow) break;
    await Promise.race([stop.asked, new Promise((resolve) => setTimeout(resolve, options.pollMs).unref())]);
  }
  return summary;
}

function deliveryOf(row: OutboxRow): Delivery {
  return {
    key: row.key,
    subscriptionId: row.subscriptionId,
    channel: row.channel,
    cadence: row.cadence,
    date: row.date,
    sendAt: row.sendAt.toISOString(),
    daysBeforeExpiry: row.daysBeforeExpiry,
    attempt: row.attempts + 1,
  };
}

/** The window's recorded policy (the default when it recorded none), or the error that refuses it. */
function policyOfWindow(json: unknown, windowId: string): Policy | Error {
  if (json === undefined) return defaultPolicy;
  try {
    return policyFromRecord(json, `the policy of window ${windowId}`).policy;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * Runs `work` over `items`, at most `concurrency` at once, in order of the items. Returns
 * the items not done: those whose work answered false (not started), and after an error,
 * the one that threw and those never started. The first error stops new work, lets the
 * work in flight finish, and is returned.
 */
async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<boolean>,
): Promise<{ untouched: T[]; failure: { error: unknown } | undefined }> {
  const untouched: T[] = [];
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next++] as T;
      try {
        if (!(await work(item))) untouched.push(item);
      } catch (error) {
        failure ??= { error };
        untouched.push(item);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return { untouched: [...untouched, ...items.slice(next)], failure };
}
