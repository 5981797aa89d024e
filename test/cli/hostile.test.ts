import { describe, expect, it, vi } from 'vitest';
import packageJson from '../../package.json';
import { nodeIo } from '../../src/cli/io.js';
import { LineSplitter } from '../../src/cli/lines.js';
import { cannotWrite } from '../../src/cli/output.js';
import { closest, editDistance } from '../../src/cli/suggest.js';
import { cli, records } from './support.js';

/** Issue 26: the CLI under hostile input. Every message is pinned word for word. */

const NOW = ['--now', '2026-03-20T12:00:00Z'];
const GOOD = { id: 'a', expirationDate: '2026-03-31', invoiceAmount: '300.00' };
const FIELDS =
  'the fields are id, expirationDate, invoiceAmount, extension, paymentMethod, recipientTimeZone (--allow-extra-fields ignores others)';

describe('batch reads NDJSON as strictly as CSV', () => {
  it('a CSV column name in an NDJSON line is an error record naming it and the NDJSON that says the same', async () => {
    const line = JSON.stringify({ ...GOOD, extensionEndsOn: '2026-04-30' });
    expect(await cli(['batch', ...NOW], { input: `${line}\n` })).toEqual({
      code: 1,
      stdout: `{"file":"<stdin>","line":1,"ok":false,"id":"a","error":{"code":"unknown-field","path":"subscription.extensionEndsOn","message":${JSON.stringify(
        `"extensionEndsOn" is not a field of a subscription (did you mean "extension": {"endsOn": "YYYY-MM-DD"}?); ${FIELDS}`,
      )}}}\n`,
      stderr: 'batch: 1 lines read, 0 ok, 1 failed\n',
    });
  });

  it('a misspelt key gets the close name; a key like no other gets none; an extension key is checked too', async () => {
    const lines = [
      { ...GOOD, invoiceAmout: '1' },
      { expirationDate: '2026-03-31', zzzzzz: 1 },
      { ...GOOD, extension: { endOn: '2026-04-30' } },
      { ...GOOD, ID: 'b' },
    ];
    const { stdout } = await cli(['batch', ...NOW], { input: lines.map((line) => JSON.stringify(line)).join('\n') });
    expect(records(stdout).map((record) => [record.id, record.error.path, record.error.message])).toEqual([
      ['a', 'subscription.invoiceAmout', `"invoiceAmout" is not a field of a subscription (did you mean invoiceAmount?); ${FIELDS}`],
      [undefined, 'subscription.zzzzzz', `"zzzzzz" is not a field of a subscription; ${FIELDS}`],
      [
        'a',
        'subscription.extension.endOn',
        '"endOn" is not a field of an extension (did you mean endsOn?); the fields are endsOn (--allow-extra-fields ignores others)',
      ],
      ['a', 'subscription.ID', `"ID" is not a field of a subscription (did you mean id?); ${FIELDS}`],
    ]);
  });

  it('--allow-extra-fields ignores unknown keys: the record is the one the line without them gets', async () => {
    const wide = JSON.stringify({ ...GOOD, plan: 'gold', extension: { endsOn: '2026-04-30', approvedBy: 'x' } });
    const narrow = JSON.stringify({ ...GOOD, extension: { endsOn: '2026-04-30' } });
    const allowed = await cli(['batch', '--allow-extra-fields', ...NOW], { input: wide });
    const plain = await cli(['batch', ...NOW], { input: narrow });
    expect(allowed).toEqual(plain);
    expect(records(allowed.stdout)[0]).toMatchObject({ ok: true, status: { expirationDate: '2026-04-30', extended: true } });
  });

  it('a line that is not an object is still the library’s to refuse, as the library words it', async () => {
    const { stdout } = await cli(['batch', ...NOW], { input: '[1]\n"x"\nnull\n' });
    expect(records(stdout).map((record) => record.error.code)).toEqual(['wrong-type', 'wrong-type', 'missing']);
  });
});

describe('batch: CSV piped in as NDJSON', () => {
  const csv = 'id,expirationDate,invoiceAmount\na,2026-03-31,300.00\n';

  it('the first line, a CSV header read as NDJSON, says to pass --input-format csv; later lines do not repeat it', async () => {
    const out = records((await cli(['batch', ...NOW], { input: csv })).stdout);
    expect(out[0].error.message).toBe(
      'not JSON: Unexpected token \'i\', "id,expirat"... is not valid JSON; this looks like a CSV header: pass --input-format csv',
    );
    expect(out[1].error.message).toMatch(/^not JSON: [^;]*$/);
  });

  it('the hint is for the first line only, even when that line was too long to read', async () => {
    const out = records((await cli(['batch', '--max-line-bytes', '5', ...NOW], { input: 'id,expirationDate\na,b\n' })).stdout);
    expect(out.map((record) => record.error.code)).toEqual(['line-too-long', 'invalid-line']);
    expect(out[1].error.message).not.toMatch(/CSV/);
  });

  it('no hint when NDJSON was asked for, nor for a line with a brace', async () => {
    expect(records((await cli(['batch', '--input-format', 'ndjson', ...NOW], { input: csv })).stdout)[0].error.message).not.toMatch(/CSV/);
    expect(records((await cli(['batch', ...NOW], { input: '{a,b}\n' })).stdout)[0].error.message).not.toMatch(/CSV/);
    expect(records((await cli(['batch', ...NOW], { input: 'plain words\n' })).stdout)[0].error.message).not.toMatch(/CSV/);
  });
});

