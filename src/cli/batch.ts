import type { getExpiryStatus, getRemindersDue, quoteReactivationFee } from '../index.js';
import {
  atTheDoor,
  dueRemindersOf,
  expiryStatusOf,
  feeQuoteOf,
  isLibraryError,
  parseInstant,
  parseSubscription,
  resolvePolicy,
  type CompiledPolicy,
} from '../internal.js';
import { CSV_INPUT_COLUMNS, csvCell, csvSubscription, readCsvHeader, type CsvHeader } from './csv.js';
import type { CliIo } from './io.js';
import { bytesOfChunk, LineSplitter, type TakeLine } from './lines.js';
import { NOW_FLAG, nowOf, POLICY_FLAG, policyOf, textOf, UsageError, type CommandSpec, type Values } from './options.js';
import { BufferedWriter, cannotWrite } from './output.js';
import { Progress } from './progress.js';
import { closest } from './suggest.js';

/** The exit status of a run whose reader closed the pipe: 128 + SIGPIPE, as for any Unix tool. */
export const PIPE_CLOSED = 141;

/** The exit status of a batch stopped by a signal: 128 + the signal's number. */
const STOPPED = { SIGINT: 130, SIGTERM: 143 } as const;

/** The default line-length limit: far above any subscription, far below what would strain memory. */
const MAX_LINE_BYTES = 4 * 1024 * 1024;

/**
 * The keys of an NDJSON subscription record (subscription.schema.json states the same).
 *
 * @internal exported for tests only
 */
export const NDJSON_FIELDS = ['id', 'expirationDate', 'invoiceAmount', 'extension', 'paymentMethod', 'recipientTimeZone'] as const;
/** The keys of an NDJSON record's `extension`. */
const EXTENSION_FIELDS = ['endsOn'] as const;

/** The name records give standard input. */
const STDIN = '<stdin>';

const CSV_OUTPUT_COLUMNS = [
  'file',
  'line',
  'ok',
  'id',
  'phase',
  'expirationDate',
  'daysUntilExpiry',
  'daysPastExpiry',
  'feeKind',
  'fee',
  'total',
  'currency',
  'remindersDue',
  'errorCode',
  'errorPath',
  'errorMessage',
] as const;

export const BATCH: CommandSpec = {
  name: 'batch',
  summary: 'one record per line of NDJSON or CSV files (- or none: standard input), streamed',
  positionals: '[FILE…]',
  flags: {
    ...NOW_FLAG,
    from: { type: 'string', value: 'INSTANT', help: 'with --to: also list the reminders due in [from, to)' },
    to: { type: 'string', value: 'INSTANT', help: 'with --from: the window closes (exclusive)' },
    ...POLICY_FLAG,
    input: { type: 'string', value: 'FILE', help: 'the same as a FILE argument (read first)' },
    'input-format': { type: 'string', value: 'ndjson|csv', help: 'default: from each file name (.csv), else ndjson' },
    'output-format': { type: 'string', value: 'ndjson|csv', help: 'default: ndjson', default: 'ndjson' },
    'allow-extra-columns': { type: 'boolean', help: 'ignore CSV columns other than those below (wide exports)' },
    'allow-extra-fields': { type: 'boolean', help: 'ignore NDJSON keys other than those below (wide exports)' },
    'max-line-bytes': {
      type: 'string',
      value: 'BYTES',
      help: `a longer line is an error record (line-too-long), default ${MAX_LINE_BYTES}`,
      default: String(MAX_LINE_BYTES),
    },
    'raw-csv': { type: 'boolean', help: "write CSV cells as they are: no ' before =, +, -, @, tab or CR" },
    quiet: { type: 'boolean', short: 'q', help: 'no progress line and no summary on stderr' },
  },
  notes: [
    `NDJSON input: one JSON object per line with the keys ${NDJSON_FIELDS.join(', ')} (extension: {"endsOn": "YYYY-MM-DD"}); the shape is subscription-expiry/subscription.schema.json. An unknown key is an error record (unknown-field) naming the key it may be meant for; --allow-extra-fields ignores unknown keys.`,
    `CSV input: a header line, then one subscription per line (a quoted field may not span lines). Columns: ${CSV_INPUT_COLUMNS.join(', ')}; expirationDate is required; empty cells are absent fields. An unknown or repeated column stops the run (exit 2) before any line is read.`,
    'Every non-blank input line gets one record, in order, naming its file and line: the status and fee (and reminders due), or the error with its code, path and message. A line that is not JSON or not CSV is an error record (invalid-line), and so is a line longer than --max-line-bytes (line-too-long, not read into memory); the batch goes on.',
    `CSV output columns: ${CSV_OUTPUT_COLUMNS.join(', ')}. A text cell that would start with =, +, -, @, tab or CR gets a leading ' so that a spreadsheet shows it instead of running it (--raw-csv: off). A control character other than tab, CR and LF (NUL, ESC, DEL…) is written as its visible symbol from Unicode's Control Pictures (NUL as ␀), whatever --raw-csv says.`,
    'On a terminal, stderr shows a live progress line; a summary follows unless --quiet. A reader that closes the pipe (| head) ends the run quietly with status 141. SIGINT or SIGTERM ends the run after the record being written, with status 130 or 143.',
  ],
};

