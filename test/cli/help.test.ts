import { describe, expect, it } from 'vitest';
import { helpOf, UsageError } from '../../src/cli/options.js';
import { cli } from './support.js';

/**
 * The help texts, word for word: what a person reads is pinned here, so a flag's help, a
 * placeholder, the alignment or a note cannot change unnoticed (test/cli/flags.test.ts checks
 * that each text lists exactly the flags its command accepts).
 */

type Option = readonly [label: string, help: string];

const SUBSCRIPTION: readonly Option[] = [
  ['--expires YYYY-MM-DD', 'expiration date (required)'],
  ['--invoice AMOUNT', 'invoice amount at expiration, e.g. 300.00'],
  ['--id ID', 'subscription id (prefixes reminder keys)'],
  ['--extension-ends DATE', "a granted extension's last day"],
  ['--payment-method METHOD', 'e.g. bank-transfer'],
  ['--recipient-tz ZONE', "recipient's IANA zone, for quiet hours"],
];
const NOW: Option = ['--now INSTANT', 'e.g. 2026-03-20T12:00:00Z (default: the real clock)'];
const POLICY: Option = ['--policy FILE.json', 'policy overrides (see docs/policy.md)'];
const FORMAT: Option = ['--format table|json', 'table for people (default), json for scripts'];
const LOCALE: Option = ['--locale LOCALE', 'money display, default en-US'];
const HELP: Option = ['-h, --help', 'this help'];
const EXIT_CODES = 'Exit codes: 0 ok, 1 some batch lines failed, 2 usage or input error.';

/** A command's help as a person should see it: its labels padded to `width`, two spaces, the help. */
function helpText(usage: string, summary: string, width: number, options: readonly Option[]): string {
  const lines = options.map(([label, help]) => `  ${label.padEnd(width)}  ${help}`);
  return [`Usage: subscription-expiry ${usage}`, '', summary, '', 'Options', ...lines, '', EXIT_CODES].join('\n');
}

