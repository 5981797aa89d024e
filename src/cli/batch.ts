import { createReadStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import type { getExpiryStatus, getRemindersDue, quoteReactivationFee } from '../index.js';
import { parseInstant } from '../input/instant.js';
import { atTheDoor } from '../input/read.js';
import { parseSubscription } from '../input/subscription.js';
import { statusAt } from '../lifecycle/getExpiryStatus.js';
import { quoteOf } from '../fees/quoteReactivationFee.js';
import { remindersDueOf } from '../reminders/schedule.js';
import { resolvePolicy, type CompiledPolicy } from '../policy/compile.js';
import { isLibraryError } from '../errors.js';
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
  const source = inputFile === undefined ? io.stdin : createReadStream(inputFile);
  const opened = inputFile === undefined ? Promise.resolve() : new Promise<void>((resolve, reject) => {
    source.once('open', () => resolve());
    source.once('error', (error: NodeJS.ErrnoException) => reject(new UsageError(`cannot read --input ${inputFile}: ${error.code ?? error.message}`)));
  });
  await opened;

  const out = new BufferedWriter(io.stdout);
  if (outputFormat === 'csv') out.write(`${CSV_COLUMNS.join(',')}\n`);
  const progress = io.stderr.isTTY === true;
  let read = 0;
  let ok = 0;
  // Records arrive a chunk at a time, so the per-record cost has no promise in it.
  for await (const records of inputFormat === 'csv' ? csvRecords(source) : ndjsonRecords(source)) {
    for (const record of records) {
      read += 1;
      const outcome = evaluate(record, context);
      if (outcome.ok) ok += 1;
      out.write(outputFormat === 'csv' ? csvLine(outcome) : ndjsonLine(outcome));
      if (progress && read % 50_000 === 0) io.stderr.write(`\r${read.toLocaleString('en-US')} lines…`);
    }
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

async function* ndjsonRecords(source: Readable): AsyncGenerator<InputRecord[]> {
  source.setEncoding('utf8');
  let line = 0;
  let rest = '';
  const recordsOf = (lines: string[]): InputRecord[] => {
    const records: InputRecord[] = [];
    for (const text of lines) {
      line += 1;
      if (text.trim() === '') continue;
      try {
        records.push({ line, value: JSON.parse(text) as unknown });
      } catch (error) {
        records.push({ line, value: undefined, parseError: `not a JSON object: ${(error as Error).message}` });
      }
    }
    return records;
  };
  for await (const chunk of source as AsyncIterable<string>) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() as string;
    yield recordsOf(lines.map((text) => (text.endsWith('\r') ? text.slice(0, -1) : text)));
  }
  if (rest !== '') yield recordsOf([rest.endsWith('\r') ? rest.slice(0, -1) : rest]);
}

/**
 * One NDJSON output line. Results are frozen and shared between subscriptions with the
 * same dates (the library memoises them), so each one is serialised once and reused.
 */
function ndjsonLine(outcome: Outcome): string {
  if (!outcome.ok) return `${JSON.stringify(outcome)}\n`;
  const id = outcome.id === undefined ? '' : `"id":${JSON.stringify(outcome.id)},`;
  const due = outcome.remindersDue === undefined ? '' : `,"remindersDue":${jsonOf(outcome.remindersDue)}`;
  return `{"line":${outcome.line},"ok":true,${id}"status":${jsonOf(outcome.status)},"fee":${jsonOf(outcome.fee)}${due}}\n`;
}

const serialised = new WeakMap<object, string>();

function jsonOf(value: object): string {
  let json = serialised.get(value);
  if (json === undefined) {
    json = JSON.stringify(value);
    serialised.set(value, json);
  }
  return json;
}

/** CSV columns: id, expirationDate, invoiceAmount, extensionEndsOn, paymentMethod, recipientTimeZone. */
async function* csvRecords(source: Readable): AsyncGenerator<InputRecord[]> {
  const parser = source.pipe(parseCsv({ columns: true, info: true, skip_empty_lines: true, relax_column_count: true, bom: true, trim: true }));
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    const field = (name: string) => (record[name] === undefined || record[name] === '' ? undefined : record[name]);
    const endsOn = field('extensionEndsOn');
    yield [{
      line: info.lines,
      value: {
        ...(field('id') === undefined ? {} : { id: field('id') }),
        ...(field('expirationDate') === undefined ? {} : { expirationDate: field('expirationDate') }),
        ...(field('invoiceAmount') === undefined ? {} : { invoiceAmount: field('invoiceAmount') }),
        ...(endsOn === undefined ? {} : { extension: { endsOn } }),
        ...(field('paymentMethod') === undefined ? {} : { paymentMethod: field('paymentMethod') }),
        ...(field('recipientTimeZone') === undefined ? {} : { recipientTimeZone: field('recipientTimeZone') }),
      },
    }];
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

/** Joins small writes into larger chunks and respects the stream's back-pressure. */
class BufferedWriter {
  private chunks: string[] = [];
  private size = 0;
  private pending: Promise<void> | undefined;

  constructor(private readonly stream: Writable) {}

  write(text: string): void {
    this.chunks.push(text);
    this.size += text.length;
    if (this.size >= 65_536) this.push();
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
    if (this.chunks.length === 0) return;
    const text = this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    if (!this.stream.write(text)) {
      this.pending = new Promise((resolve) => this.stream.once('drain', () => {
        this.pending = undefined;
        resolve();
      }));
    }
  }
}