type Format = 'csv' | 'ndjson';

type Outcome =
  | {
      readonly ok: true;
      readonly id: string | undefined;
      readonly status: ReturnType<typeof getExpiryStatus>;
      readonly fee: ReturnType<typeof quoteReactivationFee>;
      readonly remindersDue: ReturnType<typeof getRemindersDue> | undefined;
    }
  | {
      readonly ok: false;
      readonly id: string | undefined;
      readonly error: LineError;
    };

/** Why a line has no answer: the library's error, or the tool's own (invalid-line, unknown-field, line-too-long). */
interface LineError {
  readonly code: string;
  readonly path: string;
  readonly message: string;
}

/** What every line is evaluated against, parsed once for the whole run. */
interface BatchContext {
  readonly now: number;
  readonly policy: CompiledPolicy;
  readonly window: { readonly from: number; readonly to: number } | undefined;
  readonly allowExtraFields: boolean;
  readonly maxLineBytes: number;
}

/** An input opened before the run starts; a CSV one has its header read and checked too. */
interface Source {
  readonly name: string;
  readonly format: Format;
  /** Whether the format came from the file name or the default, not from --input-format. */
  readonly guessed: boolean;
  readonly chunks: AsyncIterator<Uint8Array | string>;
  readonly splitter: LineSplitter;
  /** CSV: the header, its width, and the lines read with it (the rest of its chunk). */
  csv?: { readonly header: CsvHeader; readonly width: number };
  early: [string | undefined, number][];
}

/**
 * `batch`: one result per input line, streamed (constant memory for any input size).
 * A bad line never stops the run and is never dropped: it becomes an error record with
 * its file, line number and the error's code, path and message. Resolves to the exit code.
 */
export async function runBatch(values: Values, positionals: readonly string[], io: CliIo): Promise<number> {
  const input = textOf(values, 'input');
  const names = [...(input === undefined ? [] : [input]), ...positionals];
  const inputFormat = textOf(values, 'input-format');
  if (inputFormat !== undefined && inputFormat !== 'csv' && inputFormat !== 'ndjson')
    throw new UsageError(`--input-format must be csv or ndjson, got ${inputFormat}`);
  const outputFormat = values['output-format'];
  if (outputFormat !== 'csv' && outputFormat !== 'ndjson')
    throw new UsageError(`--output-format must be csv or ndjson, got ${String(outputFormat)}`);
  const from = textOf(values, 'from');
  const to = textOf(values, 'to');
  if ((from === undefined) !== (to === undefined)) throw new UsageError('--from and --to go together (reminders due in [from, to))');
  const maxLineBytes = Number(textOf(values, 'max-line-bytes'));
  if (!Number.isSafeInteger(maxLineBytes) || maxLineBytes < 1)
    throw new UsageError(`--max-line-bytes must be a whole number of bytes, at least 1, got ${String(textOf(values, 'max-line-bytes'))}`);
  const policy = policyOf(values, io.readText);
  // The run's instant, window and policy are checked once, before any line is read: a bad
  // one is a usage error (exit 2), not a failure of every line.
  const context: BatchContext = {
    now: atTheDoor('now', () => parseInstant(nowOf(values, io.clock), 'now')),
    policy: resolvePolicy(policy),
    window:
      from === undefined || to === undefined
        ? undefined
        : { from: atTheDoor('from', () => parseInstant(from, 'from')), to: atTheDoor('to', () => parseInstant(to, 'to')) },
    allowExtraFields: values['allow-extra-fields'] === true,
    maxLineBytes,
  };
  if (context.window !== undefined && context.window.to < context.window.from)
    throw new UsageError('--to comes before --from; the window is [from, to)');
  const sources = await openSources(names.length === 0 ? ['-'] : names, inputFormat, maxLineBytes, io);
  const stop = stopSignal(io);
  try {
    for (const source of sources) if (source.format === 'csv') await readHeader(source, values['allow-extra-columns'] === true);
    return await answer(sources, context, outputFormat, values, io, stop);
  } finally {
    stop.off();
    // After a signal a source may still be waiting for input: it is let go, not waited for.
    for (const source of sources)
      if (stop.signal === undefined) await source.chunks.return?.();
      else void source.chunks.return?.();
  }
}

