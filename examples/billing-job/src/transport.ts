/**
 * How the sender hands a reminder over: an HTTP webhook (POST of the reminder as JSON,
 * with an `Idempotency-Key` header equal to the reminder's key) or NDJSON on standard
 * output. A transport answers with an outcome, never by throwing: the sender decides
 * from it whether the row is sent, retried later or failed for good. A transport throws
 * only when it cannot go on at all (standard output closed): the sender then stops.
 */
import http from 'node:http';
import https from 'node:https';
import type { Writable } from 'node:stream';

/** A reminder as the sender delivers it: the outbox row, with the attempt it is. */
export interface Delivery {
  readonly key: string;
  readonly subscriptionId: string;
  readonly channel: string;
  readonly cadence: string;
  readonly date: string;
  readonly sendAt: string;
  readonly daysBeforeExpiry: number;
  /** 1 for the first attempt. */
  readonly attempt: number;
}

export type Outcome =
  | { readonly kind: 'accepted' }
  /** Worth trying again later: 5xx, 408, 429, a timeout, a dropped connection. */
  | { readonly kind: 'retry'; readonly error: string; readonly retryAfterMs?: number }
  /** Trying again would get the same answer: any other 4xx, an unexpected 1xx or 3xx. */
  | { readonly kind: 'permanent'; readonly error: string };

export type Transport = (delivery: Delivery) => Promise<Outcome>;

/**
 * What an HTTP status means for a delivery: 2xx accepted; 408 (request timeout), 429 (too
 * many requests) and 5xx retried; any other status (4xx, and the 1xx and 3xx a webhook
 * should never answer) a permanent failure.
 */
export function outcomeOfStatus(status: number): Outcome['kind'] {
  if (status >= 200 && status <= 299) return 'accepted';
  if (status === 408 || status === 429 || (status >= 500 && status <= 599)) return 'retry';
  return 'permanent';
}

/**
 * `Retry-After` in milliseconds when it is a whole number of seconds (the form providers
 * send with 429 and 503), else undefined. The sender still bounds it by its backoff cap.
 */
export function retryAfterOf(header: string | null): number | undefined {
  if (header === null || !/^\d{1,7}$/.test(header.trim())) return undefined;
  return Number(header.trim()) * 1000;
}

/**
 * POSTs each reminder to `url`, giving up on a request after `timeoutMs` (connection,
 * answer and body). Connections are kept alive and reused. node:http rather than fetch:
 * fetch's web streams cost about a third of the sender's CPU in a profile.
 */
export function webhookTransport(url: URL, timeoutMs: number): Transport {
  const secure = url.protocol === 'https:';
  const agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const send = secure ? https.request : http.request;
  return (delivery) =>
    new Promise<Outcome>((resolve) => {
      const body = JSON.stringify(delivery);
      const failed = (error: unknown) => resolve({ kind: 'retry', error: networkErrorOf(error, timeoutMs) });
      const request = send(
        url,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'idempotency-key': delivery.key },
          signal: AbortSignal.timeout(timeoutMs),
        },
        (response) => {
          // Read the answer to its end (within the same timeout) so the connection is reused.
          response.resume();
          response.on('error', failed);
          response.on('close', () => {
            if (!response.complete) failed(new Error('the connection closed during the answer'));
          });
          response.on('end', () => resolve(outcomeOf(response)));
        },
      );
      request.on('error', failed);
      request.end(body);
    });
}

function outcomeOf(response: http.IncomingMessage): Outcome {
  const status = response.statusCode ?? 0;
  const kind = outcomeOfStatus(status);
  if (kind === 'accepted') return { kind };
  const error = `HTTP ${status}${response.statusMessage === undefined || response.statusMessage === '' ? '' : ` ${response.statusMessage}`}`;
  if (kind === 'permanent') return { kind, error };
  const header = response.headers['retry-after'];
  const retryAfterMs = retryAfterOf(header === undefined ? null : header);
  return retryAfterMs === undefined ? { kind, error } : { kind, error, retryAfterMs };
}

/**
 * Writes each reminder as one JSON line to `stream` (standard output). Accepted once the
 * stream has handed the line to the system (its write callback), so a reader that is
 * slower than the sender slows it down, and a line that could not be written is never
 * marked sent. A stream that fails (the reader went away) is a fault, not an outcome: it
 * throws, and the sender stops, leaving the row as it was.
 */
export function ndjsonTransport(stream: Writable): Transport {
  let broken: string | undefined;
  stream.on('error', (error: Error) => {
    broken ??= error.message;
  });
  return async (delivery) => {
    if (broken === undefined) {
      await new Promise<void>((resolve) => {
        stream.write(`${JSON.stringify(delivery)}\n`, (error) => {
          if (error) broken ??= error.message;
          resolve();
        });
      });
    }
    if (broken !== undefined) throw new Error(`standard output failed: ${broken}`);
    return { kind: 'accepted' };
  };
}

/** One line for a request that got no HTTP answer: a timeout, a refused or dropped connection. */
function networkErrorOf(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutMs} ms`;
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return code === undefined || message.includes(code) ? message : `${message} (${code})`;
}