describe('batch CSV output never carries a raw control character', () => {
  it('NUL, ESC and DEL in an id are written as ␀, ␛ and ␡, with --raw-csv too; tab and CR are quoted as before', async () => {
    const line = JSON.stringify({ ...GOOD, id: 'a\u0000b\u001bc\u007fd\te\rf' });
    for (const raw of [[], ['--raw-csv']]) {
      const { stdout } = await cli(['batch', '--output-format', 'csv', '--quiet', ...raw, ...NOW], { input: line });
      const row = stdout.split('\n')[1] as string;
      expect(row.startsWith('<stdin>,1,true,"a␀b␛c␡d\te\rf",renewal-due,')).toBe(true);
      expect([...stdout].filter((c) => (c < ' ' && !'\t\n\r'.includes(c)) || c === '\u007f')).toEqual([]);
    }
  });

  it('every C0 control but tab, LF and CR maps to U+2400 plus its code', async () => {
    const controls = Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).filter((c) => !'\t\n\r'.includes(c));
    const line = JSON.stringify({ ...GOOD, id: `x${controls.join('')}` });
    const { stdout } = await cli(['batch', '--output-format', 'csv', '--quiet', ...NOW], { input: line });
    const pictures = controls.map((c) => String.fromCharCode(0x2400 + c.charCodeAt(0))).join('');
    expect(stdout.split('\n')[1]?.split(',')[3]).toBe(`x${pictures}`);
  });
});