/** The first SIGINT or SIGTERM of the run, and a promise that settles on it. */
interface Stop {
  signal: 'SIGINT' | 'SIGTERM' | undefined;
  readonly stopped: Promise<undefined>;
  readonly off: () => void;
}

function stopSignal(io: CliIo): Stop {
  let settle = (): void => undefined;
  const stop: Stop = {
    signal: undefined,
    stopped: new Promise((resolve) => {
      settle = () => resolve(undefined);
    }),
    off: io.onStop((signal) => {
      stop.signal ??= signal;
      settle();
    }),
  };
  return stop;
}

/** Opens every input in order; one that cannot be opened is an input error before any output. */
async function openSources(names: readonly string[], inputFormat: Format | undefined, maxLineBytes: number, io: CliIo): Promise<Source[]> {
  const sources: Source[] = [];
  for (const name of names) {
    const stdin = name === '-';
    let chunks: AsyncIterable<Uint8Array | string>;
    try {
      chunks = stdin ? io.stdin : await io.openFile(name);
    } catch (error) {
      for (const source of sources) await source.chunks.return?.();
      throw cannotRead(name, error);
    }
    const format = inputFormat ?? (!stdin && name.toLowerCase().endsWith('.csv') ? 'csv' : 'ndjson');
    sources.push({
      name: stdin ? STDIN : name,
      format,
      guessed: inputFormat === undefined,
      chunks: chunks[Symbol.asyncIterator](),
      splitter: new LineSplitter(0, maxLineBytes),
      early: [],
    });
  }
  return sources;
}

