import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { parse as parseCsv } from 'csv-parse';
import type { getExpiryStatus, getRemindersDue, quoteReactivationFee } from '../index.js';
import { atTheDoor, isLibraryError, parseInstant, parseSubscription, quoteOf, remindersDueOf, resolvePolicy, statusAt, type CompiledPolicy } from '../internal.js';
import { nowOf, parseCommandArgs, policyOf, UsageError } from './options.js';

/**
 * `batch`: one result per input line, streamed (constant memory for any input size).
 * A bad line never stops the run and is never dropped: it becomes an error record
 * with its line number and the error's code, path and message.
 */
export interface BatchIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable & { isTTY?: boolean };
  readonly clock: () => Date;
}

export interface BatchSummary {
  readonly read: number;
  readonly ok: number;
  readonly failed: number;
}

interface InputRecord {
  readonly line: number;
  /** A parsed subscription object, or the reason it could not be parsed. */
  readonly value: unknown;
  readonly parseError?: string;
}

type Outcome =
  | { readonly line: number; readonly ok: true; readonly id: string | undefined; readonly status: ReturnType<typeof getExpiryStatus>; readonly fee: ReturnType<typeof quoteReactivationFee>; readonly remindersDue: ReturnType<typeof getRemindersDue> | undefined }
  | { readonly line: number; readonly ok: false; readonly id: string | undefined; readonly error: { readonly code: string; readonly path: string; readonly message: string } };

const CSV_COLUMNS = ['line', 'ok', 'id', 'phase', 'expirationDate', 'daysUntilExpiry', 'daysPastExpiry', 'feeKind', 'fee', 'total', 'currency', 'remindersDue', 'errorCode', 'errorPath', 'errorMessage'] as const;

export async function runBatch(args: readonly string[], io: BatchIo): Promise<BatchSummary> {
  const values = parseCommandArgs(args, {
    input: { type: 'string' },
    'input-format': { type: 'string' },
    'output-format': { type: 'string', default: 'ndjson' },
    from: { type: 'string' },
    to: { type: 'string' },
  });
  const inputFile = typeof values.input === 'string' && values.input !== '-' ? values.input : undefined;
  const inputFormat = values['input-format'] ?? (inputFile?.toLowerCase().endsWith('.csv') ? 'csv' : 'ndjson');
  if (inputFormat !== 'csv' && inputFormat !== 'ndjson') throw new UsageError(`--input-format must be csv or ndjson, got ${String(inputFormat)}`);
  const outputFormat = values['output-format'];
  if (outputFormat !== 'csv' && outputFormat !== 'ndjson') throw new UsageError(`--output-format must be csv or ndjson, got ${String(outputFormat)}`);
  if ((values.from === undefined) !== (values.to === undefined)) throw new UsageError('--from and --to go together (reminders due in [from, to))');
  const window = typeof values.from === 'string' && typeof values.to === 'string' ? { from: values.from, to: values.to } : undefined;
  const policy = policyOf(values);
  // The run's instant, window and policy are checked once, before any line is read: a bad
  // one is a usage error (exit 2), not a failure of every line.
  const context: BatchContext = {
    now: atTheDoor('now', () => parseInstant(nowOf(values, io.clock), 'now')),
    policy: atTheDoor('policy', () => resolvePolicy(policy)),
    window: window === undefined ? undefined : { from: atTheDoor('from', () => parseInstant(window.from, 'from')), to: atTheDoor('to', () => parseInstant(window.to, 'to')) },
  };
  if (context.window !== undefined && context.window.to < context.window.from) throw new UsageError('--to comes before --from; the window is [from, to)');
  const input = await openInput(inputFile, inputFormat, io.stdin);
  // Constant memory: V8 doubles its young generation (up to 2 × 16 MB on 64-bit) whenever
  // objects keep surviving, and a batch's allocations are all short-lived, so the growth
  // buys nothing but resident memory. Growth factor 1 keeps the young generation at its
  // starting size. V8 reads this flag each time it would grow, so setting it now takes
  // effect; it is the CLI's own process, never a library user's (docs/decisions.md).
  setFlagsFromString('--semi-space-growth-factor=1');

  const out = new BufferedWriter(io.stdout);
  if (outputFormat === 'csv') out.write(`${CSV_COLUMNS.join(',')}\n`);
  const progress = io.stderr.isTTY === true;
  let read = 0;
  let ok = 0;
  // Each record is answered and written as soon as it is read, so what it allocates dies
  // young; the reader pauses between chunks only, so the per-record cost has no promise in it.
  const take = (record: InputRecord): void => {
    read += 1;
    const outcome = evaluate(record, context);
    if (outcome.ok) ok += 1;
    if (outputFormat === 'csv') out.write(csvLine(outcome));
    else writeNdjsonLine(out, outcome);
    if (progress && read % 50_000 === 0) io.stderr.write(`\r${read.toLocaleString('en-US')} lines…`);
  };
  for await (const _chunk of input(take)) {
    const wait = out.drained();
    if (wait !== undefined) await wait;
  }
  await out.flush();
  const summary = { read, ok, failed: read - ok };
  io.stderr.write(`${progress ? '\r' : ''}batch: ${read} lines read, ${ok} ok, ${read - ok} failed\n`);
  return summary;
}

