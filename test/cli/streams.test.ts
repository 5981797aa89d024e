import { existsSync, mkdtempSync, readdirSync, readlinkSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openChunks } from '../../src/cli/io.js';
import { BufferedWriter } from '../../src/cli/output.js';
import { cli } from './support.js';

/** A stream that keeps a copy of each chunk it is handed and takes it on a later tick, as a pipe does. */
function recorder(highWaterMark: number) {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    highWaterMark,
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      setImmediate(done);
    },
  });
  /** Everything the stream took, once it has taken everything it was given. */
  const written = () => new Promise<string>((resolve) => stream.end(() => resolve(Buffer.concat(chunks).toString('utf8'))));
  return { stream, chunks, written };
}

describe('BufferedWriter: batch output in 64 KiB chunks', () => {
  it('CLI: small writes are joined into chunks of at most 64 KiB, each filled while a write surely fits', async () => {
    const { stream, chunks, written } = recorder(1 << 20);
    const out = new BufferedWriter(stream);
    for (let i = 0; i < 70_000; i += 1) out.write('a');
    await out.flush();
    expect(await written()).toBe('a'.repeat(70_000));
    // A one-character write may take 3 bytes, so a chunk is sent once 65,534 of its 65,536 bytes are used.
    expect(chunks.map((chunk) => chunk.length)).toEqual([65_534, 4_466]);
  });

  it('CLI: a text longer than a chunk is written whole, in order', async () => {
    const { stream, written } = recorder(1 << 20);
    const out = new BufferedWriter(stream);
    const long = 'é'.repeat(40_000);
    out.write('x');
    out.write(long);
    out.write('z');
    await out.flush();
    expect(await written()).toBe(`x${long}z`);
  });

  it('CLI: flushing with nothing written writes nothing', async () => {
    const { stream, chunks, written } = recorder(1024);
    await new BufferedWriter(stream).flush();
    expect(await written()).toBe('');
    expect(chunks).toEqual([]);
  });

  it('CLI: drained() is a promise while the stream is full, the same for every caller, and leaves no listener behind', async () => {
    const { stream } = recorder(1024);
    const out = new BufferedWriter(stream);
    expect(out.drained()).toBeUndefined();
    for (let i = 0; i < 70_000; i += 1) out.write('a');
    const full = out.drained();
    expect(full).toBeInstanceOf(Promise);
    for (let i = 0; i < 70_000; i += 1) out.write('b');
    expect(out.drained()).toBe(full);
    await full;
    expect([out.drained(), stream.listenerCount('drain'), stream.listenerCount('close')]).toEqual([undefined, 0, 0]);
    await out.flush();
  });
});

/** How many descriptors of this process refer to `path`, read from Linux's /proc (the tests that need it run only there). */
function descriptorsOf(path: string): number {
  const target = realpathSync(path);
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === target;
    } catch {
      return false; // closed since the listing
    }
  }).length;
}
const withProc = it.skipIf(!existsSync('/proc/self/fd'));

describe('openChunks: a file read lazily through one buffer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'open-chunks-'));

  withProc(
    'CLI: a file comes in chunks of at most 64 KiB and is closed at its end; then it stays ended, and return() may follow',
    async () => {
      const path = join(dir, 'big.txt');
      writeFileSync(path, 'x'.repeat(150_000));
      const iterator = (await openChunks(path))[Symbol.asyncIterator]();
      const sizes: number[] = [];
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) sizes.push(next.value.length);
      expect(sizes).toEqual([65_536, 65_536, 18_928]);
      expect(descriptorsOf(path)).toBe(0);
      expect(await iterator.next()).toEqual({ done: true, value: undefined });
      expect(await iterator.return?.()).toEqual({ done: true, value: undefined });
    },
  );

  withProc('CLI: return() before the end closes the file', async () => {
    const path = join(dir, 'small.txt');
    writeFileSync(path, 'x');
    const iterator = (await openChunks(path))[Symbol.asyncIterator]();
    expect(descriptorsOf(path)).toBe(1);
    expect(await iterator.return?.()).toEqual({ done: true, value: undefined });
    expect(descriptorsOf(path)).toBe(0);
  });

  withProc('CLI: batch closes the files it opened when it stops early, here at a bad header in a later file', async () => {
    const good = join(dir, 'good.csv');
    const bad = join(dir, 'bad.csv');
    writeFileSync(good, 'id,expirationDate,invoiceAmount\nx,2026-03-08,300.00\n');
    writeFileSync(bad, 'id,expires\n');
    expect((await cli(['batch', good, bad, '--now', '2026-03-20T12:00:00Z'])).code).toBe(2);
    expect([descriptorsOf(good), descriptorsOf(bad)]).toEqual([0, 0]);
  });

  it('CLI: a folder is refused when it is opened, as EISDIR', async () => {
    await expect(openChunks(dir)).rejects.toMatchObject({ code: 'EISDIR', message: `${dir} is a folder` });
  });
});
