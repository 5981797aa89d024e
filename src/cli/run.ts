import { isLibraryError } from '../internal.js';
import { BATCH, PIPE_CLOSED, runBatch } from './batch.js';
import type { Command } from './command.js';
import { COMMANDS } from './commands.js';
import type { CliIo } from './io.js';
import { helpOf, parseCommandArgs, UsageError, type CommandSpec } from './options.js';
import { cannotWrite } from './output.js';
import { didYouMean } from './suggest.js';
import packageJson from '../../package.json';

const SPECS: readonly CommandSpec[] = [
  ...Object.values(COMMANDS).filter((command) => command.name !== 'demo'),
  BATCH,
  COMMANDS.demo as CommandSpec,
];

const USAGE = `subscription-expiry — exact answers about SaaS subscription expiry

Usage: subscription-expiry <command> [options]
       subscription-expiry <command> --help     the command's options, exactly
       subscription-expiry --version            the version

Commands
${SPECS.map((spec) => `  ${spec.name.padEnd(10)}  ${spec.summary}`).join('\n')}

Exit codes: 0 ok, 1 some batch lines failed, 2 usage or input error (a failed write
included), 130/143 batch stopped by SIGINT/SIGTERM, 141 the reader closed the output pipe.`;

/**
 * Runs the tool on `argv` (the words after the program's name) and resolves to the exit
 * code: 0 ok, 1 some batch lines failed, 2 usage or input error (an output that cannot be
 * written included), 130/143 a batch stopped by SIGINT/SIGTERM, 141 when the reader closed
 * the output pipe. Everything outside the tool comes through `io`: streams, clock, files.
 *
 * @example
 * const code = await run(['quote', '--expires', '2026-03-08', '--invoice', '300', '--now', '2026-04-22T12:00:00-04:00'], nodeIo());
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let outputError: NodeJS.ErrnoException | undefined;
  // A reader that goes away (EPIPE) must never surface as an unhandled 'error' event.
  io.stdout.on('error', (error: NodeJS.ErrnoException) => {
    outputError ??= error;
  });
  try {
    const code = await dispatch(argv, io);
    return outputError?.code === 'EPIPE' ? PIPE_CLOSED : code;
  } catch (error) {
    if (error instanceof OutputFailure) {
      if (error.failure.code === 'EPIPE') return PIPE_CLOSED;
      return report(io, cannotWrite(error.failure));
    }
    if (error instanceof UsageError || isLibraryError(error)) return report(io, error);
    throw error;
  }
}

/**
 * The one line the executable writes when `run` itself fails (a bug, never an input): what
 * failed, without a stack trace, on one line, so a night's log stays readable; exit 70.
 */
export function unexpectedFailureLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return `subscription-expiry: unexpected failure (a bug: please report it with the command you ran): ${text.replace(/\s+/g, ' ')}\n`;
}

/** A usage or input error: one line on stderr, exit 2. */
function report(io: CliIo, error: Error & { readonly code?: string }): number {
  io.stderr.write(`subscription-expiry: ${error instanceof UsageError ? '' : `${error.name} [${error.code}] `}${error.message}\n`);
  return 2;
}

/** The output stream refused a write. */
class OutputFailure extends Error {
  constructor(readonly failure: NodeJS.ErrnoException) {
    super(failure.message);
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  if (command === '--version' || command === '-V') {
    await print(io, packageJson.version);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' ? SPECS.find((spec) => spec.name === args[0]) : undefined;
    await print(io, topic === undefined ? USAGE : helpOf(topic));
    return command === undefined ? 2 : 0;
  }
  const spec = SPECS.find((candidate) => candidate.name === command);
  if (spec === undefined)
    throw new UsageError(
      `unknown command "${command}"${didYouMean(
        command,
        SPECS.map((s) => s.name),
      )}; the commands are ${SPECS.map((s) => s.name).join(', ')} (try --help)`,
    );
  const { values, positionals } = parseCommandArgs(spec, args);
  if (values.help === true) {
    await print(io, helpOf(spec));
    return 0;
  }
  if (spec === BATCH) return runBatch(values, positionals, io);
  // Commands write whole lines, each ending with a newline; what they wrote goes out as it is.
  let output = '';
  try {
    await (spec as Command).run(values, { positionals, clock: io.clock, readText: io.readText, write: (text) => (output += text) });
  } finally {
    // What a command wrote before refusing (policy check's problems) still goes out.
    await write(io, output);
  }
  return 0;
}

/** Writes a text and a newline (help, the command list). */
function print(io: CliIo, text: string): Promise<void> {
  return write(io, `${text}\n`);
}

/** Writes text as it is, and waits until the stream has taken it; rejects when it cannot. */
function write(io: CliIo, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    io.stdout.write(text, (error) => (error == null ? resolve() : reject(new OutputFailure(error))));
  });
}
