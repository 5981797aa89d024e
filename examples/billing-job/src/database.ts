/**
 * The connection to PostgreSQL, as the billing job and its sender open it: a checked
 * DATABASE_URL, a pool whose every client has an error listener, and timeouts on every
 * wait (connecting, each statement, a transaction left idle), so a dropped connection
 * ends in one line and a silent server never hangs a run.
 */
import pg from 'pg';
import { UsageError } from './fault.js';

/** How long the job waits, in milliseconds; each has a flag and an environment variable. */
export interface Timeouts {
  /** Connecting, authentication included (--connect-timeout, BILLING_JOB_CONNECT_TIMEOUT; default 5 s). */
  readonly connectMs: number;
  /** One statement, on the server and, a little later, on the client (--statement-timeout, BILLING_JOB_STATEMENT_TIMEOUT; default 5 min). */
  readonly statementMs: number;
  /** A transaction left idle, after which the server ends the session (--idle-timeout, BILLING_JOB_IDLE_TIMEOUT; default 1 min). */
  readonly idleInTransactionMs: number;
}

/** The flags of {@link timeoutsOf}, for node:util parseArgs. */
export const TIMEOUT_FLAGS = {
  'connect-timeout': { type: 'string' },
  'statement-timeout': { type: 'string' },
  'idle-timeout': { type: 'string' },
} as const;

/** What the usage text says about the timeouts. */
export const TIMEOUT_USAGE = `  --connect-timeout D    connecting, authentication included (default 5s; env BILLING_JOB_CONNECT_TIMEOUT)
  --statement-timeout D  one statement (default 5m; env BILLING_JOB_STATEMENT_TIMEOUT)
  --idle-timeout D       a transaction left idle (default 1m; env BILLING_JOB_IDLE_TIMEOUT)
                         D is a duration: 500ms, 30s, 5m, 1h (a bare number is seconds)`;

const TIMEOUTS = [
  ['connectMs', 'connect-timeout', 'BILLING_JOB_CONNECT_TIMEOUT', 5_000],
  ['statementMs', 'statement-timeout', 'BILLING_JOB_STATEMENT_TIMEOUT', 300_000],
  ['idleInTransactionMs', 'idle-timeout', 'BILLING_JOB_IDLE_TIMEOUT', 60_000],
] as const;

/** The timeouts from the flags, else the environment, else the defaults; a bad value is a usage error. */
export function timeoutsOf(flags: Readonly<Record<string, unknown>>, env: NodeJS.ProcessEnv = process.env): Timeouts {
  const entries = TIMEOUTS.map(([field, flag, variable, fallback]) => {
    const given = flags[flag];
    if (typeof given === 'string') return [field, parseDuration(given, `--${flag}`, MAX_TIMEOUT_MS)];
    const fromEnv = env[variable];
    return [field, fromEnv === undefined || fromEnv === '' ? fallback : parseDuration(fromEnv, variable, MAX_TIMEOUT_MS)];
  });
  return Object.fromEntries(entries) as unknown as Timeouts;
}

const MAX_TIMEOUT_MS = 24 * 3_600_000;
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A duration in milliseconds from `500ms`, `30s`, `5m`, `1h`, `1d` or a bare number of
 * seconds; anything else, zero, or more than `max` is a usage error naming `option`.
 */
export function parseDuration(text: string, option: string, max: number): number {
  const match = /^(\d{1,9})(ms|s|m|h|d)?$/.exec(text.trim());
  const ms = match === null ? Number.NaN : Number(match[1]) * (UNIT_MS[match[2] ?? 's'] as number);
  if (!(ms > 0 && ms <= max)) {
    throw new UsageError(
      `${option} takes a duration above zero and at most ${max / 3_600_000} h, such as 500ms, 30s, 5m, 1h or 1d; got ${JSON.stringify(text)}`,
    );
  }
  return ms;
}

/**
 * DATABASE_URL, checked before anything connects: unset, not a URL, or not a postgres://
 * URL is a usage error (exit 2), never a DNS failure to retry.
 */