describe('batch --max-line-bytes', () => {
  const long = JSON.stringify({ ...GOOD, id: 'x'.repeat(200) });

  it('a longer line is one error record, not read; the lines around it are answered; the run exits 1', async () => {
    const input = `${JSON.stringify(GOOD)}\n${long}\n${JSON.stringify({ ...GOOD, id: 'c' })}\n`;
    const { code, stdout, stderr } = await cli(['batch', '--max-line-bytes', '100', ...NOW], { input });
    expect(code).toBe(1);
    const out = records(stdout);
    expect(out.map((record) => [record.line, record.ok, record.id])).toEqual([
      [1, true, 'a'],
      [2, false, undefined],
      [3, true, 'c'],
    ]);
    expect(out[1].error).toEqual({
      code: 'line-too-long',
      path: 'line',
      message: 'the line is longer than 100 bytes and was not read (--max-line-bytes)',
    });
    expect(stderr).toBe('batch: 3 lines read, 2 ok, 1 failed\n');
  });

  it('the limit counts bytes, not the newline nor a CR before it; it holds across chunks and for a last line without newline', async () => {
    const exact = JSON.stringify({ ...GOOD, id: 'y'.repeat(20) });
    const bytes = Buffer.byteLength(exact);
    const chunks = (text: string) => Array.from({ length: Math.ceil(text.length / 7) }, (_, i) => text.slice(i * 7, i * 7 + 7));
    for (const input of [`${exact}\r\n${exact}`, chunks(`${exact}\r\n${exact}x\n${exact}x`), chunks(`${exact}\n${exact}`)]) {
      const { stdout } = await cli(['batch', '--max-line-bytes', String(bytes), '--quiet', ...NOW], { input });
      const oks = records(stdout).map((record) => record.ok);
      expect(oks).toEqual(typeof input === 'string' || input.join('').split('\n')[1] === exact ? [true, true] : [true, false, false]);
    }
  });

  it('the default is 4 MiB: a line of 5 MB is refused, one of 1 MB is read', async () => {
    const big = (size: number) => JSON.stringify({ ...GOOD, paymentMethod: 'p'.repeat(size) });
    const { stdout } = await cli(['batch', '--quiet', ...NOW], { input: `${big(5_000_000)}\n${big(1_000_000)}\n` });
    const out = records(stdout);
    expect(out[0].error.message).toBe('the line is longer than 4194304 bytes and was not read (--max-line-bytes)');
    expect(out[1].ok).toBe(true);
  });

  it('in CSV input a long line is a record; a long header stops the run; a bad limit is a usage error', async () => {
    const csv = `id,expirationDate,invoiceAmount\n${'z'.repeat(50)},2026-03-31,300.00\nb,2026-03-31,300.00\n`;
    const out = records((await cli(['batch', '--input-format', 'csv', '--max-line-bytes', '40', ...NOW], { input: csv })).stdout);
    expect(out.map((record) => [record.line, record.ok, record.error?.code])).toEqual([
      [2, false, 'line-too-long'],
      [3, true, undefined],
    ]);
    expect(await cli(['batch', '--input-format', 'csv', '--max-line-bytes', '10', ...NOW], { input: csv })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'subscription-expiry: <stdin>: the CSV header is longer than --max-line-bytes\n',
    });
    for (const bad of ['0', '-1', '1.5', 'lots', '', '1e400']) {
      expect(await cli(['batch', `--max-line-bytes=${bad}`, ...NOW], { input: '' })).toEqual({
        code: 2,
        stdout: '',
        stderr: `subscription-expiry: --max-line-bytes must be a whole number of bytes, at least 1, got ${bad}\n`,
      });
    }
  });

  it('LineSplitter joins a line that spans many chunks once, however many chunks it spans (linear time)', () => {
    const concat = vi.spyOn(Buffer, 'concat');
    try {
      const splitter = new LineSplitter();
      const lines: (string | undefined)[] = [];
      const chunk = Buffer.alloc(65_536, 'a');
      for (let i = 0; i < 200; i += 1) splitter.feed(chunk, (text) => lines.push(text));
      splitter.feed(Buffer.from('b\nc'), (text) => lines.push(text));
      splitter.end((text) => lines.push(text));
      expect(concat).toHaveBeenCalledTimes(2);
      expect(lines.map((line) => line?.length)).toEqual([200 * 65_536 + 1, 1]);
    } finally {
      concat.mockRestore();
    }
  });

  it('LineSplitter drops an overlong line as it comes, keeping nothing of it', () => {
    const splitter = new LineSplitter(0, 10);
    const lines: [string | undefined, number][] = [];
    const take = (text: string | undefined, line: number) => lines.push([text, line]);
    splitter.feed(Buffer.from('0123456789ABC'), take);
    splitter.feed(Buffer.from('DEF\nok\n0123456789'), take);
    splitter.feed(Buffer.from('\r\n012345678'), take);
    splitter.feed(Buffer.from('9A'), take);
    splitter.end(take);
    expect(lines).toEqual([
      [undefined, 1],
      ['ok', 2],
      ['0123456789', 3],
      [undefined, 4],
    ]);
  });
});

describe('batch and signals', () => {
  it('SIGTERM while waiting for input ends the run on a whole record: exit 143 and a one-line note', async () => {
    let send: (signal: 'SIGINT' | 'SIGTERM') => void = () => undefined;
    let release = (): void => undefined;
    async function* input(): AsyncGenerator<Uint8Array> {
      yield Buffer.from(`${JSON.stringify(GOOD)}\n${JSON.stringify({ ...GOOD, id: 'b' })}\n`);
      // Input stalls here, as a quiet pipe does; the signal must not wait for it.
      await new Promise<void>((resolve) => {
        release = resolve;
        setImmediate(() => send('SIGTERM'));
      });
      yield Buffer.from(`${JSON.stringify({ ...GOOD, id: 'never' })}\n`);
    }
    const result = await cli(['batch', ...NOW], { input: input(), signals: (deliver) => (send = deliver) });
    release();
    expect(result.code).toBe(143);
    expect(records(result.stdout).map((record) => record.id)).toEqual(['a', 'b']);
    expect(result.stderr).toBe('batch: stopped by SIGTERM after 2 lines read, 2 ok, 0 failed\n');
  });

  it('SIGINT is 130; only the first signal counts; --quiet keeps stderr empty; the next source is not opened for reading', async () => {
    let send: (signal: 'SIGINT' | 'SIGTERM') => void = () => undefined;
    async function* first(): AsyncGenerator<Uint8Array> {
      yield Buffer.from(`${JSON.stringify(GOOD)}\n`);
      send('SIGINT');
      send('SIGTERM');
      yield Buffer.from(`${JSON.stringify({ ...GOOD, id: 'later' })}\n`);
    }
    const result = await cli(['batch', '-', 'second.ndjson', '--quiet', ...NOW], {
      input: first(),
      files: { 'second.ndjson': `${JSON.stringify({ ...GOOD, id: 'second' })}\n` },
      signals: (deliver) => (send = deliver),
    });
    expect([result.code, result.stderr]).toEqual([130, '']);
    expect(records(result.stdout).map((record) => record.id)).toEqual(['a']);
  });
});

