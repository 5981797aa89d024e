/**
 * Splits a source's bytes into lines, a chunk at a time, in time linear in the input. The
 * input stays in bytes until a line is complete: each line is decoded once, so the heap
 * sees one short string per line and never the whole chunk as text. A newline byte never
 * occurs inside a UTF-8 multi-byte sequence, so splitting on it is safe whatever the text
 * holds. A line longer than `maxLineBytes` (not counting its `\n` or `\r\n`) is never kept
 * whole: its bytes are dropped as they come, and `take` gets `undefined` for its text.
 */
export class LineSplitter {
  /** The number of the last line handed out (1-based; a source's first line is 1). */
  line: number;
  /** The pieces of a line that straddles chunks, each copied once, joined once at its end. */
  private parts: Buffer[] = [];
  private partBytes = 0;
  private overlong = false;

  constructor(
    linesBefore = 0,
    private readonly maxLineBytes = Number.POSITIVE_INFINITY,
  ) {
    this.line = linesBefore;
  }

  /** Hands every line the chunk completes to `take`, without its `\n` or `\r\n`. */
  feed(chunk: Buffer, take: TakeLine): void {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      if (this.parts.length === 0 && !this.overlong) this.take(chunk, start, end, take);
      else {
        this.keep(chunk, start, end);
        this.takeKept(take);
      }
      start = end + 1;
    }
    if (start < chunk.length) this.keep(chunk, start, chunk.length);
  }

  /** The last line, when the source does not end with a newline. */
  end(take: TakeLine): void {
    if (this.parts.length > 0 || this.overlong) this.takeKept(take);
  }

  /** Keeps a piece of an unfinished line: a copy, as the chunk's buffer may be reused for the next read. */
  private keep(chunk: Buffer, start: number, end: number): void {
    if (this.overlong) return;
    this.partBytes += end - start;
    // One byte of slack: a carriage return before the newline is not part of the line.
    if (this.partBytes > this.maxLineBytes + 1) {
      this.overlong = true;
      this.parts = [];
      return;
    }
    this.parts.push(Buffer.from(chunk.subarray(start, end)));
  }

  private takeKept(take: TakeLine): void {
    const { parts, partBytes, overlong } = this;
    this.parts = [];
    this.partBytes = 0;
    this.overlong = false;
    if (overlong) {
      this.line += 1;
      take(undefined, this.line);
      return;
    }
    const joined = Buffer.concat(parts, partBytes);
    this.take(joined, 0, joined.length, take);
  }

  private take(bytes: Buffer, start: number, end: number, take: TakeLine): void {
    this.line += 1;
    const last = end > start && bytes[end - 1] === CARRIAGE_RETURN ? end - 1 : end;
    if (last - start > this.maxLineBytes) {
      take(undefined, this.line);
      return;
    }
    const text = bytes.toString('utf8', start, last);
    // A UTF-8 byte order mark is not part of the first line's text, in either format.
    take(this.line === 1 && text.charCodeAt(0) === BYTE_ORDER_MARK ? text.slice(1) : text, this.line);
  }
}

/** What a line goes to: its text, or `undefined` when it is longer than the limit; and its number. */
export type TakeLine = (text: string | undefined, line: number) => void;

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const BYTE_ORDER_MARK = 0xfeff;

/** A chunk as bytes, whatever the source handed over. */
export function bytesOfChunk(data: Uint8Array | string): Buffer {
  if (typeof data === 'string') return Buffer.from(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
