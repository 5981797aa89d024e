/**
 * Splits a source's bytes into lines, a chunk at a time. The input stays in bytes until a
 * line is complete: each line is decoded once, straight from the chunk, so the heap sees
 * one short string per line and never the whole chunk as text. A newline byte never occurs
 * inside a UTF-8 multi-byte sequence, so splitting on it is safe whatever the text holds.
 */
export class LineSplitter {
  /** The number of the last line handed out (1-based; a source's first line is 1). */
  line: number;
  private rest: Buffer | undefined;

  constructor(linesBefore = 0) {
    this.line = linesBefore;
  }

  /** Hands every line the chunk completes to `take`, without its `\n` or `\r\n`. */
  feed(chunk: Buffer, take: (text: string, line: number) => void): void {
    let start = 0;
    let end = chunk.indexOf(NEWLINE);
    if (this.rest !== undefined) {
      // Only the line that straddles two chunks is copied; the chunk itself never is.
      if (end === -1) {
        this.rest = Buffer.concat([this.rest, chunk]);
        return;
      }
      const joined = Buffer.concat([this.rest, chunk.subarray(0, end)]);
      this.take(joined, 0, joined.length, take);
      start = end + 1;
      end = chunk.indexOf(NEWLINE, start);
    }
    for (; end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      this.take(chunk, start, end, take);
      start = end + 1;
    }
    // A copy: the chunk's buffer may be reused for the next read.
    this.rest = start < chunk.length ? Buffer.from(chunk.subarray(start)) : undefined;
  }

  /** The last line, when the source does not end with a newline. */
  end(take: (text: string, line: number) => void): void {
    if (this.rest !== undefined) this.take(this.rest, 0, this.rest.length, take);
    this.rest = undefined;
  }

  private take(bytes: Buffer, start: number, end: number, take: (text: string, line: number) => void): void {
    this.line += 1;
    const text = bytes.toString('utf8', start, end > start && bytes[end - 1] === CARRIAGE_RETURN ? end - 1 : end);
    // A UTF-8 byte order mark is not part of the first line's text, in either format.
    take(this.line === 1 && text.charCodeAt(0) === BYTE_ORDER_MARK ? text.slice(1) : text, this.line);
  }
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const BYTE_ORDER_MARK = 0xfeff;

/** A chunk as bytes, whatever the source handed over. */
export function bytesOfChunk(data: Uint8Array | string): Buffer {
  if (typeof data === 'string') return Buffer.from(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
