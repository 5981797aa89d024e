import { describe, expect, it } from 'vitest';
import { BATCH } from '../../src/cli/batch.js';
import { COMMANDS, percent } from '../../src/cli/commands.js';
import { nodeIo } from '../../src/cli/io.js';
import { flagsOf, textOf, type CommandSpec } from '../../src/cli/options.js';
import { cli } from './support.js';

const SPECS: readonly CommandSpec[] = [...Object.values(COMMANDS), BATCH];
const SUB = ['--expires', '2026-03-08', '--invoice', '300.00', '--id', 'acme-1'];

/** The flags a help text lists: every `--name` at the start of an option line. */
function listedFlags(help: string): string[] {
  return [...help.matchAll(/^ {2}(?:-\w, )?--([\w-]+)/gm)].map((match) => match[1] as string).sort();
}

describe('strict flags per command', () => {
  it.each(SPECS.map((spec) => [spec.name, spec] as const))('%s --help lists exactly the flags it accepts', async (name, spec) => {
    const { code, stdout } = await cli([name, '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: subscription-expiry ${name} \\[options\\]`));
    expect(listedFlags(stdout)).toEqual(Object.keys(flagsOf(spec)).sort());
    expect((await cli(['help', name])).stdout).toBe(stdout);
  });

  it.each([
    ['batch', ['--invoice', 'abc', ...['--now', '2026-03-20T12:00:00Z']]],
    ['batch', ['--format', 'table']],
    ['batch', ['--locale', 'de-DE']],
    ['demo', ['--expires', '2026-03-08']],
    ['timeline', [...SUB, '--now', '2026-03-20T12:00:00Z']],
    ['status', [...SUB, '--locale', 'de-DE']],
    ['reminders', [...SUB, '--order-id', 'ABC-123-45678']],
  ])('%s rejects a flag it does not take (%j): exit 2, naming its flags', async (name, args) => {
    const { code, stdout, stderr } = await cli([name, ...args]);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(new RegExp(`^subscription-expiry: ${name}: Unknown option '--[\\w-]+'\\n${name} takes --`));
    expect(stderr).toContain(`see ${name} --help`);
  });

  it('a stray word, or a flag without its value, is a usage error naming the flags', async () => {
    expect((await cli(['status', ...SUB, 'extra'])).stderr).toMatch(
      /^subscription-expiry: status: Unexpected argument 'extra'.*\nstatus takes --expires, --invoice/,
    );
    expect((await cli(['quote', '--expires'])).stderr).toMatch(/quote: Option '--expires <value>' argument missing/);
  });

  const NOW = ['--now', '2026-03-20T12:00:00Z'];
  const VALID: Readonly<Record<string, readonly string[]>> = {
    status: [...SUB, ...NOW],
    quote: [...SUB, ...NOW],
    reminders: SUB,
    timeline: SUB,
    extension: [...SUB, ...NOW],
    demo: [],
    batch: NOW,
    policy: ['show'],
  };

  it.each(SPECS.map((spec) => [spec.name] as const))(
    'R-POL-1 %s --policy with a missing or invalid file is an input error (exit 2)',
    async (name) => {
      const args = [name, ...(VALID[name] ?? [])];
      const missing = await cli([...args, '--policy', '/nonexistent/policy.json'], { input: '' });
      expect([missing.code, missing.stdout]).toEqual([2, '']);
      expect(missing.stderr).toBe('subscription-expiry: cannot read --policy /nonexistent/policy.json: ENOENT\n');
      const invalid = await cli([...args, '--policy', 'p.json'], { input: '', files: { 'p.json': '{"timeZone":"Mars/Olympus"}' } });
      expect(invalid.code).toBe(2);
      expect(invalid.stderr).toMatch(/PolicyError \[[\w-]+\] policy\.timeZone/);
    },
  );

  it('the general help lists every command; no command is a usage error; an unknown one names the commands', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const spec of SPECS) expect(help.stdout).toContain(`  ${spec.name.padEnd(10)}  ${spec.summary}`);
    expect((await cli([])).code).toBe(2);
    expect((await cli(['help', 'nope'])).stdout).toBe(help.stdout);
    expect((await cli(['frobnicate'])).stderr).toMatch(
      /unknown command "frobnicate"; the commands are status, quote, reminders, timeline, extension, policy, batch, demo/,
    );
  });
});

