import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { cli as runCli } from './support.js';

/** These tests run the tool in process (`run(argv, io)`); test/cli/bin.test.ts runs the executable. */
let scratch = '';

const cli = (args: string[], input?: string) => runCli(args, input === undefined ? {} : { input });

function file(name: string, content: string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

const SUB = ['--expires', '2026-03-08', '--invoice', '300.00', '--id', 'acme-1'];

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'subscription-expiry-cli-'));
});

describe('subscription-expiry status', () => {
  it('R-TZ-2 prints the expired phase from the expiry instant on, as a table', async () => {
    const { code, stdout } = await cli(['status', ...SUB, '--now', '2026-03-09T03:59:59Z']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^phase\s+expired$/m);
    expect(stdout).toMatch(/^expires at\s+2026-03-08 23:59:59 EDT$/m);
    expect(stdout).toMatch(/^days past expiry\s+0$/m);
  });

  it('R-ST-3 prints the status as JSON for scripts', async () => {
    const { code, stdout } = await cli(['status', ...SUB, '--now', '2026-03-20T12:00:00Z', '--format', 'json']);
    expect(code).toBe(0);
    const status = JSON.parse(stdout);
    expect(status).toMatchObject({ phase: 'expired', access: 'read-only', daysPastExpiry: 12, expirationDate: '2026-03-08' });
    expect(status.next).toEqual({ phase: 'deleted', at: '2026-03-23T04:00:00.000Z' });
  });
});

describe('subscription-expiry quote', () => {
  it('R-FEE-4 quotes $230.00 for $300, 45 days late, with its working', async () => {
    const table = await cli(['quote', ...SUB, '--now', '2026-04-22T12:00:00-04:00']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^fee\s+\$230\.00$/m);
    expect(table.stdout).toMatch(/^total to pay\s+\$530\.00$/m);
    expect(table.stdout).toMatch(/\$4\.00 × 45 days = \$180\.00/);
    const json = JSON.parse((await cli(['quote', ...SUB, '--now', '2026-04-22T12:00:00-04:00', '--format', 'json'])).stdout);
    expect(json).toMatchObject({
      kind: 'recovery',
      fee: { amount: '230.00', currency: 'USD' },
      total: { amount: '530.00', currency: 'USD' },
    });
  });

  it('R-POL-2 takes a --policy file of overrides', async () => {
    const policy = file('berlin.json', JSON.stringify({ timeZone: 'Europe/Berlin', currency: 'EUR' }));
    const json = JSON.parse((await cli(['quote', ...SUB, '--now', '2026-03-10T12:00:00Z', '--policy', policy, '--format', 'json'])).stdout);
    expect(json).toMatchObject({ kind: 'reactivation', fee: { amount: '30.00', currency: 'EUR' } });
    const table = await cli(['quote', ...SUB, '--now', '2026-03-10T12:00:00Z', '--policy', policy, '--locale', 'de-DE']);
    expect(table.stdout).toMatch(/^fee\s+30,00\s€$/m);
  });
});

describe('subscription-expiry reminders and timeline', () => {
  it('R-RM-1 lists the whole schedule, and R-RM-4 only the reminders due in [from, to)', async () => {
    const schedule = JSON.parse((await cli(['reminders', ...SUB, '--format', 'json'])).stdout);
    expect(schedule.length).toBeGreaterThan(10);
    expect(schedule.at(-1)).toMatchObject({ date: '2026-03-08', daysBeforeExpiry: 0 });
    const due = JSON.parse(
      (
        await cli([
          'reminders',
          ...SUB,
          '--due',
          '--from',
          '2026-03-08T00:00:00-05:00',
          '--to',
          '2026-03-09T00:00:00-04:00',
          '--format',
          'json',
        ])
      ).stdout,
    );
    expect(due.map((r: { key: string }) => r.key)).toEqual(['acme-1:email:2026-03-08', 'acme-1:sms:2026-03-08', 'acme-1:phone:2026-03-08']);
    const table = await cli(['reminders', ...SUB]);
    expect(table.stdout).toMatch(/^2026-03-08\s+email\s+daily\s+2026-03-08 09:00:00 EDT\s+0\s+acme-1:email:2026-03-08$/m);
  });

  it('R-TL-1 prints the timeline in order, as a table and as JSON', async () => {
    const json = JSON.parse((await cli(['timeline', ...SUB, '--format', 'json'])).stdout);
    const events = json.map((e: { event: string }) => e.event);
    expect(events[0]).toBe('reminders-start');
    expect(events).toContain('data-deletion');
    expect(events.at(-1)).toBe('recovery-closes');
    expect((await cli(['timeline', ...SUB])).stdout).toMatch(/^2026-03-23\s+data-deletion\s+2026-03-23 00:00:00 EDT$/m);
  });
});

