import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/index.js';
import { cli } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'policy-command-'));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** Runs `policy …` in process; what it wrote, and the usage error it ended with (exit 2), if any. */
async function run(args: string[]): Promise<{ out: string; error: string | undefined }> {
  const { code, stdout, stderr } = await cli(['policy', ...args]);
  if (code === 0) return { out: stdout, error: undefined };
  expect(code).toBe(2);
  return { out: stdout, error: stderr.replace(/^subscription-expiry: /, '').replace(/\n$/, '') };
}

describe('subscription-expiry policy', () => {
  it('R-POL-1 check: a valid file (with its "$schema") is valid, exit 0', async () => {
    const path = file('valid.json', { $schema: './node_modules/subscription-expiry/policy.schema.json', deletionDay: 30 });
    expect(await run(['check', path])).toEqual({ out: `${path}: a valid policy\n`, error: undefined });
  });

  it('R-POL-1 check: lists every problem the schema finds, each with its path, then exits 2', async () => {
    const path = file('invalid.json', {
      deletionDays: 30,
      rounding: 'bankers',
      fees: { recovery: { rate: '15%' } },
      reminders: { sendTimes: { email: '9am' } },
    });
    const { out, error } = await run(['check', path, '--format', 'json']);
    const report = JSON.parse(out) as { valid: boolean; problems: { path: string; message: string }[] };
    expect(report.valid).toBe(false);
    expect(report.problems.map((problem) => problem.path).sort()).toEqual([
      'policy.deletionDays',
      'policy.fees.recovery.rate',
      'policy.reminders.sendTimes.email',
      'policy.rounding',
    ]);
    expect(report.problems.find((problem) => problem.path === 'policy.fees.recovery.rate')?.message).toMatch(
      /^expected a fraction of the invoice/,
    );
    expect(error).toBe(`${path}: 4 problems`);
  });

  it('R-FEE-6 check: a rule across fields comes from definePolicy, with its code', async () => {
    const path = file('cap.json', { fees: { reactivationTiers: [{ fromDay: 0, rate: '0.1', minimum: '25.00', maximum: '20.00' }] } });
    const { out, error } = await run(['check', path]);
    expect(out).toBe(
      'policy.fees.reactivationTiers[0].maximum: the maximum 20.00 is below the minimum 25.00; a cap must at least allow the minimum\n',
    );
    expect(error).toBe(`${path}: 1 problem`);
  });

  it('R-POL-1 check: every rule problem definePolicy finds is printed, not only the first (issue 26)', async () => {
    const path = file('rules.json', {
      timeZone: 'Mars/Olympus',
      deletionDay: 100,
      recoveryWindowMonths: 2,
      reminders: { quietHours: { start: '21:00', end: '08:00' } },
    });
    const { out, error } = await run(['check', path]);
    expect(out).toBe(
      [
        'policy.timeZone: "Mars/Olympus" is not an IANA time zone this runtime knows, such as "America/New_York"',
        'policy.deletionDay: expected a whole number of days or months from 1 to 56, got 100',
        'policy.reminders.quietHours.end: the allowed window must end after it starts (21:00–08:00)',
        '',
      ].join('\n'),
    );
    expect(error).toBe(`${path}: 3 problems`);
    const json = JSON.parse((await run(['check', path, '--format', 'json'])).out) as { problems: { code?: string }[] };
    expect(json.problems.map((problem) => problem.code)).toEqual(['invalid-time-zone', 'invalid-number', 'invalid-time']);
  });

  it('R-IN-4 check: a missing file, bad JSON, no FILE or no action are usage errors', async () => {
    expect((await run(['check', join(dir, 'nope.json')])).error).toMatch(/cannot read .*ENOENT/);
    expect((await run(['check', file('bad.json', '{')])).error).toMatch(/is not valid JSON/);
    expect((await run(['check'])).error).toMatch(/policy check FILE, or policy show/);
    expect((await run(['frobnicate'])).error).toMatch(/policy check FILE, or policy show/);
  });

  it('R-POL-1 show: the effective policy as JSON, the default without --policy', async () => {
    expect(JSON.parse((await run(['show'])).out)).toEqual(defaultPolicy);
    const berlin = file('berlin.json', { timeZone: 'Europe/Berlin', currency: 'EUR' });
    const shown = JSON.parse((await run(['show', '--policy', berlin])).out) as typeof defaultPolicy;
    expect([shown.timeZone, shown.currency, shown.expiryTime]).toEqual(['Europe/Berlin', 'EUR', '23:59:59']);
  });
});

describe('subscription-expiry policy, every message exactly', () => {
  it('R-POL-1 check: each problem once, by path, in the words a person can act on', async () => {
    const cadence = { channel: 'email', cadence: 'daily', from: -1, through: -1 };
    const path = file('many.json', {
      deletionDay: 'x',
      fees: { reactivationTiers: [{ fromDay: -1.5, rate: '15%', minimum: '25.00', extra: 1 }] },
      reminders: {
        sendTimes: { sms2: '9am', '1x': '9am' },
        cadences: [...Array(10).fill(cadence), { channel: 'email', cadence: 'daily', from: -1 }],
      },
    });
    expect(await cli(['policy', 'check', path])).toEqual({
      code: 2,
      stdout: [
        // The schema's word first; definePolicy's message for the same path does not replace it.
        'policy.deletionDay: must be integer',
        'policy.fees.reactivationTiers[0].extra: this is not a policy field (check its spelling)',
        // The first of two schema errors for one path (not an integer, and below 0).
        'policy.fees.reactivationTiers[0].fromDay: must be integer',
        'policy.fees.reactivationTiers[0].rate: expected a fraction of the invoice as a decimal string such as "0.15" (15 %), from 0 to 10 with at most 6 decimal places, or a number.',
        'policy.reminders.cadences[10].through: this field is required',
        'policy.reminders.sendTimes: must match pattern "^[a-z][a-z0-9-]{0,31}$"',
        // A field name is written as an index only when it is all digits.
        'policy.reminders.sendTimes.sms2: must match pattern "^([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?$"',
        'policy.reminders.sendTimes.1x: must match pattern "^([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?$"',
        '',
      ].join('\n'),
      stderr: `subscription-expiry: ${path}: 8 problems\n`,
    });
  });

  it('R-POL-1 check --format json: a valid file is valid, with no problems', async () => {
    const path = file('empty.json', {});
    const { code, stdout } = await cli(['policy', 'check', path, '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ file: path, valid: true, problems: [] });
  });

  it('CLI: policy check of an unreadable file names it as the policy file (not as a flag it never was)', async () => {
    const missing = join(dir, 'missing.json');
    expect((await cli(['policy', 'check', missing])).stderr).toBe(`subscription-expiry: cannot read the policy file ${missing}: ENOENT\n`);
  });

  it.each([[['show', 'p.json']], [['check', 'a.json', 'b.json']], [['check']]])(
    'CLI: policy %j is a usage error that names both actions',
    async (args) => {
      expect(await cli(['policy', ...args])).toEqual({
        code: 2,
        stdout: '',
        stderr: 'subscription-expiry: policy takes an action: policy check FILE, or policy show [--policy FILE]\n',
      });
    },
  );
});