/** What every line is evaluated against, parsed once for the whole run. */
interface BatchContext {
  readonly now: number;
  readonly policy: CompiledPolicy;
  readonly window: { readonly from: number; readonly to: number } | undefined;
}

function evaluate(record: InputRecord, context: BatchContext): Outcome {
  const id = idOf(record.value);
  if (record.parseError !== undefined) {
    return { line: record.line, ok: false, id, error: { code: 'invalid-line', path: 'line', message: record.parseError } };
  }
  try {
    // Parse once, then ask the three questions of the parsed subscription: the same
    // functions the public ones call after parsing their arguments.
    const subscription = atTheDoor('subscription', () => parseSubscription(record.value));
    return {
      line: record.line,
      ok: true,
      id,
      status: statusAt(subscription, context.now, context.policy),
      fee: quoteOf(subscription, context.now, context.policy),
      remindersDue: context.window === undefined ? undefined : remindersDueOf(subscription, context.window.from, context.window.to, context.policy),
    };
  } catch (error) {
    if (!isLibraryError(error)) throw error;
    return { line: record.line, ok: false, id, error: { code: error.code, path: error.path, message: error.message } };
  }
}

function idOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Hands every record of the input to `take`, in order; each step of the iteration is one
 * chunk of input, a point where the caller may wait for the output to drain.
 */
type Reader = (take: (record: InputRecord) => void) => AsyncIterable<void>;

/**
 * The input's records. A file that cannot be opened is a usage error (exit 2), found
 * before any output is written.
 */
async function openInput(inputFile: string | undefined, format: 'csv' | 'ndjson', stdin: Readable): Promise<Reader> {
  if (inputFile === undefined) return format === 'csv' ? (take) => csvRecords(stdin, take) : (take) => ndjsonRecords(stdin, take);
  if (format === 'csv') {
    const source = createReadStream(inputFile);
    await new Promise<void>((resolve, reject) => {
      source.once('open', () => resolve());
      source.once('error', (error: NodeJS.ErrnoException) => reject(cannotRead(inputFile, error)));
    });
    return (take) => csvRecords(source, take);
  }
  const file = await open(inputFile, 'r').catch((error: NodeJS.ErrnoException) => {
    throw cannotRead(inputFile, error);
  });
  return (take) => ndjsonRecords(fileChunks(file, inputFile), take);
}

function cannotRead(inputFile: string, error: NodeJS.ErrnoException): UsageError {
  return new UsageError(`cannot read --input ${inputFile}: ${error.code ?? error.message}`);
}

/**
 * A file's bytes through one reused 64 KiB buffer: a stream would hand over a new buffer
 * for every read, and over a long run those wait for the garbage collector by the
 * hundred. Each chunk is only valid until the next is asked for.
 */
