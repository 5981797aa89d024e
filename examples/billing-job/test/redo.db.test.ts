import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { defaultPolicy, getRemindersDue, quoteReactivationFee } from '../../../src/index.js';
import { policyRecordOf } from '../src/policy.js';
import { freshDatabase, insertSubscriptions, query, readOutbox, runJob, runJobOk, type WindowSummary } from './database.js';
import { asSubscription, type GeneratedSubscription, generateSubscriptions } from './subscriptions.js';

const FROM = '2026-03-02T05:00:00.000Z';
const TO = '2026-03-16T04:00:00.000Z';
const SUBSCRIPTIONS = generateSubscriptions(1500, '2026-01-01', 200);

/** The reminders due in [from, to) of these subscriptions, from the library, sorted by key. */
function dueKeys(subscriptions: readonly GeneratedSubscription[], from = FROM, to = TO): string[] {
  return subscriptions.flatMap((s) => getRemindersDue(asSubscription(s), { from, to }).map((r) => r.key)).sort();
}

/** Two rows whose reminders are due in the window, broken: an unknown zone, a year out of range. */
async function seedWithBrokenRows(name: string): Promise<{ url: string; broken: GeneratedSubscription[] }> {
  const url = await freshDatabase(name);
  await insertSubscriptions(url, SUBSCRIPTIONS);
  const broken = [
    { id: 'sub-0000050z', expirationDate: '2026-03-12', extensionEndsOn: null, invoiceAmount: '49.00', recipientTimeZone: 'Europe/Berln' },
    { id: 'sub-0000900z', expirationDate: '2026-03-13', extensionEndsOn: null, invoiceAmount: '99.00', recipientTimeZone: null },
  ];
  await insertSubscriptions(url, broken);
  await query(url, "UPDATE subscriptions SET expiration_date = '1826-03-13' WHERE id = 'sub-0000900z'");
  return { url, broken };
}