describe('subscription-expiry extension', () => {
  it('R-EXT-6 finds the order id in a ticket and R-EXT-5 grants 7 days', async () => {
    const ticket = file(
      'ticket.txt',
      'My subscription has expired. Can you please create a support ticket for me to request a temporary extension for my order ID abc-123-45678 ?',
    );
    const json = JSON.parse(
      (await cli(['extension', ...SUB, '--ticket', ticket, '--now', '2026-03-10T15:00:00Z', '--format', 'json'])).stdout,
    );
    expect(json).toMatchObject({ eligible: true, orderId: 'ABC-123-45678', extension: { endsOn: '2026-03-17' } });
    const table = await cli(['extension', ...SUB, '--order-id', 'ABC-123-45678', '--now', '2026-03-10T15:00:00Z']);
    expect(table.stdout).toMatch(/^extension ends on\s+2026-03-17$/m);
  });

  it('R-EXT-4 prints every reason for a refusal', async () => {
    const { code, stdout } = await cli(['extension', ...SUB, '--now', '2026-01-10T15:00:00Z', '--format', 'json']);
    expect(code).toBe(0);
    const decision = JSON.parse(stdout);
    expect(decision.eligible).toBe(false);
    expect(decision.reasons.map((r: { code: string }) => r.code).sort()).toEqual(['order-id-missing', 'too-early']);
  });
});

describe('subscription-expiry errors and usage', () => {
  it('R-IN-4 exits 2 with the code, path and message of bad input', async () => {
    const { code, stderr } = await cli(['status', '--expires', '2026-02-30', '--now', '2026-03-01T00:00:00Z']);
    expect(code).toBe(2);
    expect(stderr).toContain('[invalid-date] subscription.expirationDate');
  });

  it('exits 2 with a message that says what to fix for usage errors', async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli(['frobnicate'])).stderr).toMatch(/unknown command "frobnicate"/);
    expect((await cli(['status', '--now', '2026-03-01T00:00:00Z'])).stderr).toMatch(/--expires YYYY-MM-DD is required/);
    expect((await cli(['status', ...SUB, '--format', 'xml'])).code).toBe(2);
    expect((await cli(['status', ...SUB, '--bogus'])).code).toBe(2);
    expect((await cli(['--help'])).code).toBe(0);
  });

  it('R-POL-1 exits 2 on a bad --policy: missing file, broken JSON, or an invalid field with its path', async () => {
    expect((await cli(['status', ...SUB, '--policy', join(scratch, 'missing.json')])).stderr).toMatch(/cannot read --policy .*ENOENT/);
    expect((await cli(['status', ...SUB, '--policy', file('broken.json', '{ timeZone: ')])).stderr).toMatch(/not valid JSON/);
    const invalid = await cli([
      'status',
      ...SUB,
      '--now',
      '2026-03-01T00:00:00Z',
      '--policy',
      file('bad.json', '{"fees":{"recovery":{"dailyRate":"-4"}}}'),
    ]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('PolicyError [invalid-amount] policy.fees.recovery.dailyRate');
  });
});