async function* fileChunks(file: FileHandle, inputFile: string): AsyncGenerator<Buffer> {
  const buffer = Buffer.allocUnsafe(65_536);
  try {
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null).catch((error: NodeJS.ErrnoException) => {
        throw cannotRead(inputFile, error);
      });
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * NDJSON lines, a chunk at a time. The input stays in bytes until a line is complete:
 * each line is decoded once, straight from the chunk, so the heap sees one short string
 * per line and never the whole chunk as text. A newline byte never occurs inside a UTF-8
 * multi-byte sequence, so splitting on it is safe whatever the text holds.
 */
async function* ndjsonRecords(source: AsyncIterable<Buffer | string>, take: (record: InputRecord) => void): AsyncGenerator<void> {
  let line = 0;
  let rest: Buffer | undefined;
  const takeLine = (bytes: Buffer, start: number, end: number): void => {
    line += 1;
    const text = bytes.toString('utf8', start, end > start && bytes[end - 1] === CARRIAGE_RETURN ? end - 1 : end);
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      take({ line, value: undefined, parseError: `not a JSON object: ${(error as Error).message}` });
      return;
    }
    take({ line, value });
  };
  for await (const data of source) {
    const chunk = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let start = 0;
    let end = chunk.indexOf(NEWLINE);
    if (rest !== undefined) {
      // Only the line that straddles two chunks is copied; the chunk itself never is.
      if (end === -1) {
        rest = Buffer.concat([rest, chunk]);
        continue;
      }
      const joined = Buffer.concat([rest, chunk.subarray(0, end)]);
      takeLine(joined, 0, joined.length);
      start = end + 1;
      end = chunk.indexOf(NEWLINE, start);
    }
    for (; end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      takeLine(chunk, start, end);
      start = end + 1;
    }
    // A copy: the chunk's buffer may be reused for the next read.
    rest = start < chunk.length ? Buffer.from(chunk.subarray(start)) : undefined;
    yield;
  }
  if (rest !== undefined) takeLine(rest, 0, rest.length);
}

/**
 * One NDJSON output line. Results are frozen and shared between subscriptions with the
 * same dates (the library memoises them), so each one is serialised to UTF-8 once and its
 * bytes are copied for every line that shares it. Reminders due carry the subscription's
 * id in their keys, so they are new for every line and serialised each time.
 */
function writeNdjsonLine(out: BufferedWriter, outcome: Outcome): void {
  if (!outcome.ok) {
    out.write(`${JSON.stringify(outcome)}\n`);
    return;
  }
  const id = outcome.id === undefined ? '' : `"id":${JSON.stringify(outcome.id)},`;
  out.write(`{"line":${outcome.line},"ok":true,${id}"status":`);
  out.writeBytes(bytesOf(outcome.status));
  out.write(',"fee":');
  out.writeBytes(bytesOf(outcome.fee));
  out.write(outcome.remindersDue === undefined ? '}\n' : `,"remindersDue":${JSON.stringify(outcome.remindersDue)}}\n`);
}

const serialised = new WeakMap<object, Buffer>();

function bytesOf(value: object): Buffer {
  let bytes = serialised.get(value);
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify(value), 'utf8');
    serialised.set(value, bytes);
  }
  return bytes;
}

/** CSV columns: id, expirationDate, invoiceAmount, extensionEndsOn, paymentMethod, recipientTimeZone. */
async function* csvRecords(source: Readable, take: (record: InputRecord) => void): AsyncGenerator<void> {
  const parser = source.pipe(parseCsv({ columns: true, info: true, skip_empty_lines: true, relax_column_count: true, bom: true, trim: true }));
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    const field = (name: string) => (record[name] === undefined || record[name] === '' ? undefined : record[name]);
    const endsOn = field('extensionEndsOn');
    take({
      line: info.lines,
      value: {
        ...(field('id') === undefined ? {} : { id: field('id') }),
        ...(field('expirationDate') === undefined ? {} : { expirationDate: field('expirationDate') }),
        ...(field('invoiceAmount') === undefined ? {} : { invoiceAmount: field('invoiceAmount') }),
        ...(endsOn === undefined ? {} : { extension: { endsOn } }),
        ...(field('paymentMethod') === undefined ? {} : { paymentMethod: field('paymentMethod') }),
        ...(field('recipientTimeZone') === undefined ? {} : { recipientTimeZone: field('recipientTimeZone') }),
      },
    });
    yield;
  }
}

