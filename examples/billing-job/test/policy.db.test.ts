import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { defaultPolicy, definePolicy, getRemindersDue } from '../../../src/index.js';
import { policyArbitrary } from '../../../test/support/policies.js';
import { loadPolicyFile, policyFromRecord, policyRecordOf } from '../src/policy.js';
import { freshDatabase, insertSubscriptions, query, readOutbox, runJob, runJobOk, startJob } from './database.js';
import { asSubscription, generateSubscriptions } from './subscriptions.js';

// Two local weeks in Berlin (the business's zone), spring-forward (29 March) included.
const FROM = '2026-03-22T23:00:00.000Z';
const TO = '2026-04-05T22:00:00.000Z';
const SUBSCRIPTIONS = generateSubscriptions(1500, '2026-03-01', 60);
const BERLIN = { timeZone: 'Europe/Berlin', currency: 'EUR' };

describe('billing job --policy FILE', () => {
  it('R-RM-4 runs with the business policy and records it with the window (canonical JSON, SHA-256)', async () => {
    const file = policyFile('berlin', { $schema: './node_modules/subscription-expiry/policy.schema.json', ...BERLIN });
    const url = await freshDatabase('billing_policy_berlin');
    await insertSubscriptions(url, SUBSCRIPTIONS);
    const [summary] = (await runJobOk(url, ['--from', FROM, '--to', TO, '--policy', file])).windows;

    const berlin = definePolicy(BERLIN);
    const expected = SUBSCRIPTIONS.flatMap((s) =>
      getRemindersDue(asSubscription(s), { from: FROM, to: TO }, berlin).map((r) => r.key),
    ).sort();
    expect(expected.length).toBeGreaterThan(500);
    expect((await readOutbox(url)).map((row) => row.key)).toEqual(expected);
    expect(summary?.recorded).toBe(expected.length);
    const currencies = await query<{ currency: string }>(url, 'SELECT DISTINCT currency FROM fee_quotes');
    expect(currencies).toEqual([{ currency: 'EUR' }]);

    const [window] = await query<{ policy_hash: string; policy: unknown }>(url, 'SELECT policy_hash, policy FROM billing_windows');
    expect(window?.policy_hash).toBe(policyRecordOf(berlin).hash);
    expect(window?.policy_hash).toMatch(/^[0-9a-f]{64}$/);
    // The sender's side of the contract: definePolicy takes the stored policy back as is.
    expect(policyRecordOf(definePolicy(window?.policy as never)).hash).toBe(window?.policy_hash);
    expect(definePolicy(window?.policy as never)).toEqual(berlin);
  });

  it('records the default policy too, and a file that only repeats the defaults is the same policy', async () => {
    const url = await freshDatabase('billing_policy_default');
    await insertSubscriptions(url, SUBSCRIPTIONS.slice(0, 100));
    await runJobOk(url, ['--from', FROM, '--to', TO]);
    const [window] = await query<{ policy_hash: string }>(url, 'SELECT policy_hash FROM billing_windows');
    expect(window?.policy_hash).toBe(policyRecordOf(defaultPolicy).hash);
    const same = policyFile('same-as-default', { timeZone: defaultPolicy.timeZone, currency: defaultPolicy.currency });
    expect(loadPolicyFile(same).hash).toBe(window?.policy_hash);
    // So re-running the window with it is allowed.
    expect((await runJobOk(url, ['--from', FROM, '--to', TO, '--policy', same])).windows[0]).toMatchObject({ rerun: true, recorded: 0 });
  });

  it('refuses to resume or re-run a window under a different policy: exit 2, one line saying why, nothing changed', async () => {
    const file = policyFile('berlin-refusal', BERLIN);
    const url = await freshDatabase('billing_policy_refusal');
    await insertSubscriptions(url, SUBSCRIPTIONS);
    // A run killed mid-window leaves it unfinished, under the Berlin policy.
    const killed = startJob(url, ['--from', FROM, '--to', TO, '--policy', file, '--page-size', '10']);
    await waitFor(async () => ((await query<{ pages: number }>(url, 'SELECT pages FROM billing_windows'))[0]?.pages ?? 0) >= 3);
    killed.child.kill('SIGKILL');
    await killed.done;
    const before = await snapshot(url);
    expect(before.done).toBe(false);

    for (const args of [
      ['--to', TO], // the next night without --policy resumes the window under the default policy
      ['--from', FROM, '--to', TO], // a re-run on purpose, likewise
    ]) {
      const refused = await runJob(url, args);
      expect(refused.code, `${args.join(' ')}: ${refused.stderr}`).toBe(2);
      expect(refused.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(refused.stderr).toMatch(
        /^billing-job: window \d+ .* ran with policy [0-9a-f]{12}…, this run's policy is [0-9a-f]{12}…: pass the --policy file/,
      );
      expect(await snapshot(url)).toEqual(before);
    }
    // Under its own policy it finishes.
    expect((await runJob(url, ['--to', TO, '--policy', file])).code).toBe(0);
    expect((await snapshot(url)).done).toBe(true);
  });

  it('R-POL-1 a policy survives jsonb: rebuilt from billing_windows.policy it is the same policy, with the same hash (property)', async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await fc.assert(
        fc.asyncProperty(policyArbitrary, fc.boolean(), async (policy, reversed) => {
          const record = policyRecordOf(policy);
          // jsonb stores keys in its own order; a writer may have sent them in any order.
          const sent = reversed ? JSON.stringify(reverseKeys(JSON.parse(record.json))) : record.json;
          const { rows } = await client.query<{ policy: unknown }>('SELECT $1::jsonb AS policy', [sent]);
          const rebuilt = policyFromRecord(rows[0]?.policy, 'the test');
          expect(rebuilt.hash).toBe(record.hash);
          expect(rebuilt.json).toBe(record.json);
          expect(rebuilt.policy).toEqual(policy);
        }),
        { numRuns: 200 },
      );
    } finally {
      await client.end();
    }
  });

  it('a policy file that cannot be read, is not JSON or is refused by definePolicy: exit 2 before connecting', async () => {
    const unreachable = 'postgres://nobody@127.0.0.1:1/none';
    for (const [file, message] of [
      [join(tmpdir(), 'billing-job-no-such-policy.json'), /cannot be read: ENOENT/],
      [policyFile('not-json', '{ "timeZone": '), /is not valid JSON/],
      [policyFile('bad-zone', { timeZone: 'Mars/Olympus_Mons' }), /policy\.timeZone.*\(invalid-time-zone\)/],
      [policyFile('unknown-field', { timezone: 'Europe/Berlin' }), /\(unknown-field\)/],
    ] as const) {
      const started = Date.now();
      const result = await runJob(unreachable, ['--from', FROM, '--policy', file]);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(Date.now() - started).toBeLessThan(10_000);
    }
  });
});

function policyFile(name: string, content: unknown): string {
  const file = join(tmpdir(), `billing-job-policy-${name}-${process.pid}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, field]) => [key, reverseKeys(field)]),
  );
}

async function snapshot(url: string) {
  const [window] = await query<{ after_id: string; pages: number; done: boolean; policy_hash: string }>(
    url,
    'SELECT after_id, pages, completed_at IS NOT NULL AS done, policy_hash FROM billing_windows',
  );
  const [outbox] = await query<{ n: string }>(url, 'SELECT count(*) AS n FROM reminder_outbox');
  return { ...window, outbox: outbox?.n };
}

async function waitFor(ready: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 2000; attempt += 1) {
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('timed out waiting for the job');
}