const EXPECTED: Readonly<Record<string, string>> = {
  status: helpText('status [options]', 'phase, access, days until or past expiry, and the next phase', 23, [
    ...SUBSCRIPTION,
    NOW,
    POLICY,
    FORMAT,
    HELP,
  ]),
  quote: helpText('quote [options]', 'the reactivation or recovery fee, with its working', 23, [
    ...SUBSCRIPTION,
    NOW,
    POLICY,
    FORMAT,
    LOCALE,
    HELP,
  ]),
  reminders: helpText('reminders [options]', 'the reminder schedule, or with --due --from --to the reminders due in [from, to)', 23, [
    ...SUBSCRIPTION,
    ['--due', 'only the reminders due in [--from, --to)'],
    ['--from INSTANT', 'with --due: the window opens (inclusive)'],
    ['--to INSTANT', 'with --due: the window closes (exclusive)'],
    POLICY,
    FORMAT,
    HELP,
  ]),
  timeline: helpText('timeline [options]', "every dated event of the subscription's lifecycle", 23, [
    ...SUBSCRIPTION,
    POLICY,
    FORMAT,
    HELP,
  ]),
  extension: helpText('extension [options]', 'may this customer have a temporary extension? (--order-id or --ticket FILE)', 24, [
    ...SUBSCRIPTION,
    ['--order-id XXX-XXX-XXXXX', 'the order id the customer gave'],
    ['--ticket FILE', 'a support ticket to find the order id in'],
    ['--requested-at INSTANT', 'when the customer asked (default: --now)'],
    ['--previous INSTANT', 'an earlier request (repeatable)'],
    NOW,
    POLICY,
    FORMAT,
    HELP,
  ]),
  demo: helpText('demo [options]', "a built-in example: a 300.00 subscription's timeline and late fees (npm start)", 19, [
    POLICY,
    FORMAT,
    LOCALE,
    HELP,
  ]),
  policy: `Usage: subscription-expiry policy [options] check FILE | show

policy check FILE: every problem of a policy file; policy show: the effective policy as JSON

Options
  --policy FILE.json   policy overrides (see docs/policy.md)
  --format table|json  table for people (default), json for scripts
  -h, --help           this help

policy check FILE exits 0 for a valid policy file and 2 when it has problems, listing each
with its path. policy show prints the policy in force (the defaults, or --policy FILE
merged over them) as JSON.

${EXIT_CODES}`,
  batch: `Usage: subscription-expiry batch [options] [FILE…]

one record per line of NDJSON or CSV files (- or none: standard input), streamed

Options
  --now INSTANT               e.g. 2026-03-20T12:00:00Z (default: the real clock)
  --from INSTANT              with --to: also list the reminders due in [from, to)
  --to INSTANT                with --from: the window closes (exclusive)
  --policy FILE.json          policy overrides (see docs/policy.md)
  --input FILE                the same as a FILE argument (read first)
  --input-format ndjson|csv   default: from each file name (.csv), else ndjson
  --output-format ndjson|csv  default: ndjson
  --allow-extra-columns       ignore CSV columns other than those below (wide exports)
  --allow-extra-fields        ignore NDJSON keys other than those below (wide exports)
  --max-line-bytes BYTES      a longer line is an error record (line-too-long), default 4194304
  --raw-csv                   write CSV cells as they are: no ' before =, +, -, @, tab or CR
  -q, --quiet                 no progress line and no summary on stderr
  -h, --help                  this help

NDJSON input: one JSON object per line with the keys id, expirationDate, invoiceAmount,
extension, paymentMethod, recipientTimeZone (extension: {"endsOn": "YYYY-MM-DD"}); the
shape is subscription-expiry/subscription.schema.json. An unknown key is an error record
(unknown-field) naming the key it may be meant for; --allow-extra-fields ignores unknown
keys.

CSV input: a header line, then one subscription per line (a quoted field may not span
lines). Columns: id, expirationDate, invoiceAmount, extensionEndsOn, paymentMethod,
recipientTimeZone; expirationDate is required; empty cells are absent fields. An unknown
or repeated column stops the run (exit 2) before any line is read.

Every non-blank input line gets one record, in order, naming its file and line: the status
and fee (and reminders due), or the error with its code, path and message. A line that is
not JSON or not CSV is an error record (invalid-line), and so is a line longer than
--max-line-bytes (line-too-long, not read into memory); the batch goes on.

CSV output columns: file, line, ok, id, phase, expirationDate, daysUntilExpiry,
daysPastExpiry, feeKind, fee, total, currency, remindersDue, errorCode, errorPath,
errorMessage. A text cell that would start with =, +, -, @, tab or CR gets a leading ' so
that a spreadsheet shows it instead of running it (--raw-csv: off). A control character
other than tab, CR and LF (NUL, ESC, DEL…) is written as its visible symbol from Unicode's
Control Pictures (NUL as ␀), whatever --raw-csv says.

On a terminal, stderr shows a live progress line; a summary follows unless --quiet. A
reader that closes the pipe (| head) ends the run quietly with status 141. SIGINT or
SIGTERM ends the run after the record being written, with status 130 or 143.

${EXIT_CODES}`,
};

const USAGE = `subscription-expiry — exact answers about SaaS subscription expiry

Usage: subscription-expiry <command> [options]
       subscription-expiry <command> --help     the command's options, exactly
       subscription-expiry --version            the version

Commands
  status      phase, access, days until or past expiry, and the next phase
  quote       the reactivation or recovery fee, with its working
  reminders   the reminder schedule, or with --due --from --to the reminders due in [from, to)
  timeline    every dated event of the subscription's lifecycle
  extension   may this customer have a temporary extension? (--order-id or --ticket FILE)
  policy      policy check FILE: every problem of a policy file; policy show: the effective policy as JSON
  batch       one record per line of NDJSON or CSV files (- or none: standard input), streamed
  demo        a built-in example: a 300.00 subscription's timeline and late fees (npm start)

Exit codes: 0 ok, 1 some batch lines failed, 2 usage or input error (a failed write
included), 130/143 batch stopped by SIGINT/SIGTERM, 141 the reader closed the output pipe.
`;

