/**
 * The outbox sender: delivers the reminders the billing job recorded in `reminder_outbox`
 * once they are due, at least once each, with the reminder's key as the idempotency key.
 * See README.md ("Delivering the outbox") and src/sender.ts.
 *
 *   DATABASE_URL=postgres://… node examples/billing-job/dist/send.cjs --webhook URL [options]
 *   DATABASE_URL=postgres://… node examples/billing-job/dist/send.cjs --stdout [options]
 *   DATABASE_URL=postgres://… node examples/billing-job/dist/send.cjs failed
 *   DATABASE_URL=postgres://… node examples/billing-job/dist/send.cjs requeue [--key KEY]…
 *
 * One JSON summary line on stderr (stdout may be the NDJSON transport). Exit codes: 0
 * done, 1 a fault stopped it (run it again: nothing is lost), 2 usage error.
 */
import { parseArgs } from 'node:util';
import { createPool, databaseUrlOf, endPool, parseDuration, TIMEOUT_FLAGS, TIMEOUT_USAGE, timeoutsOf } from './database.js';
import { endRun, UsageError } from './fault.js';
import { listFailed, requeueFailed } from './outbox.js';
import { runSender, type SenderOptions, type StopSignal } from './sender.js';
import { ndjsonTransport, webhookTransport, type Transport } from './transport.js';

const USAGE = `Usage: billing-job-send (--webhook URL | --stdout) [options]
       billing-job-send failed                  list the rows given up on, one JSON line each
       billing-job-send requeue [--key KEY]…    put failed rows (all, or these) back in the queue

  --webhook URL          POST each reminder as JSON, with Idempotency-Key: <the reminder's key>
  --stdout               write each reminder as one JSON line on standard output
  --timeout DURATION     per request (default 10s); durations: 500ms, 30s, 5m, 1h (a bare number is seconds)
  --batch-size N         rows claimed at a time (default 100)
  --concurrency N        deliveries in flight (default 8)
  --rate N               at most N deliveries a second per channel (default: no cap)
  --max-attempts N       attempts before a row is marked failed (default 8)
  --backoff-base DURATION  wait after the first failed attempt, doubled each time (default 30s)
  --backoff-max DURATION   longest wait between attempts (default 1h)
  --lease DURATION       how long a claim holds its rows (default 5m; at least 4 times --timeout)
  --follow               keep polling until SIGTERM (finishes the batch in hand, then exits 0)
  --poll DURATION        with --follow, the wait when nothing is due (default 5s)
${TIMEOUT_USAGE}

The connection comes from DATABASE_URL. Exit codes: 0 done (the summary says what was
delivered, retried, failed and skipped), 1 a fault worth retrying (run it again: nothing
is lost), 2 usage or configuration.`;

async function main(argv: readonly string[], stop: StopSignal): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      webhook: { type: 'string' },
      stdout: { type: 'boolean' },
      timeout: { type: 'string', default: '10s' },
      'batch-size': { type: 'string', default: '100' },
      concurrency: { type: 'string', default: '8' },
      rate: { type: 'string' },
      'max-attempts': { type: 'string', default: '8' },
      'backoff-base': { type: 'string', default: '30s' },
      'backoff-max': { type: 'string', default: '1h' },
      lease: { type: 'string', default: '5m' },
      follow: { type: 'boolean' },
      poll: { type: 'string', default: '5s' },
      key: { type: 'string', multiple: true },
      ...TIMEOUT_FLAGS,
      help: { type: 'boolean' },
    },
  });
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  const command = positionals[0] ?? 'send';
  if (positionals.length > 1 || !['send', 'failed', 'requeue'].includes(command)) {
    throw new UsageError(`unknown command: ${positionals.join(' ')} (commands: send, failed, requeue)`);
  }
  if (values.key !== undefined && command !== 'requeue') throw new UsageError('--key goes with requeue only');
  // Every option is checked before the sender connects: a usage error never waits on the network.
  const url = databaseUrlOf();
  const timeouts = timeoutsOf(values);
  const send = command === 'send' ? senderSetup(values) : undefined;
  // Claims, re-reads and marks share a few connections; the deliveries in flight wait on them.
  const pool = createPool(url, timeouts, Math.min(send?.options.concurrency ?? 1, 4));
  try {
    if (command === 'failed') {
      for (const row of await listFailed(pool)) console.log(JSON.stringify(row));
    } else if (command === 'requeue') {
      console.error(JSON.stringify({ requeued: await requeueFailed(pool, values.key) }));
    } else if (send !== undefined) {
      const started = performance.now();
      const summary = await runSender(pool, send.transport, send.options, stop);
      const seconds = (performance.now() - started) / 1000;
      console.error(JSON.stringify({ ...summary, seconds: Number(seconds.toFixed(3)) }));
    }
  } finally {
    await endPool(pool, timeouts.connectMs);
  }
}

