/**
 * How a run of the billing job (or its sender) ends: exit code 0 done, 1 a fault worth
 * retrying (the database went away, a timeout), 2 usage or configuration (a bad flag, a
 * malformed DATABASE_URL, a missing password, a bad policy file, a window run under
 * another policy). Whatever happens, it is one line on stderr, never a stack trace.
 */

/** A problem with how the job was called or configured: exit code 2. Running it again as is will not help. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The exit code of a run that ended with `error`: 2 for usage and configuration, 1 for everything else. */
function exitCodeOf(error: unknown): 1 | 2 {
  return isUsageError(error) || configurationProblemOf(error) !== undefined ? 2 : 1;
}

/**
 * The one line a run that ended with `error` prints on stderr: the program's name, what
 * happened, and for a fault whether running it again is the cure. Never a stack trace,
 * never more than one line.
 *
 * @example
 * faultLine('billing-job', new Error('Connection terminated unexpectedly'))
 * //=> 'billing-job: Connection terminated unexpectedly (a fault worth retrying: run it again, it resumes where it stopped)'
 */
function faultLine(program: string, error: unknown): string {
  const configuration = configurationProblemOf(error);
  const message = configuration ?? messageOf(error);
  const line = isUsageError(error) || configuration !== undefined ? message : `${message} (${RETRY})`;
  const help = isParseArgsError(error) ? ` (${program} --help lists the commands and options)` : '';
  return `${program}: ${line.replace(/\s*[\r\n]+\s*/g, ' ')}${help}`;
}

/** What a fault line says after a retryable fault. */
const RETRY = 'a fault worth retrying: run it again, it resumes where it stopped';

/**
 * Reports how a run ended, in one line, and sets the exit code. A safety net then ends the
 * process if something (a socket the pool could not close) would keep it alive: every wait
 * has a timeout, and so does the last one.
 */
export function endRun(program: string, error: unknown): void {
  const code = exitCodeOf(error);
  console.error(faultLine(program, error));
  process.exitCode = code;
  setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
}

/** How long a finished run may take to close its sockets before the process ends anyway. */
const EXIT_GRACE_MS = 5_000;

/** A usage error: ours, or one of node:util parseArgs's (an unknown flag, a missing value). */
function isUsageError(error: unknown): boolean {
  return error instanceof UsageError || isParseArgsError(error);
}

function isParseArgsError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS');
}

/**
 * The plain message for an error from the connection that is configuration, not a fault:
 * retrying cannot help until someone changes the URL, the password or the server's
 * access rules. Undefined for everything else.
 */
function configurationProblemOf(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = 'code' in error ? error.code : undefined;
  // PostgreSQL's SQLSTATEs: 28P01 wrong password, 28000 no access rule or no such role, 3D000 no such database.
  if (code === '28P01' || code === '28000' || code === '3D000') return `the database refused the connection: ${error.message}`;
  // The server asked for a password and none was given: pg says so from deep inside its SCRAM or MD5 code.
  if (code === undefined && /client password must be|password must be a string/i.test(error.message)) {
    return 'the server asks for a password and none was given: put it in DATABASE_URL (postgres://user:password@host/db), in PGPASSWORD or in ~/.pgpass';
  }
  return undefined;
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0]);
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const message = error.message !== '' ? error.message : (code ?? error.name);
  const lost = code === undefined ? undefined : NETWORK[code];
  return lost === undefined ? message : `${lost} (${message})`;
}

/** What a socket's error code means for the job. */
const NETWORK: Readonly<Record<string, string>> = {
  ECONNRESET: 'the connection to the database was lost',
  EPIPE: 'the connection to the database was lost',
  ETIMEDOUT: 'the database did not answer in time',
  ECONNREFUSED: 'the database refused to connect: is the server running, on this host and port?',
  ENOTFOUND: "the database's host name is not known: check DATABASE_URL's host",
  EAI_AGAIN: "the database's host name could not be looked up",
};
