import { isLibraryError } from '../errors.js';
import { runBatch, type BatchIo } from './batch.js';
import { COMMANDS } from './commands.js';
import { UsageError } from './options.js';

const USAGE = `subscription-expiry — exact answers about SaaS subscription expiry

Usage: subscription-expiry <command> [options]

Commands
  status      phase, access, days until or past expiry, and the next phase
  quote       the reactivation or recovery fee, with its working
  reminders   the reminder schedule, or with --due --from --to the reminders due in [from, to)
  timeline    every dated event of the subscription's lifecycle
  extension   may this customer have a temporary extension? (--order-id or --ticket FILE)
  batch       one result per line of NDJSON or CSV (--input FILE or stdin), streamed
  demo        a built-in $300 example (what npm start runs)
  policy      policy check FILE: every problem of a policy file (exit 0 or 2);
              policy show [--policy FILE]: the effective policy as JSON

Subscription options
  --expires YYYY-MM-DD      expiration date (required)
  --invoice AMOUNT          invoice amount at expiration, e.g. 300.00
  --id ID                   subscription id (prefixes reminder keys)
  --extension-ends DATE     a granted extension's last day
  --payment-method METHOD   e.g. bank-transfer
  --recipient-tz ZONE       recipient's IANA zone, for quiet hours

Common options
  --now INSTANT             e.g. 2026-03-20T12:00:00Z (default: the real clock)
  --policy FILE.json        policy overrides (see docs/policy.md)
  --format table|json       table for people (default), json for scripts
  --locale LOCALE           money and number display, default en-US

Batch options
  --input FILE              default: stdin (- also means stdin)
  --input-format ndjson|csv default: from the file name, else ndjson
  --output-format ndjson|csv
  --from INSTANT --to INSTANT   also list the reminders due in [from, to)

Exit codes: 0 ok, 1 some batch lines failed, 2 usage or input error.`;

export interface CliIo extends BatchIo {}

/** Runs the tool; resolves to the exit code. Nothing here reads the clock but `io.clock`. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (command === 'batch') {
      const summary = await runBatch(args, io);
      return summary.failed > 0 ? 1 : 0;
    }
    const handler = COMMANDS[command];
    if (handler === undefined) throw new UsageError(`unknown command "${command}"; try --help`);
    await handler(args, { clock: io.clock, write: (text) => io.stdout.write(text) });
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`subscription-expiry: ${error.message}\n`);
      return 2;
    }
    if (isLibraryError(error)) {
      io.stderr.write(`subscription-expiry: ${error.name} [${error.code}] ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

run(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, clock: () => new Date() }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`subscription-expiry: unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 70;
  },
);