describe('the real process io', () => {
  it('nodeIo().onStop hands SIGINT and SIGTERM to its listener until it is stopped, and leaves no listener behind', () => {
    const before = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    const heard: string[] = [];
    const off = nodeIo().onStop((signal) => heard.push(signal));
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(before.map((count) => count + 1));
    process.emit('SIGINT', 'SIGINT');
    process.emit('SIGTERM', 'SIGTERM');
    off();
    expect(heard).toEqual(['SIGINT', 'SIGTERM']);
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(before);
  });
});

describe('every command: a write error is exit 2 with one line', () => {
  const SUB = ['--expires', '2026-03-08', '--invoice', '300', ...NOW];
  const RUNS: readonly (readonly string[])[] = [
    ['status', ...SUB],
    ['quote', ...SUB],
    ['reminders', ...SUB.slice(0, 4)],
    ['timeline', ...SUB.slice(0, 4)],
    ['extension', ...SUB, '--order-id', 'ABC-123-45678'],
    ['demo'],
    ['policy', 'show'],
    ['--help'],
    ['quote', '--help'],
    ['--version'],
    ['batch', ...NOW],
  ];
  it.each(RUNS)('CLI: %s > /dev/full (ENOSPC)', async (...args) => {
    const result = await cli(args, { input: JSON.stringify(GOOD), stdoutFailsAfter: { bytes: 0, code: 'ENOSPC' } });
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'subscription-expiry: cannot write the output: ENOSPC\n' });
  });

  it('CLI: a write error without a code is named by its message', () => {
    expect(cannotWrite(new Error('the disk went away')).message).toBe('cannot write the output: the disk went away');
    expect(cannotWrite(Object.assign(new Error('x'), { code: 'EIO' })).message).toBe('cannot write the output: EIO');
  });

  it('CLI: a reader that closed the pipe is still 141 and quiet, for a one-shot command too', async () => {
    const result = await cli(['demo'], { stdoutFailsAfter: { bytes: 0, code: 'EPIPE' } });
    expect(result).toEqual({ code: 141, stdout: '', stderr: '' });
  });
});

describe('--version and "did you mean"', () => {
  it('--version and -V print the package version, exit 0', async () => {
    for (const flag of ['--version', '-V']) expect(await cli([flag])).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
  });

  it('a misspelt command is named with the command it may be; one like no command gets the list only', async () => {
    expect((await cli(['stauts'])).stderr).toBe(
      'subscription-expiry: unknown command "stauts" (did you mean status?); the commands are status, quote, reminders, timeline, extension, policy, batch, demo (try --help)\n',
    );
    expect((await cli(['qoute'])).stderr).toMatch(/^subscription-expiry: unknown command "qoute" \(did you mean quote\?\);/);
    expect((await cli(['xyzzy'])).stderr).toMatch(/^subscription-expiry: unknown command "xyzzy"; the commands/);
  });

  it('a misspelt flag is named with the flag it may be', async () => {
    expect(await cli(['quote', '--invoce', '300'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "subscription-expiry: quote: Unknown option '--invoce' (did you mean --invoice?)\n" +
        'quote takes --expires, --invoice, --id, --extension-ends, --payment-method, --recipient-tz, --now, --policy, --format, --locale, --help; see quote --help\n',
    });
    expect((await cli(['batch', '--allow-extra-field'])).stderr).toMatch(/\(did you mean --allow-extra-fields\?\)\n/);
    expect((await cli(['status', '-x'])).stderr).toMatch(/^subscription-expiry: status: Unknown option '-x'\n/);
  });

  it('closest: at most a third of the letters wrong, case ignored, the first of equals', () => {
    expect(closest('invoiceAmout', ['id', 'invoiceAmount'])).toBe('invoiceAmount');
    expect(closest('abc', ['abd', 'abe'])).toBe('abd');
    expect(closest('ab', ['xy'])).toBeUndefined();
    expect(closest('abcdef', ['abcxyz'])).toBeUndefined();
    expect(closest('abcdef', ['abcdyz'])).toBe('abcdyz');
    expect(closest('STATUS', ['status'])).toBe('status');
    expect(closest('a', ['b'])).toBe('b');
  });

  it('editDistance counts insertions, deletions, substitutions and neighbour swaps as one each', () => {
    expect([
      editDistance('', ''),
      editDistance('abc', ''),
      editDistance('', 'ab'),
      editDistance('abc', 'abc'),
      editDistance('abc', 'acb'),
      editDistance('abc', 'abd'),
      editDistance('abc', 'abcd'),
      editDistance('kitten', 'sitting'),
      editDistance('ca', 'abc'),
    ]).toEqual([0, 3, 2, 0, 1, 1, 1, 3, 3]);
  });
});
