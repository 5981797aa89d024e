import { UsageError } from './options.js';

/**
 * CSV, one record per line (RFC 4180 fields, without line breaks inside quotes): so one
 * malformed line is one error record, and a stray quote cannot swallow the rest of the file
 * (docs/decisions.md).
 */

/** The columns `batch` reads, in the order `--help` lists them. */
export const CSV_INPUT_COLUMNS = [
  'id',
  'expirationDate',
  'invoiceAmount',
  'extensionEndsOn',
  'paymentMethod',
  'recipientTimeZone',
] as const;

type InputColumn = (typeof CSV_INPUT_COLUMNS)[number];

/** Where each known column is in a file's lines. */
export type CsvHeader = ReadonlyArray<readonly [InputColumn, number]>;

/**
 * A line's fields, or why it is not CSV.
 *
 * @internal exported for tests only
 */
export type CsvFields = readonly string[] | { readonly error: string };

/**
 * The header of `file`, checked before any line is read: an unknown column (unless
 * `allowExtra`), a repeated one or a missing `expirationDate` is a usage error that names
 * the accepted columns.
 */
export function readCsvHeader(text: string, file: string, allowExtra: boolean): { readonly header: CsvHeader; readonly width: number } {
  const accepted = `the columns are ${CSV_INPUT_COLUMNS.join(', ')}`;
  const fields = parseCsvLine(text);
  if ('error' in fields) throw new UsageError(`${file}: the CSV header is not CSV: ${fields.error}`);
  const seen = new Set<string>();
  const header: [InputColumn, number][] = [];
  fields.forEach((name, index) => {
    if (seen.has(name)) throw new UsageError(`${file}: the CSV column "${name}" appears twice; ${accepted}`);
    seen.add(name);
    if ((CSV_INPUT_COLUMNS as readonly string[]).includes(name)) header.push([name as InputColumn, index]);
    else if (!allowExtra) throw new UsageError(`${file}: unknown CSV column "${name}"; ${accepted} (--allow-extra-columns ignores others)`);
  });
  if (!seen.has('expirationDate')) throw new UsageError(`${file}: the CSV header has no expirationDate column; ${accepted}`);
  return { header, width: fields.length };
}

/** The subscription a CSV line describes (empty cells are absent fields), or why there is none. */
export function csvSubscription(
  text: string,
  header: CsvHeader,
  width: number,
): { readonly value: Record<string, unknown> } | { readonly error: string } {
  const fields = parseCsvLine(text);
  if ('error' in fields) return fields;
  if (fields.length > width) return { error: `the line has ${fields.length} fields; the header has ${width}` };
  const value: Record<string, unknown> = {};
  for (const [column, index] of header) {
    const cell = fields[index];
    if (cell === undefined || cell === '') continue;
    if (column === 'extensionEndsOn') value.extension = { endsOn: cell };
    else value[column] = cell;
  }
  return { value };
}

/**
 * The fields of one CSV line: `,` separates, `"…"` quotes (`""` is a quote), blanks around fields are trimmed.
 *
 * @internal exported for tests only
 */
export function parseCsvLine(text: string): CsvFields {
  const fields: string[] = [];
  let at = 0;
  for (;;) {
    const start = at;
    while (text[at] === ' ' || text[at] === '\t') at += 1;
    if (text[at] === '"') {
      let value = '';
      at += 1;
      for (;;) {
        const close = text.indexOf('"', at);
        if (close === -1) return { error: `field ${fields.length + 1}: its quote is not closed on this line (a field may not span lines)` };
        value += text.slice(at, close);
        at = close + 1;
        if (text[at] !== '"') break;
        value += '"';
        at += 1;
      }
      while (text[at] === ' ' || text[at] === '\t') at += 1;
      if (at < text.length && text[at] !== ',') return { error: `field ${fields.length + 1}: text after its closing quote` };
      fields.push(value);
    } else {
      const comma = text.indexOf(',', at);
      at = comma === -1 ? text.length : comma;
      const raw = text.slice(start, at);
      if (raw.includes('"'))
        return { error: `field ${fields.length + 1}: a quote inside an unquoted field (quote the whole field and double the quote)` };
      fields.push(raw.trim());
    }
    if (at >= text.length) return fields;
    at += 1;
  }
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** C0 control characters but tab, LF and CR (which quoting carries), and DEL. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters a cell must not carry
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * One CSV output cell. Text that starts like a formula gets a leading `'` unless `raw`
 * (OWASP's advice), so a billing team's spreadsheet shows it instead of running it. A
 * control character CSV cannot carry safely (NUL, ESC, DEL…) is written as its symbol from
 * Unicode's Control Pictures block, `raw` or not: NUL as ␀ (U+2400), DEL as ␡ (U+2421).
 */
export function csvCell(value: string | number | boolean | undefined, raw: boolean): string {
  if (value === undefined) return '';
  let text = String(value).replace(CONTROL, (character) =>
    String.fromCharCode(character === '\u007f' ? 0x2421 : 0x2400 + character.charCodeAt(0)),
  );
  if (!raw && typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