describe('CLI help, word for word', () => {
  it.each(Object.entries(EXPECTED))('CLI: %s --help, -h and "help <command>" print its help text exactly, exit 0', async (name, text) => {
    for (const args of [
      [name, '--help'],
      [name, '-h'],
      ['help', name],
    ]) {
      expect(await cli(args)).toEqual({ code: 0, stdout: `${text}\n`, stderr: '' });
    }
  });

  it('CLI: --help, -h, help and help with an unknown topic print the command list exactly, exit 0', async () => {
    for (const args of [['--help'], ['-h'], ['help'], ['help', 'nope'], ['--help', 'status']]) {
      expect(await cli(args)).toEqual({ code: 0, stdout: USAGE, stderr: '' });
    }
  });

  it('CLI: no command at all prints the command list and exits 2', async () => {
    expect(await cli([])).toEqual({ code: 2, stdout: USAGE, stderr: '' });
  });

  it('CLI: -q is --quiet for batch', async () => {
    const line = JSON.stringify({ id: 'a', expirationDate: '2026-03-08', invoiceAmount: '300.00' });
    const quiet = await cli(['batch', '-q', '--now', '2026-03-20T12:00:00Z'], { input: line });
    expect([quiet.code, quiet.stderr]).toEqual([0, '']);
  });
});

describe('CLI help notes are wrapped at 90 characters', () => {
  const spec = { name: 'wrapped', summary: 'a command with notes', flags: {} };
  const notesOf = (paragraph: string) =>
    helpOf({ ...spec, notes: [paragraph] })
      .split('\n')
      .slice(7, -2);

  it('CLI: a line of exactly 90 characters stays whole; one more character breaks it; a longer word stands alone', () => {
    const [x, y, z, w, v] = [95, 44, 45, 44, 46].map((length, i) => 'xyzwv'.charAt(i).repeat(length));
    expect(notesOf(`${x} ${y} ${z} ${w} ${v}`)).toEqual([x, `${y} ${z}`, w, v]);
  });

  it('CLI: short words fill a line, separated by single spaces; each paragraph follows a blank line', () => {
    expect(helpOf({ ...spec, notes: ['one two', 'three'] })).toBe(
      [
        'Usage: subscription-expiry wrapped [options]',
        '',
        'a command with notes',
        '',
        'Options',
        '  -h, --help  this help',
        '',
        'one two',
        '',
        'three',
        '',
        EXIT_CODES,
      ].join('\n'),
    );
  });
});

describe('CLI usage errors', () => {
  const SUB = ['--expires', '2026-03-08', '--invoice', '300.00'];

  it("CLI: an unknown flag is a usage error naming the command's flags, and its words when it takes some", async () => {
    expect(await cli(['timeline', ...SUB, '--bogus'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "subscription-expiry: timeline: Unknown option '--bogus'\n" +
        'timeline takes --expires, --invoice, --id, --extension-ends, --payment-method, --recipient-tz, --policy, --format, --help; see timeline --help\n',
    });
    expect((await cli(['batch', '--bogus'])).stderr).toBe(
      "subscription-expiry: batch: Unknown option '--bogus'\n" +
        'batch takes --now, --from, --to, --policy, --input, --input-format, --output-format, --allow-extra-columns, --allow-extra-fields, --max-line-bytes, --raw-csv, --quiet, --help and [FILE…]; see batch --help\n',
    );
  });

  it('CLI: --format other than table or json is a usage error saying what it got', async () => {
    expect(await cli(['timeline', ...SUB, '--format', 'xml'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'subscription-expiry: --format must be table or json, got xml\n',
    });
  });

  it('CLI: a usage error is a UsageError by name', () => {
    expect(String(new UsageError('bad'))).toBe('UsageError: bad');
  });
});
