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