function cannotRead(name: string, error: unknown): UsageError {
  return new UsageError(`cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
}

/** The next chunk of a source, as bytes; `undefined` at its end. A read error is an input error. */
async function nextChunk(source: Source): Promise<Buffer | undefined> {
  let next: IteratorResult<Uint8Array | string>;
  try {
    next = await source.chunks.next();
  } catch (error) {
    throw cannotRead(source.name, error);
  }
  return next.done === true ? undefined : bytesOfChunk(next.value);
}

/** Reads a CSV source up to its header (its first non-blank line) and checks the columns. */
async function readHeader(source: Source, allowExtra: boolean): Promise<void> {
  let header: string | undefined;
  const take: TakeLine = (text, line) => {
    if (header !== undefined) source.early.push([text, line]);
    else if (text === undefined) throw new UsageError(`${source.name}: the CSV header is longer than --max-line-bytes`);
    else if (text.trim() !== '') header = text;
  };
  while (header === undefined) {
    const chunk = await nextChunk(source);
    if (chunk === undefined) {
      source.splitter.end(take);
      break;
    }
    source.splitter.feed(chunk, take);
  }
  if (header !== undefined) source.csv = readCsvHeader(header, source.name, allowExtra);
}

/** Answers every line of every source, in order, and writes its record. */
async function answer(
  sources: readonly Source[],
  context: BatchContext,
  outputFormat: Format,
  values: Values,
  io: CliIo,
  stop: Stop,
): Promise<number> {
  const out = new BufferedWriter(io.stdout);
  const raw = values['raw-csv'] === true;
  const quiet = values.quiet === true;
  const progress = io.stderr.isTTY === true && !quiet ? new Progress(io.stderr, io.clock) : undefined;
  if (outputFormat === 'csv') out.write(`${CSV_OUTPUT_COLUMNS.join(',')}\n`);
  let read = 0;
  let ok = 0;
  for (const source of sources) {
    if (out.failure !== undefined || stop.signal !== undefined) break;
    const prefix = `{"file":${JSON.stringify(source.name)},"line":`;
    // Each record is answered and written as soon as it is read, so what it allocates dies
    // young; the reader pauses between chunks only, so the per-record cost has no promise in it.
    const write = (line: number, outcome: Outcome): void => {
      read += 1;
      if (outcome.ok) ok += 1;
      if (outputFormat === 'csv') out.write(csvLine(source.name, line, outcome, raw));
      else writeNdjsonLine(out, prefix, line, outcome);
    };
    const take = source.csv === undefined ? ndjsonLine(write, context, source.guessed) : csvLineOf(source.csv, write, context);
    for (const [text, line] of source.early) take(text, line);
    source.early = [];
    for (;;) {
      if (out.failure !== undefined) break;
      // A signal ends the run between chunks: every record answered so far is written whole.
      const chunk = await Promise.race([nextChunk(source), stop.stopped]);
      if (stop.signal !== undefined) break;
      if (chunk === undefined) {
        source.splitter.end(take);
        break;
      }
      source.splitter.feed(chunk, take);
      progress?.update(read, read - ok);
      await out.drained();
    }
  }
  await out.flush();
  progress?.clear();
  if (out.failure !== undefined) return outputFailed(out.failure);
  const summary = `${read} lines read, ${ok} ok, ${read - ok} failed`;
  if (stop.signal !== undefined) {
    if (!quiet) io.stderr.write(`batch: stopped by ${stop.signal} after ${summary}\n`);
    return STOPPED[stop.signal];
  }
  if (!quiet) io.stderr.write(`batch: ${summary}\n`);
  return read === ok ? 0 : 1;
}

/** A reader that closed the pipe ends the run quietly; any other write error is reported. */
function outputFailed(error: NodeJS.ErrnoException): number {
  if (error.code === 'EPIPE') return PIPE_CLOSED;
  throw cannotWrite(error);
}

function ndjsonLine(write: (line: number, outcome: Outcome) => void, context: BatchContext, guessed: boolean): TakeLine {
  let first = true;
  return (text, line) => {
    if (text === undefined) {
      first = false;
      write(line, tooLong(context));
      return;
    }
    if (text.trim() === '') return;
    const hint = first && guessed && looksLikeCsv(text);
    first = false;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      write(
        line,
        invalidLine(`not JSON: ${(error as Error).message}${hint ? '; this looks like a CSV header: pass --input-format csv' : ''}`),
      );
      return;
    }
    const unknown = context.allowExtraFields ? undefined : unknownField(value);
    write(line, unknown === undefined ? evaluate(value, context) : { ok: false, id: idOf(value), error: unknown });
  };
}

/** A line that is not JSON but has a comma and no brace: most likely CSV read as NDJSON. */
function looksLikeCsv(text: string): boolean {
  return text.includes(',') && !text.includes('{');
}

/**
 * The first key of an NDJSON record that a subscription does not have, as an error that
 * names it and, when one is close, the key it may be meant for: read as strictly as a CSV
 * header. A value that is not an object is left to the library to refuse.
 */
function unknownField(value: unknown): LineError | undefined {
  if (!isObject(value)) return undefined;
  const key = Object.keys(value).find((name) => !(NDJSON_FIELDS as readonly string[]).includes(name));
  if (key !== undefined) return unknownFieldError('subscription', key, NDJSON_FIELDS);
  const extension = (value as { extension?: unknown }).extension;
  if (!isObject(extension)) return undefined;
  const extensionKey = Object.keys(extension).find((name) => !(EXTENSION_FIELDS as readonly string[]).includes(name));
  return extensionKey === undefined ? undefined : unknownFieldError('subscription.extension', extensionKey, EXTENSION_FIELDS);
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** CSV column names that are not NDJSON keys, and the NDJSON that says the same. */
const CSV_NAMES: Readonly<Record<string, string>> = { extensionEndsOn: '"extension": {"endsOn": "YYYY-MM-DD"}' };

function unknownFieldError(parent: string, key: string, fields: readonly string[]): LineError {
  const match = closest(key, parent === 'subscription' ? [...fields, ...Object.keys(CSV_NAMES)] : fields);
  const suggestion = match === undefined ? '' : ` (did you mean ${CSV_NAMES[match] ?? match}?)`;
  return {
    code: 'unknown-field',
    path: `${parent}.${key}`,
    message: `${JSON.stringify(key)} is not a field of ${parent === 'subscription' ? 'a subscription' : 'an extension'}${suggestion}; the fields are ${fields.join(', ')} (--allow-extra-fields ignores others)`,
  };
}

function tooLong(context: BatchContext): Outcome {
  return {
    ok: false,
    id: undefined,
    error: {
      code: 'line-too-long',
      path: 'line',
      message: `the line is longer than ${context.maxLineBytes} bytes and was not read (--max-line-bytes)`,
    },
  };
}

function csvLineOf(csv: NonNullable<Source['csv']>, write: (line: number, outcome: Outcome) => void, context: BatchContext): TakeLine {
  return (text, line) => {
    if (text === undefined) {
      write(line, tooLong(context));
      return;
    }
    if (text.trim() === '') return;
    const parsed = csvSubscription(text, csv.header, csv.width);
    write(line, 'error' in parsed ? invalidLine(`not CSV: ${parsed.error}`) : evaluate(parsed.value, context));
  };
}

function invalidLine(message: string): Outcome {
  return { ok: false, id: undefined, error: { code: 'invalid-line', path: 'line', message } };
}

function evaluate(value: unknown, context: BatchContext): Outcome {
  const id = idOf(value);
  try {
    // Parse once, then ask the three questions in a fixed order (status, fee, reminders
    // due) through the compositions the public functions themselves call once they have
    // parsed their arguments: a record is what the library answers, its first error
    // included (docs/decisions.md).
    const subscription = atTheDoor('subscription', () => parseSubscription(value));
    const status = expiryStatusOf(subscription, context.now, context.policy);
    const fee = feeQuoteOf(subscription, context.now, context.policy);
    const { window } = context;
    const remindersDue = window === undefined ? undefined : dueRemindersOf(subscription, window.from, window.to, context.policy);
    return { ok: true, id, status, fee, remindersDue };
  } catch (error) {
    // A library error is the line's answer. Anything else would be a bug in the library; it
    // is still only this line's failure, so no input can end the batch (docs/decisions.md).
    if (isLibraryError(error)) return { ok: false, id, error: { code: error.code, path: error.path, message: error.message } };
    return { ok: false, id, error: { code: 'internal-error', path: 'line', message: `the library failed on this line: ${String(error)}` } };
  }
}

function idOf(value: unknown): string | undefined {
  // A line's value is JSON (or a CSV record): a primitive has no id, and only null has no properties.
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}

/** One NDJSON output line: the line's own results, each serialised once. */
function writeNdjsonLine(out: BufferedWriter, prefix: string, line: number, outcome: Outcome): void {
  if (!outcome.ok) {
    out.write(
      `${prefix}${line},"ok":false,${outcome.id === undefined ? '' : `"id":${JSON.stringify(outcome.id)},`}"error":${JSON.stringify(outcome.error)}}\n`,
    );
    return;
  }
  const id = outcome.id === undefined ? '' : `"id":${JSON.stringify(outcome.id)},`;
  const reminders = outcome.remindersDue === undefined ? '' : `,"remindersDue":${JSON.stringify(outcome.remindersDue)}`;
  out.write(
    `${prefix}${line},"ok":true,${id}"status":${JSON.stringify(outcome.status)},"fee":${JSON.stringify(outcome.fee)}${reminders}}\n`,
  );
}

function csvLine(file: string, line: number, outcome: Outcome, raw: boolean): string {
  const cells: Record<(typeof CSV_OUTPUT_COLUMNS)[number], string | number | boolean | undefined> = {
    file,
    line,
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
  return `${CSV_OUTPUT_COLUMNS.map((column) => csvCell(cells[column], raw)).join(',')}\n`;
}