describe('billing job: redo on purpose', () => {
  it('R-RM-4 an explicit --from/--to re-runs a finished window: a fixed row gets its reminders, its refusal goes, nothing twice', async () => {
    const { url, broken } = await seedWithBrokenRows('billing_rerun');
    const [first] = (await runJobOk(url, ['--from', FROM, '--to', TO, '--page-size', '100'])).windows as WindowSummary[];
    expect((await readOutbox(url)).map((row) => row.key)).toEqual(dueKeys(SUBSCRIPTIONS));
    const refusedIds = async () =>
      (await query<{ subscription_id: string }>(url, 'SELECT subscription_id FROM rejected_subscriptions ORDER BY 1')).map(
        (row) => row.subscription_id,
      );
    expect(await refusedIds()).toEqual(expect.arrayContaining(['sub-0000050z', 'sub-0000900z']));

    await query(url, "UPDATE subscriptions SET recipient_time_zone = 'Europe/Berlin' WHERE id = 'sub-0000050z'");
    const [again] = (await runJobOk(url, ['--from', FROM, '--to', TO, '--page-size', '100'])).windows as WindowSummary[];
    const fixed = [...SUBSCRIPTIONS, { ...(broken[0] as GeneratedSubscription), recipientTimeZone: 'Europe/Berlin' }];
    const expected = dueKeys(fixed);
    expect(expected.length).toBeGreaterThan(dueKeys(SUBSCRIPTIONS).length);
    expect(again).toMatchObject({
      window: first?.window,
      rerun: true,
      subscriptions: SUBSCRIPTIONS.length + 2,
      alreadyRecorded: first?.recorded,
      recorded: expected.length - (first?.recorded ?? 0),
      rejected: (first?.rejected ?? 0) - 1,
    });
    expect((await readOutbox(url)).map((row) => row.key)).toEqual(expected);
    const refused = await refusedIds();
    expect(refused).not.toContain('sub-0000050z');
    expect(refused).toContain('sub-0000900z');
    expect(refused).toHaveLength((first?.rejected ?? 0) - 1);
  });

  it('R-FEE-2 retry-rejected records what now passes, clears those refusals, keeps what is still refused, forgets what is gone', async () => {
    const { url, broken } = await seedWithBrokenRows('billing_retry');
    await runJobOk(url, ['--from', FROM, '--to', TO]);
    const missingAmount = await query<{ subscription_id: string }>(
      url,
      "SELECT subscription_id FROM rejected_subscriptions WHERE code = 'missing' ORDER BY 1",
    );
    expect(missingAmount.length).toBeGreaterThan(2);
    const [gone, ...toFix] = missingAmount.map((row) => row.subscription_id);
    const retried = missingAmount.length + 2;

    // Fix the zone and the missing amounts; delete one refused row; leave the 1826 row broken.
    await query(url, "UPDATE subscriptions SET recipient_time_zone = 'Europe/Berlin' WHERE id = 'sub-0000050z'");
    await query(url, "UPDATE subscriptions SET invoice_amount = '29.00' WHERE id = ANY ($1)", [toFix]);
    await query(url, 'DELETE FROM subscriptions WHERE id = $1', [gone]);
    const outboxBefore = (await readOutbox(url)).length;

    const retry = await runJobOk(url, ['retry-rejected']);
    expect(retry.stdout.trim().split('\n')).toHaveLength(1);
    const line = JSON.parse(retry.stdout) as Record<string, unknown>;
    const berlin = { ...(broken[0] as GeneratedSubscription), recipientTimeZone: 'Europe/Berlin' };
    const berlinKeys = dueKeys([berlin]);
    expect(berlinKeys.length).toBeGreaterThan(0);
    expect(line).toMatchObject({ command: 'retry-rejected', from: FROM, to: TO, shard: '0/1', retried, stillRejected: 1, gone: 1 });
    // The fixed zone's reminders are new; the fixed amounts' reminders were recorded the first night.
    expect(line.recorded).toBe(berlinKeys.length);
    expect((await readOutbox(url)).length).toBe(outboxBefore + berlinKeys.length);
    expect((await readOutbox(url)).map((row) => row.key)).toEqual(expect.arrayContaining(berlinKeys));

    const left = await query<{ subscription_id: string; code: string }>(url, 'SELECT subscription_id, code FROM rejected_subscriptions');
    expect(left).toEqual([{ subscription_id: 'sub-0000900z', code: 'date-out-of-range' }]);
    // Each fixed amount now has today's quote, as the library gives it.
    const quotes = await query<{ subscription_id: string; total: string }>(
      url,
      'SELECT subscription_id, total::text FROM fee_quotes WHERE subscription_id = ANY ($1) ORDER BY 1',
      [toFix],
    );
    const generated = new Map(SUBSCRIPTIONS.map((s) => [s.id, s]));
    expect(quotes).toEqual(
      [...toFix].sort().map((id) => {
        const quote = quoteReactivationFee(asSubscription({ ...(generated.get(id) as GeneratedSubscription), invoiceAmount: '29.00' }), TO);
        return { subscription_id: id, total: quote.kind === 'reactivation' || quote.kind === 'recovery' ? quote.total.amount : quote.kind };
      }),
    );

    // Run again: only the still-broken row is retried, and nothing is recorded twice.
    const second = JSON.parse((await runJobOk(url, ['retry-rejected'])).stdout) as Record<string, unknown>;
    expect(second).toMatchObject({ retried: 1, recorded: 0, stillRejected: 1, gone: 0 });
    // Under another policy, it is refused like a re-run, and nothing changes.
    const euros = join(tmpdir(), `billing-job-retry-policy-${process.pid}.json`);
    writeFileSync(euros, JSON.stringify({ currency: 'EUR' }));
    const refused = await runJob(url, ['retry-rejected', '--policy', euros]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^billing-job: window \d+ .* ran with policy [0-9a-f]{12}…, this run's policy is /);
    expect(await query(url, 'SELECT subscription_id, code FROM rejected_subscriptions')).toEqual(left);
  });

  it('a safe first night: reminders sent more than --max-lateness before now are counted as late, not recorded', async () => {
    const url = await freshDatabase('billing_first_night');
    await insertSubscriptions(url, SUBSCRIPTIONS);
    // "Now" is the end of the window; the first --from is two weeks before it.
    const oneDay = await runJobOk(url, ['--from', FROM, '--now', TO]);
    const due = SUBSCRIPTIONS.flatMap((s) => getRemindersDue(asSubscription(s), { from: FROM, to: TO }));
    const notBefore = Date.parse(TO) - 86_400_000;
    const recent = due
      .filter((r) => r.sendAt.getTime() >= notBefore)
      .map((r) => r.key)
      .sort();
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(due.length / 5);
    expect(oneDay.windows[0]).toMatchObject({ to: TO, recorded: recent.length, late: due.length - recent.length });
    expect((await readOutbox(url)).map((row) => row.key)).toEqual(recent);

    // A wider bound, on purpose, records the rest of the same window.
    const wider = await runJobOk(url, ['--from', FROM, '--to', TO, '--now', TO, '--max-lateness', '15d']);
    expect(wider.windows[0]).toMatchObject({ rerun: true, late: 0, alreadyRecorded: recent.length, recorded: due.length - recent.length });
  });

  it('init upgrades a database of the first release: windows get the default policy, quotes and refusals their new columns', async () => {
    const url = await freshDatabase('billing_upgrade');
    // Back to the first release's schema, with a finished night and a refusal in it.
    await query(url, 'DROP TABLE reminder_outbox, fee_quotes, rejected_subscriptions, billing_windows, subscriptions');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(readFileSync(join(__dirname, 'schema-before-policy.sql'), 'utf8'));
      await client.query(
        'INSERT INTO billing_windows (from_at, to_at, shard_index, shard_count, completed_at) VALUES ($1, $2, 0, 1, now())',
        [FROM, TO],
      );
      await client.query(
        "INSERT INTO rejected_subscriptions (window_id, subscription_id, code, path, message) SELECT id, 'sub-x', 'missing', 'subscription.invoiceAmount', 'old' FROM billing_windows",
      );
    } finally {
      await client.end();
    }
    await insertSubscriptions(url, SUBSCRIPTIONS);
    await runJobOk(url, ['init']);
    await runJobOk(url, ['init']); // idempotent
    const windows = await query<{ policy_hash: string }>(url, 'SELECT policy_hash FROM billing_windows');
    expect(windows).toEqual([{ policy_hash: policyRecordOf(defaultPolicy).hash }]);
    const columns = await query<{
      table_name: string;
      column_name: string;
      data_type: string;
      is_nullable: string;
      numeric_precision: number | null;
    }>(
      url,
      `SELECT table_name, column_name, data_type, is_nullable, numeric_precision FROM information_schema.columns
        WHERE (table_name, column_name) IN (('billing_windows', 'policy_hash'), ('billing_windows', 'policy'), ('fee_quotes', 'total'), ('rejected_subscriptions', 'subscription_key'))
        ORDER BY 1, 2`,
    );
    expect(columns).toEqual([
      { table_name: 'billing_windows', column_name: 'policy', data_type: 'jsonb', is_nullable: 'NO', numeric_precision: null },
      { table_name: 'billing_windows', column_name: 'policy_hash', data_type: 'text', is_nullable: 'NO', numeric_precision: null },
      { table_name: 'fee_quotes', column_name: 'total', data_type: 'numeric', is_nullable: 'NO', numeric_precision: null },
      {
        table_name: 'rejected_subscriptions',
        column_name: 'subscription_key',
        data_type: 'text',
        is_nullable: 'NO',
        numeric_precision: null,
      },
    ]);
    const [key] = await query<{ columns: string }>(
      url,
      "SELECT pg_get_constraintdef(oid) AS columns FROM pg_constraint WHERE conrelid = 'rejected_subscriptions'::regclass AND contype = 'p'",
    );
    expect(key?.columns).toBe('PRIMARY KEY (window_id, subscription_key)');
    // The old finished window is re-run on purpose under the default policy; its old refusal is replaced.
    const [again] = (await runJobOk(url, ['--from', FROM, '--to', TO])).windows;
    expect(again).toMatchObject({ rerun: true, recorded: dueKeys(SUBSCRIPTIONS).length });
    expect(await query(url, "SELECT 1 FROM rejected_subscriptions WHERE subscription_id = 'sub-x'")).toEqual([]);
  });
});