function senderSetup(values: {
  webhook?: string | undefined;
  stdout?: boolean | undefined;
  timeout: string;
  'batch-size': string;
  concurrency: string;
  rate?: string | undefined;
  'max-attempts': string;
  'backoff-base': string;
  'backoff-max': string;
  lease: string;
  follow?: boolean | undefined;
  poll: string;
}): { transport: Transport; options: SenderOptions } {
  if ((values.webhook === undefined) === (values.stdout !== true))
    throw new UsageError('pass exactly one transport: --webhook URL or --stdout');
  const timeoutMs = parseDuration(values.timeout, '--timeout', DAY_MS);
  const options: SenderOptions = {
    batchSize: parseCount(values['batch-size'], '--batch-size', 10_000),
    concurrency: parseCount(values.concurrency, '--concurrency', 256),
    rate: values.rate === undefined ? undefined : parseCount(values.rate, '--rate', 100_000),
    maxAttempts: parseCount(values['max-attempts'], '--max-attempts', 1000),
    backoff: {
      baseMs: parseDuration(values['backoff-base'], '--backoff-base', DAY_MS),
      maxMs: parseDuration(values['backoff-max'], '--backoff-max', DAY_MS),
    },
    leaseMs: parseDuration(values.lease, '--lease', DAY_MS),
    timeoutMs,
    follow: values.follow === true,
    pollMs: parseDuration(values.poll, '--poll', DAY_MS),
  };
  if (options.backoff.maxMs < options.backoff.baseMs) throw new UsageError(`--backoff-max must be at least --backoff-base`);
  // A row starts only in the first half of its lease, less a request's timeout (src/sender.ts).
  if (options.leaseMs < 4 * timeoutMs)
    throw new UsageError(`--lease must be at least 4 times --timeout (${values.timeout}); got ${values.lease}`);
  return {
    transport: values.webhook === undefined ? ndjsonTransport(process.stdout) : webhookTransport(parseUrl(values.webhook), timeoutMs),
    options,
  };
}

const DAY_MS = 86_400_000;

function parseCount(text: string, option: string, max: number): number {
  if (!/^[1-9]\d{0,5}$/.test(text) || Number(text) > max)
    throw new UsageError(`${option} takes a whole number from 1 to ${max}; got ${text}`);
  return Number(text);
}

function parseUrl(text: string): URL {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UsageError(`--webhook takes an http:// or https:// URL; got ${text}`);
  }
  return url;
}

/** SIGTERM and SIGINT ask the loop to stop after the batch in hand. */
function stopOnSignals(): StopSignal {
  let stopped = false;
  let ask = () => {};
  const asked = new Promise<void>((resolve) => {
    ask = resolve;
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      stopped = true;
      ask();
    });
  }
  return {
    get stopped() {
      return stopped;
    },
    asked,
  };
}

// The one place the sender reads the process: signals, argv, and the exit code.
main(process.argv.slice(2), stopOnSignals()).catch((error: unknown) => endRun('billing-job send', error));