function csvLine(outcome: Outcome): string {
  const cells: Record<(typeof CSV_COLUMNS)[number], string | number | boolean | undefined> = {
    line: outcome.line,
    ok: outcome.ok,
    id: outcome.id,
    phase: undefined,
    expirationDate: undefined,
    daysUntilExpiry: undefined,
    daysPastExpiry: undefined,
    feeKind: undefined,
    fee: undefined,
    total: undefined,
    currency: undefined,
    remindersDue: undefined,
    errorCode: undefined,
    errorPath: undefined,
    errorMessage: undefined,
  };
  if (outcome.ok) {
    const { status, fee, remindersDue } = outcome;
    cells.phase = status.phase;
    cells.expirationDate = status.expirationDate;
    if ('daysUntilExpiry' in status) cells.daysUntilExpiry = status.daysUntilExpiry;
    if ('daysPastExpiry' in status) cells.daysPastExpiry = status.daysPastExpiry;
    cells.feeKind = fee.kind;
    if (fee.kind === 'reactivation' || fee.kind === 'recovery') {
      cells.fee = fee.fee.amount;
      cells.total = fee.total.amount;
      cells.currency = fee.fee.currency;
    }
    cells.remindersDue = remindersDue?.map((reminder) => reminder.key).join(' ');
  } else {
    cells.errorCode = outcome.error.code;
    cells.errorPath = outcome.error.path;
    cells.errorMessage = outcome.error.message;
  }
  return `${CSV_COLUMNS.map((column) => csvCell(cells[column])).join(',')}\n`;
}

function csvCell(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The size of each write to the output stream. */
const CHUNK_BYTES = 65_536;
/**
 * Chunks kept for reuse. A write's callback comes on a later tick, and one input chunk
 * (64 KiB, about 870 lines) makes about 500 KiB of output: 16 covers it with room to spare.
 */
const SPARE_CHUNKS = 16;

/**
 * Joins small writes into 64 KiB chunks of bytes and respects the stream's back-pressure.
 * Text is encoded straight into the chunk, so the output never exists as one big string;
 * a chunk goes back to a small pool once the stream has written it.
 */
class BufferedWriter {
  private chunk: Buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private readonly spare: Buffer[] = [];
  private pending: Promise<void> | undefined;

  constructor(private readonly stream: Writable) {}

  write(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair, 2 units, takes 4).
    const most = text.length * 3;
    if (this.used + most > CHUNK_BYTES) this.push();
    if (most > CHUNK_BYTES) this.send(Buffer.from(text, 'utf8'));
    else this.used += this.chunk.write(text, this.used, 'utf8');
  }

  writeBytes(bytes: Buffer): void {
    if (this.used + bytes.length > CHUNK_BYTES) this.push();
    if (bytes.length > CHUNK_BYTES) this.send(bytes);
    else this.used += bytes.copy(this.chunk, this.used);
  }

  /** Resolves once the stream can take more. */
  drained(): Promise<void> | void {
    return this.pending;
  }

  async flush(): Promise<void> {
    this.push();
    await this.pending;
  }

  private push(): void {
    if (this.used === 0) return;
    const full = this.chunk;
    const used = this.used;
    this.chunk = this.spare.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
    this.send(full.subarray(0, used), () => {
      if (this.spare.length < SPARE_CHUNKS) this.spare.push(full);
    });
  }

  private send(bytes: Buffer, written?: () => void): void {
    const more = written === undefined ? this.stream.write(bytes) : this.stream.write(bytes, written);
    if (!more && this.pending === undefined) {
      this.pending = new Promise((resolve) => this.stream.once('drain', () => {
        this.pending = undefined;
        resolve();
      }));
    }
  }
}
