/**
 * A webhook provider for the sender's tests, on 127.0.0.1: it records every request's
 * idempotency key, and what it did with it. Like a real provider it fails now and then:
 * a share of requests gets a 5xx, no answer at all (the sender's timeout), or a closed
 * connection, some of them after the reminder was accepted (so the sender cannot know it
 * got through, and sends it again); and it is slow at times (slower than the sender's
 * timeout: accepted, but the answer comes too late). It can also be down (503 to
 * everything) or refuse a key for good (422).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SinkFaults {
  /** Share of requests answered 500 or 503, not accepted. */
  readonly serverError: number;
  /** Share of requests never answered (held until the sender gives up). */
  readonly silent: number;
  /** Share of requests whose connection is closed without an answer, not accepted. */
  readonly dropBefore: number;
  /** Share of requests accepted, then the connection closed without an answer. */
  readonly dropAfter: number;
  /** Share of requests answered slowly (up to `slowMs`). */
  readonly slow: number;
  readonly slowMs: number;
}

export const NO_FAULTS: SinkFaults = { serverError: 0, silent: 0, dropBefore: 0, dropAfter: 0, slow: 0, slowMs: 0 };

export interface SinkRequest {
  readonly key: string;
  readonly at: number;
  readonly result: 'accepted' | 'accepted-dropped' | 'accepted-unanswered' | 'server-error' | 'silent' | 'dropped' | 'refused' | 'down';
  readonly body: { readonly key: string; readonly sendAt: string; readonly attempt: number };
}

export interface Sink {
  readonly url: string;
  readonly requests: SinkRequest[];
  /** How many times each key was accepted (what a provider without de-duplication would have sent). */
  readonly accepted: Map<string, number>;
  faults: SinkFaults;
  /** While true, every request gets a 503. */
  down: boolean;
  /** Keys answered 422 (a permanent refusal). */
  readonly refuse: Set<string>;
  close(): Promise<void>;
}

/** Starts a sink; `random` decides each request's fate (seed it for a reproducible run). */
export async function startSink(faults: SinkFaults, random: () => number): Promise<Sink> {
  const requests: SinkRequest[] = [];
  const accepted = new Map<string, number>();
  const held = new Set<ServerResponse>();
  const accept = (key: string) => accepted.set(key, (accepted.get(key) ?? 0) + 1);

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SinkRequest['body'];
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || key !== body.key) {
      response.writeHead(400).end('the Idempotency-Key header must be the reminder key');
      return;
    }
    const record = (result: SinkRequest['result']) => requests.push({ key, at: Date.now(), result, body });
    if (sink.down) {
      record('down');
      response.writeHead(503, { 'retry-after': '0' }).end();
      return;
    }
    if (sink.refuse.has(key)) {
      record('refused');
      response.writeHead(422).end('{"error":"unknown recipient"}');
      return;
    }
    const fate = fateOf(random(), sink.faults);
    if (fate === 'server-error') {
      record(fate);
      response.writeHead(random() < 0.5 ? 500 : 503).end();
      return;
    }
    if (fate === 'silent') {
      record(fate);
      held.add(response);
      response.on('close', () => held.delete(response));
      return;
    }
    if (fate === 'dropped') {
      record(fate);
      request.socket.destroy();
      return;
    }
    if (fate === 'accepted-dropped') {
      record(fate);
      accept(key);
      request.socket.destroy();
      return;
    }
    if (fate === 'slow') await new Promise((resolve) => setTimeout(resolve, random() * sink.faults.slowMs));
    if (request.socket.destroyed) {
      // The sender gave up waiting (its timeout) while the provider did the work.
      record('accepted-unanswered');
      accept(key);
      return;
    }
    record('accepted');
    accept(key);
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const sink: Sink = {
    url: `http://127.0.0.1:${port}/reminders`,
    requests,
    accepted,
    faults,
    down: false,
    refuse: new Set(),
    close: async () => {
      for (const response of held) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return sink;
}

/** What happens to a request, from a roll in [0, 1): each fault takes its share of the range. */
function fateOf(roll: number, faults: SinkFaults): 'server-error' | 'silent' | 'dropped' | 'accepted-dropped' | 'slow' | 'ok' {
  const shares = [
    ['server-error', faults.serverError],
    ['silent', faults.silent],
    ['dropped', faults.dropBefore],
    ['accepted-dropped', faults.dropAfter],
    ['slow', faults.slow],
  ] as const;
  let upTo = 0;
  for (const [fate, share] of shares) {
    upTo += share;
    if (roll < upTo) return fate;
  }
  return 'ok';
}

/** A small seeded generator (mulberry32): the same faults on every run of a seed. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