export function databaseUrlOf(env: NodeJS.ProcessEnv = process.env): string {
  const text = env.DATABASE_URL;
  const example = 'e.g. postgres://user:password@host:5432/billing';
  if (text === undefined || text.trim() === '') throw new UsageError(`set DATABASE_URL to the database, ${example}`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`DATABASE_URL is not a URL (${example}); got ${JSON.stringify(redacted(text))}`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new UsageError(`DATABASE_URL must start with postgres:// or postgresql:// (${example}); got ${url.protocol}//…`);
  }
  return text;
}

/** A URL's text without its password, for messages. */
function redacted(text: string): string {
  return text.replace(/(\/\/[^/:@]*:)[^/@]*@/, '$1***@');
}

/**
 * A pool on `url` with the timeouts, and an error listener on the pool and on every client
 * it opens, so a connection that drops between queries is an error the running query (or
 * the next one) reports, never an unhandled 'error' event with a stack trace.
 * `DateStyle` is pinned to ISO so a date read as text is `YYYY-MM-DD` (with ` BC` for an
 * era before Christ) whatever the server's configuration.
 */
export function createPool(url: string, timeouts: Timeouts, max = 1): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    // The client's own clock: the server's statement_timeout cannot fire if the server is gone silent.
    query_timeout: timeouts.statementMs + timeouts.connectMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    keepAlive: true,
    options: '-c DateStyle=ISO,YMD -c IntervalStyle=iso_8601',
    application_name: 'billing-job',
    Client: ClosingClient,
  });
  pool.on('error', ignore);
  pool.on('connect', (client) => client.on('error', ignore));
  return pool;
}

/**
 * A pg client that closes its socket when connecting fails. pg leaves it open when the
 * failure is on the client's side (the server asks for a password and there is none): the
 * server then waits its authentication_timeout (a minute) for an answer, and the run with it.
 */
class ClosingClient extends pg.Client {
  override connect(): Promise<pg.Client>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.Client> | undefined {
    const closeOnFailure = (error: unknown) => {
      if (error) (this as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    };
    if (callback === undefined) {
      return super.connect().catch((error: unknown) => {
        closeOnFailure(error);
        throw error;
      });
    }
    super.connect((error: Error | null) => {
      closeOnFailure(error);
      (callback as (error: Error | null, client: pg.Client) => void)(error, this);
    });
    return undefined;
  }
}

type ConnectCallback = ((error: Error) => void) | ((error: null, client: pg.Client) => void);

/**
 * The errors of an idle or between-queries connection. pg also fails the running or next
 * query with them, which is where the job reports them; the listener only keeps them from
 * becoming an unhandled 'error' event.
 */
function ignore(): void {}

/**
 * Runs `body` with a client checked out of `pool`, then releases it (destroying it after
 * an error, so a broken connection is never reused) and ends the pool, on every path.
 * Ending the pool is itself bounded by `timeoutMs`.
 */
export async function withClient<T>(pool: pg.Pool, timeoutMs: number, body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  try {
    const client = await pool.connect();
    // The connection's own error says what happened ("terminating connection due to
    // administrator command"); the query that fails after it only says the client is broken.
    let lost: Error | undefined;
    const onError = (error: Error) => {
      lost ??= error;
    };
    client.on('error', onError);
    let failure: Error | undefined;
    try {
      return await body(client);
    } catch (error) {
      failure = lost ?? (error instanceof Error ? error : new Error(String(error)));
      throw failure;
    } finally {
      client.off('error', onError);
      client.release(failure);
    }
  } finally {
    await endPool(pool, timeoutMs);
  }
}

/** Ends a pool, waiting at most `timeoutMs` for its sockets to close. */
export async function endPool(pool: pg.Pool, timeoutMs: number): Promise<void> {
  if (pool.ended || pool.ending) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    pool.end().catch(ignore),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref();
    }),
  ]);
  clearTimeout(timer);
}