describe('the other commands, in process', () => {
  it('reminders: --from/--to need --due, and --due needs both', async () => {
    expect((await cli(['reminders', ...SUB, '--from', '2026-03-01T00:00:00Z'])).stderr).toMatch(/--from and --to go with --due/);
    expect((await cli(['reminders', ...SUB, '--due', '--from', '2026-03-01T00:00:00Z'])).stderr).toMatch(/--due needs --from and --to/);
  });

  it('extension: --order-id and --ticket exclude each other; an unreadable ticket is an input error', async () => {
    expect((await cli(['extension', ...SUB, '--order-id', 'ABC-123-45678', '--ticket', 't.txt'])).stderr).toMatch(
      /give --order-id or --ticket, not both/,
    );
    expect((await cli(['extension', ...SUB, '--ticket', '/nonexistent/ticket.txt'])).stderr).toMatch(
      /cannot read --ticket \/nonexistent\/ticket.txt: ENOENT/,
    );
  });

  it('R-EXT-3 extension takes --previous requests, repeatedly, and --requested-at', async () => {
    const { stdout } = await cli([
      'extension',
      ...SUB,
      '--order-id',
      'ABC-123-45678',
      '--requested-at',
      '2026-03-10T15:00:00Z',
      '--previous',
      '2025-12-01T00:00:00Z',
      '--previous',
      '2026-02-20T00:00:00Z',
    ]);
    expect(stdout).toMatch(/^eligible\s+no$/m);
    expect(stdout).toMatch(/^recent-request/m);
  });

  it('status shows an extension and the days until expiry; quote tables every kind', async () => {
    const extended = await cli([
      'status',
      ...SUB,
      '--extension-ends',
      '2026-03-15',
      '--payment-method',
      'card',
      '--recipient-tz',
      'Europe/Berlin',
      '--now',
      '2026-03-10T12:00:00Z',
    ]);
    expect(extended.stdout).toMatch(/^expiration date\s+2026-03-15 \(extended from 2026-03-08\)$/m);
    expect((await cli(['status', ...SUB, '--now', '2026-03-01T12:00:00Z'])).stdout).toMatch(/^days until expiry\s+7$/m);
    expect((await cli(['quote', ...SUB, '--now', '2026-03-01T12:00:00Z'])).stdout).toMatch(/^fee\s+nothing to pay: not expired$/m);
    expect((await cli(['quote', ...SUB, '--now', '2027-03-01T12:00:00Z'])).stdout).toMatch(/^kind\s+unrecoverable$/m);
  });

  it('demo takes --policy, --format json and --locale', async () => {
    const berlin = await cli(['demo', '--policy', 'p.json', '--locale', 'de-DE'], {
      files: { 'p.json': '{"timeZone":"Europe/Berlin","currency":"EUR"}' },
    });
    expect(berlin.code).toBe(0);
    expect(berlin.stdout).toMatch(/^A 300,00\s€ subscription that expires on 2026-03-08 \(policy: p\.json, Europe\/Berlin\)$/m);
    const json = JSON.parse((await cli(['demo', '--format', 'json'])).stdout);
    expect(json.quotes).toHaveLength(8);
  });

  it('a rate is shown as a percentage exactly, by moving the decimal point, without trailing zeros', () => {
    expect(['0.15', '0.1', '1', '0.125', '0', '2.5', '0.0001', '0.1250', '0.1000'].map(percent)).toEqual([
      '15 %',
      '10 %',
      '100 %',
      '12.5 %',
      '0 %',
      '250 %',
      '0.01 %',
      '12.5 %',
      '10 %',
    ]);
  });
});

describe('flag values', () => {
  it("CLI: a flag's text is there only for a string flag that was given", () => {
    expect([textOf({ a: 'x' }, 'a'), textOf({ due: true }, 'due'), textOf({ previous: ['x'] }, 'previous'), textOf({}, 'a')]).toEqual([
      'x',
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('run(argv, io) and nodeIo()', () => {
  it('nodeIo() is the real process: its streams, the system clock, the file system', async () => {
    const io = nodeIo();
    expect([io.stdin, io.stdout]).toEqual([process.stdin, process.stdout]);
    expect(Math.abs(io.clock().getTime() - Date.now())).toBeLessThan(1000);
    expect(io.readText('package.json')).toContain('"name": "subscription-expiry"');
    const chunks: Uint8Array[] = [];
    for await (const chunk of await io.openFile('package.json')) chunks.push(Buffer.from(chunk));
    expect(Buffer.concat(chunks).toString('utf8')).toBe(io.readText('package.json'));
  });

  it('a failure that is not the input’s (here: a clock that throws) rejects, for the executable to report', async () => {
    await expect(
      cli(['status', '--expires', '2026-03-08'], {
        clock: () => {
          throw new TypeError('no clock');
        },
      }),
    ).rejects.toThrow('no clock');
  });
});