describe('subscription-expiry batch', () => {
  const NOW = ['--now', '2026-03-20T12:00:00Z'];
  const lines = [
    JSON.stringify({ id: 'a', expirationDate: '2026-03-08', invoiceAmount: '300.00' }),
    '{ not json',
    '',
    JSON.stringify({ id: 'b', expirationDate: '2026-02-30' }),
    JSON.stringify({ id: 'c', expirationDate: '2026-04-30' }),
    JSON.stringify({ id: 'd', expirationDate: '2026-03-08' }),
  ];

  it('R-IN-4 accounts for every line, in order: good lines get results, bad ones error records; exit 1', async () => {
    const { code, stdout, stderr } = await cli(['batch', ...NOW], `${lines.join('\n')}\n`);
    expect(code).toBe(1);
    const records = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records.map((r) => [r.line, r.ok])).toEqual([
      [1, true],
      [2, false],
      [4, false],
      [5, true],
      [6, false],
    ]);
    expect(records[0]).toMatchObject({
      id: 'a',
      status: { phase: 'expired', daysPastExpiry: 12 },
      fee: { kind: 'reactivation', fee: { amount: '50.00' }, minimumApplied: true },
    });
    expect(records[1].error.code).toBe('invalid-line');
    expect(records[2]).toMatchObject({ id: 'b', error: { code: 'invalid-date', path: 'subscription.expirationDate' } });
    expect(records[4]).toMatchObject({ id: 'd', error: { code: 'missing', path: 'subscription.invoiceAmount' } });
    expect(stderr).toMatch(/batch: 5 lines read, 2 ok, 3 failed/);
  });

  it('R-RM-4 reads CSV from a file and writes CSV, with the reminders due in [from, to); exit 0 when all succeed', async () => {
    const input = file(
      'subs.csv',
      'id,expirationDate,invoiceAmount,extensionEndsOn\nx,2026-03-21,100.00,\n"y, inc",2026-03-08,300.00,2026-03-15\n',
    );
    const { code, stdout } = await cli([
      'batch',
      '--input',
      input,
      '--output-format',
      'csv',
      ...NOW,
      '--from',
      '2026-03-20T00:00:00Z',
      '--to',
      '2026-03-21T00:00:00Z',
    ]);
    expect(code).toBe(0);
    const [header, first, second] = stdout.trim().split('\n');
    expect(header).toBe(
      'file,line,ok,id,phase,expirationDate,daysUntilExpiry,daysPastExpiry,feeKind,fee,total,currency,remindersDue,errorCode,errorPath,errorMessage',
    );
    expect(first).toBe(`${input},2,true,x,renewal-due,2026-03-21,1,,none,,,,x:email:2026-03-20 x:sms:2026-03-20 x:phone:2026-03-20,,,`);
    expect(second).toBe(`${input},3,true,"y, inc",expired,2026-03-15,,5,reactivation,30.00,330.00,USD,,,,`);
  });

  it('reads NDJSON from --input and CSV errors keep their line numbers', async () => {
    const ndjson = file('subs.ndjson', `${lines[0]}\n`);
    expect((await cli(['batch', '--input', ndjson, ...NOW])).code).toBe(0);
    const csv = file('bad.csv', 'id,expirationDate,invoiceAmount\nok,2026-03-08,300.00\nbad,2026-13-01,1\n');
    const out = (await cli(['batch', '--input', csv, ...NOW])).stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(out.map((r) => [r.line, r.ok])).toEqual([
      [2, true],
      [3, false],
    ]);
    expect((await cli(['batch', '--input', join(scratch, 'nope.csv'), ...NOW])).code).toBe(2);
  });

  it('R-IN-4 reads NDJSON in bytes: lines across 64 KiB reads, multi-byte UTF-8, CRLF, a 100 KB line, no final newline', async () => {
    // ~3,000 lines of ~70 bytes cross many 64 KiB read boundaries; the ids' multi-byte
    // characters land on some of them. One bad line is longer than a whole read.
    const ids = Array.from({ length: 3000 }, (_, i) => `sub-${i}-€漢🙂`);
    const text = ids
      .map((id, i) => {
        if (i === 1500) return `{"id":${JSON.stringify(id)},"note":"${'x'.repeat(100_000)}"`;
        return JSON.stringify({ id, expirationDate: '2026-03-08', invoiceAmount: '300.00' });
      })
      .join('\r\n');
    const path = file('bytes.ndjson', text);
    for (const run of [await cli(['batch', '--input', path, ...NOW]), await cli(['batch', ...NOW], text)]) {
      expect(run.code).toBe(1);
      const records = run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(records.map((r) => r.line)).toEqual(ids.map((_, i) => i + 1));
      expect(records.filter((r) => r.ok).map((r) => r.id)).toEqual(ids.filter((_, i) => i !== 1500));
      expect(records[1500]).toMatchObject({ line: 1501, ok: false, error: { code: 'invalid-line' } });
      expect(records[2999]).toMatchObject({ id: ids[2999], fee: { fee: { amount: '50.00' } } });
      // Exactly the summary: a Node whose V8 no longer knows the memory flag batch sets
      // would print 'unrecognized flag' here.
      expect(run.stderr).toBe('batch: 3000 lines read, 2999 ok, 1 failed\n');
    }
  });

  it('R-IN-2 stops before reading a line when the run itself is wrong: a --now without offset, a window backwards', async () => {
    const ambiguous = await cli(['batch', '--now', '2026-03-20T12:00:00'], `${lines[0]}\n`);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('[ambiguous-instant] now');
    expect(ambiguous.stdout).toBe('');
    const backwards = await cli(['batch', ...NOW, '--from', '2026-03-21T00:00:00Z', '--to', '2026-03-20T00:00:00Z'], `${lines[0]}\n`);
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toMatch(/--to comes before --from/);
  });
});

describe('subscription-expiry demo (npm start)', () => {
  it('R-FEE-4 shows the built-in $300 example: timeline and the cost of coming back late', async () => {
    const { code, stdout } = await cli(['demo']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^45\s+recovery\s+\$230\.00\s+\$530\.00/m);
    expect(stdout).toMatch(/^185\s+unrecoverable/m);
    expect(stdout).toMatch(/data-deletion/);
  });
});
