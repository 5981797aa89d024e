import { describe, expect, it } from 'vitest';
import { getExpiryStatus, getRemindersDue, quoteReactivationFee } from '../../src/index.js';
import { cli, records } from './support.js';

const NOW = ['--now', '2026-03-20T12:00:00Z'];
const GOOD = JSON.stringify({ id: 'a', expirationDate: '2026-03-08', invoiceAmount: '300.00' });
const HEADER = 'id,expirationDate,invoiceAmount';

describe('batch: every line gets exactly one record', () => {
  it('a malformed CSV line (stray or unterminated quote) is an error record with file and line; the batch goes on', async () => {
    const csv = `${HEADER}\nok,2026-03-08,300.00\n"unterminated,2026-03-08,1\nst"ray,2026-03-08,1\n"a"b,2026-03-08,1\nlast,2026-03-08,300.00\n`;
    const { code, stdout, stderr } = await cli(['batch', 'subs.csv', ...NOW], { files: { 'subs.csv': csv } });
    expect(code).toBe(1);
    const out = records(stdout);
    expect(out.map((r) => [r.file, r.line, r.ok])).toEqual([
      ['subs.csv', 2, true],
      ['subs.csv', 3, false],
      ['subs.csv', 4, false],
      ['subs.csv', 5, false],
      ['subs.csv', 6, true],
    ]);
    expect(out[1]).toMatchObject({
      error: { code: 'invalid-line', path: 'line', message: expect.stringMatching(/^not CSV: field 1: its quote is not closed/) },
    });
    expect(out[2].error.message).toMatch(/a quote inside an unquoted field/);
    expect(out[3].error.message).toMatch(/text after its closing quote/);
    expect(stderr).toBe('batch: 5 lines read, 2 ok, 3 failed\n');
  });

  it('a CSV line with more fields than the header is an error record; fewer fields are absent fields', async () => {
    const { stdout } = await cli(['batch', '--input-format', 'csv', ...NOW], {
      input: `${HEADER}\nx,2026-03-08,300.00,extra\ny,2026-03-08\n`,
    });
    const out = records(stdout);
    expect(out[0]).toMatchObject({ line: 2, ok: false, error: { message: 'not CSV: the line has 4 fields; the header has 3' } });
    expect(out[1]).toMatchObject({ line: 3, ok: false, id: 'y', error: { code: 'missing', path: 'subscription.invoiceAmount' } });
  });

  it('R-RM-3 with a window, a line without an id is an error record (its reminders could have no unique key)', async () => {
    const noId = JSON.stringify({ expirationDate: '2026-03-20', invoiceAmount: '300.00' });
    const { code, stdout } = await cli(['batch', ...NOW, '--from', '2026-03-20T00:00:00Z', '--to', '2026-03-21T00:00:00Z'], {
      input: `${GOOD}\n${noId}\n`,
    });
    expect(code).toBe(1);
    const out = records(stdout);
    expect(out[0]).toMatchObject({ line: 1, ok: true, id: 'a' });
    expect(out[1]).toMatchObject({ line: 2, ok: false, error: { code: 'missing', path: 'subscription.id' } });
  });

  it('a malformed NDJSON line is an error record naming its file and line', async () => {
    const { stdout } = await cli(['batch', 'a.ndjson', ...NOW], { files: { 'a.ndjson': `${GOOD}\n{ not json\n[1]\n` } });
    const out = records(stdout);
    expect(out.map((r) => [r.file, r.line, r.ok])).toEqual([
      ['a.ndjson', 1, true],
      ['a.ndjson', 2, false],
      ['a.ndjson', 3, false],
    ]);
    expect(out[1].error).toMatchObject({ code: 'invalid-line', message: expect.stringMatching(/^not JSON: /) });
    expect(out[2].error).toMatchObject({ code: 'wrong-type', path: 'subscription' });
  });

  it('a UTF-8 byte order mark is skipped in NDJSON and in CSV, even split across chunks', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const ndjson = await cli(['batch', ...NOW], {
      input: [bom.subarray(0, 1), Buffer.concat([bom.subarray(1), Buffer.from(`${GOOD}\n`)])],
    });
    expect(records(ndjson.stdout)).toMatchObject([{ line: 1, ok: true, id: 'a' }]);
    const csv = await cli(['batch', '--input-format', 'csv', ...NOW], { input: [bom, `${HEADER}\r\nb,2026-03-08,300.00\r\n`] });
    expect(records(csv.stdout)).toMatchObject([{ line: 2, ok: true, id: 'b' }]);
  });

  it('blank lines are counted but get no record; a CSV header may follow blank lines', async () => {
    const { stdout } = await cli(['batch', '--input-format', 'csv', ...NOW], { input: `\n  \n${HEADER}\n\nc,2026-03-08,300.00` });
    expect(records(stdout)).toMatchObject([{ line: 5, ok: true, id: 'c' }]);
    const empty = await cli(['batch', 'empty.csv', ...NOW], { files: { 'empty.csv': '' } });
    expect([empty.code, empty.stdout]).toEqual([0, '']);
  });

  it('CSV columns: extensionEndsOn, paymentMethod, recipientTimeZone, quoted fields with commas and quotes', async () => {
    const csv =
      'id,expirationDate,invoiceAmount,extensionEndsOn,paymentMethod,recipientTimeZone\n" q ""1"", inc ",2026-03-08,300.00,2026-03-15,bank-transfer,Europe/Berlin\n';
    const { stdout } = await cli(['batch', '--input-format', 'csv', ...NOW], { input: csv });
    expect(records(stdout)).toMatchObject([
      { id: ' q "1", inc ', status: { phase: 'expired', expirationDate: '2026-03-15', extended: true } },
    ]);
  });
});

describe('batch: the CSV header is checked before any line is read', () => {
  it('an unknown column is a usage error (exit 2) naming the accepted columns, with no output', async () => {
    const { code, stdout, stderr } = await cli(['batch', 'subs.csv', ...NOW], {
      files: { 'subs.csv': 'id,expirationDate,extension_ends_on\nx,2026-03-08,2026-03-15\n' },
    });
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toBe(
      'subscription-expiry: subs.csv: unknown CSV column "extension_ends_on"; the columns are id, expirationDate, invoiceAmount, extensionEndsOn, paymentMethod, recipientTimeZone (--allow-extra-columns ignores others)\n',
    );
  });

  it('a duplicated column is a usage error, even with --allow-extra-columns', async () => {
    const { code, stderr } = await cli(['batch', '--allow-extra-columns', 'd.csv', ...NOW], {
      files: { 'd.csv': 'id,expirationDate,id\n' },
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/d\.csv: the CSV column "id" appears twice; the columns are id, expirationDate/);
  });

  it('a header without expirationDate, or one that is not CSV, is a usage error', async () => {
    expect((await cli(['batch', 'n.csv', ...NOW], { files: { 'n.csv': 'id\nx\n' } })).stderr).toMatch(/has no expirationDate column/);
    expect((await cli(['batch', 'q.csv', ...NOW], { files: { 'q.csv': '"id,expirationDate\n' } })).stderr).toMatch(
      /the CSV header is not CSV/,
    );
  });

  it('the header of every file is checked before the first record is written', async () => {
    const files = { 'good.csv': `${HEADER}\nx,2026-03-08,300.00\n`, 'bad.csv': 'id,expires\n' };
    const { code, stdout } = await cli(['batch', 'good.csv', 'bad.csv', ...NOW], { files });
    expect([code, stdout]).toEqual([2, '']);
  });

  it('--allow-extra-columns ignores unknown columns of wide exports', async () => {
    const { code, stdout } = await cli(['batch', '--allow-extra-columns', 'w.csv', ...NOW], {
      files: { 'w.csv': 'customer,id,expirationDate,invoiceAmount,plan\nAcme,w,2026-03-08,300.00,pro\n' },
    });
    expect(code).toBe(0);
    expect(records(stdout)).toMatchObject([{ id: 'w', ok: true }]);
  });
});

describe('batch FILE…', () => {
  it('reads each file in order, the format from each name, and - for standard input', async () => {
    const files = { 'one.csv': `${HEADER}\nc1,2026-03-08,300.00\n`, 'two.ndjson': `${GOOD}\n` };
    const { code, stdout } = await cli(['batch', 'one.csv', '-', 'two.ndjson', ...NOW], {
      files,
      input: JSON.stringify({ id: 's', expirationDate: '2026-03-08', invoiceAmount: '1.00' }),
    });
    expect(code).toBe(0);
    expect(records(stdout).map((r) => [r.file, r.line, r.id])).toEqual([
      ['one.csv', 2, 'c1'],
      ['<stdin>', 1, 's'],
      ['two.ndjson', 1, 'a'],
    ]);
  });

  it('--input is an alias, read before the FILE arguments; --input-format overrides the names', async () => {
    const files = { 'x.txt': `${HEADER}\nx,2026-03-08,300.00\n`, 'y.txt': `${HEADER}\ny,2026-03-08,300.00\n` };
    const { stdout } = await cli(['batch', 'y.txt', '--input', 'x.txt', '--input-format', 'csv', ...NOW], { files });
    expect(records(stdout).map((r) => r.id)).toEqual(['x', 'y']);
  });

  it('a file that cannot be opened is an input error (exit 2) before any output', async () => {
    const { code, stdout, stderr } = await cli(['batch', 'a.ndjson', 'missing.ndjson', ...NOW], { files: { 'a.ndjson': `${GOOD}\n` } });
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/cannot read missing\.ndjson: ENOENT/);
    expect((await cli(['batch', 'test', ...NOW])).stderr).toMatch(/cannot read test: EISDIR/);
  });

  it('a file that fails while being read is an input error', async () => {
    const failing: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' })) }),
    };
    const { code, stderr } = await cli(['batch', ...NOW], { input: failing });
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot read <stdin>: EIO/);
  });

  it('rejects a bad --input-format or --output-format, and --from without --to', async () => {
    expect((await cli(['batch', '--input-format', 'xml', ...NOW])).stderr).toMatch(/--input-format must be csv or ndjson, got xml/);
    expect((await cli(['batch', '--output-format', 'xml', ...NOW])).stderr).toMatch(/--output-format must be csv or ndjson, got xml/);
    expect((await cli(['batch', '--from', '2026-03-20T00:00:00Z', ...NOW])).stderr).toMatch(/--from and --to go together/);
  });
});

describe('batch: spreadsheet-safe CSV (OWASP CSV injection)', () => {
  const hostile = ['=HYPERLINK("http://x")', '+cmd', '-1+1', '@SUM(A1)', '\tx', '\rx'];
  const input = hostile.map((id) => JSON.stringify({ id, expirationDate: '2026-03-08', invoiceAmount: '300.00' })).join('\n');

  it("puts ' before text from input that starts with =, +, -, @, tab or CR; numbers stay numbers", async () => {
    const { stdout } = await cli(['batch', '--output-format', 'csv', ...NOW], { input });
    const lines = stdout.trim().split(/\n(?=<stdin>)/);
    expect(lines.slice(1).map((line) => line.split(',')[3])).toEqual([
      '"\'=HYPERLINK(""http://x"")"',
      "'+cmd",
      "'-1+1",
      "'@SUM(A1)",
      "'\tx",
      '"\'\rx"',
    ]);
    expect(lines[1]).toMatch(/,expired,2026-03-08,,12,reactivation,50\.00,350\.00,USD,/);
  });

  it('neutralises error messages and reminder keys too, and --raw-csv writes cells as they are', async () => {
    const line = JSON.stringify({ id: '=1', expirationDate: '2026-03-21' });
    const safe = await cli(['batch', '--output-format', 'csv', ...NOW, '--from', '2026-03-20T00:00:00Z', '--to', '2026-03-21T00:00:00Z'], {
      input: `${line}\n-x\n`,
    });
    const [, first, second] = safe.stdout.trim().split('\n');
    expect(first).toContain(",'=1:email:2026-03-20 =1:sms:2026-03-20 =1:phone:2026-03-20,");
    expect(second).toMatch(/^<stdin>,2,false,,/);
    const raw = await cli(['batch', '--output-format', 'csv', '--raw-csv', ...NOW], { input: line });
    expect(raw.stdout.split('\n')[1]).toMatch(/^<stdin>,1,true,=1,/);
  });

  it('NDJSON output is unchanged', async () => {
    const { stdout } = await cli(['batch', ...NOW], { input });
    expect(records(stdout).map((r) => r.id)).toEqual(hostile);
  });
});

describe('batch: progress and summary on stderr', () => {
  const many = Array.from({ length: 40 }, (_, i) =>
    JSON.stringify({ id: `p${i}`, expirationDate: i % 10 === 0 ? 'bad' : '2026-03-08', invoiceAmount: '300.00' }),
  );

  it('on a terminal, a live line (lines, lines/s, failed) a few times a second, cleared before the summary', async () => {
    // Each chunk is one line; the injected clock moves 100 ms per read: an update every third chunk at most.
    const { stderr } = await cli(['batch', ...NOW], { tty: true, input: many.map((line) => `${line}\n`) });
    const updates = stderr.split('\r').filter((part) => part.includes('lines/s'));
    expect(updates.length).toBeGreaterThan(5);
    expect(updates.length).toBeLessThan(20);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the progress line ends with the terminal's erase-line escape
    expect(updates[0]).toMatch(/^\d+ lines, [\d,]+ lines\/s, \d+ failed\u001b\[K$/);
    expect(stderr.endsWith('\r\u001b[Kbatch: 40 lines read, 36 ok, 4 failed\n')).toBe(true);
  });

  it('nothing but the summary when stderr is not a terminal; --quiet silences both', async () => {
    const plain = await cli(['batch', ...NOW], { input: many.join('\n') });
    expect(plain.stderr).toBe('batch: 40 lines read, 36 ok, 4 failed\n');
    const quiet = await cli(['batch', '--quiet', ...NOW], { tty: true, input: many.map((line) => `${line}\n`) });
    expect([quiet.code, quiet.stderr]).toEqual([1, '']);
  });
});

describe('batch: a closed output pipe', () => {
  const big = Array.from({ length: 5000 }, (_, i) =>
    JSON.stringify({ id: `s${i}`, expirationDate: '2026-03-08', invoiceAmount: '300.00' }),
  ).join('\n');

  it('EPIPE ends the run quietly with status 141 (128 + SIGPIPE), like any Unix tool under | head', async () => {
    const { code, stderr } = await cli(['batch', ...NOW], { input: big, stdoutFailsAfter: { bytes: 70_000, code: 'EPIPE' } });
    expect([code, stderr]).toEqual([141, '']);
  });

  it('EPIPE on a terminal: the progress line is cleared and no summary follows; later files are not read', async () => {
    const { code, stderr } = await cli(['batch', '-', 'never-opened-twice.csv', ...NOW], {
      tty: true,
      input: big.split('\n').map((line) => `${line}\n`),
      files: { 'never-opened-twice.csv': 'id,expirationDate\n' },
      stdoutFailsAfter: { bytes: 70_000, code: 'EPIPE' },
    });
    expect(code).toBe(141);
    expect(stderr).not.toContain('batch:');
    expect(stderr === '' || stderr.endsWith('\r\u001b[K')).toBe(true);
  });

  it('EPIPE on a one-answer command also ends with 141', async () => {
    const { code, stderr } = await cli(['status', '--expires', '2026-03-08', ...NOW], { stdoutFailsAfter: { bytes: 0, code: 'EPIPE' } });
    expect([code, stderr]).toEqual([141, '']);
  });

  it('another write error (a full disk) is reported, exit 2', async () => {
    const { code, stderr } = await cli(['batch', ...NOW], { input: big, stdoutFailsAfter: { bytes: 70_000, code: 'ENOSPC' } });
    expect(code).toBe(2);
    expect(stderr).toBe('subscription-expiry: cannot write the output: ENOSPC\n');
  });
});

describe('batch: each record, exactly', () => {
  const WINDOW = ['--from', '2026-03-20T00:00:00Z', '--to', '2026-03-21T00:00:00Z'];

  it('R-RM-4 an NDJSON record holds the same status, fee and reminders due as the library functions give', async () => {
    const subscription = { id: 'x', expirationDate: '2026-03-21', invoiceAmount: '100.00' };
    const { code, stdout } = await cli(['batch', ...NOW, ...WINDOW], { input: JSON.stringify(subscription) });
    expect(code).toBe(0);
    const now = '2026-03-20T12:00:00Z';
    const expected = {
      file: '<stdin>',
      line: 1,
      ok: true,
      id: 'x',
      status: getExpiryStatus(subscription, now),
      fee: quoteReactivationFee(subscription, now),
      remindersDue: getRemindersDue(subscription, { from: '2026-03-20T00:00:00Z', to: '2026-03-21T00:00:00Z' }),
    };
    expect(records(stdout)).toEqual([JSON.parse(JSON.stringify(expected))]);
    expect(records(stdout)[0].remindersDue).toHaveLength(3);
  });

  it('a record has an id only when the line has a string id; null and a numeric id are error records', async () => {
    const noId = JSON.stringify({ expirationDate: '2026-03-08', invoiceAmount: '1.00' });
    const numericId = JSON.stringify({ id: 5, expirationDate: '2026-03-08', invoiceAmount: '1.00' });
    const { code, stdout } = await cli(['batch', ...NOW], { input: `null\n${numericId}\n${noId}\n` });
    expect(code).toBe(1);
    const [nothing, numeric, anonymous] = records(stdout);
    expect(nothing).toEqual({
      file: '<stdin>',
      line: 1,
      ok: false,
      error: { code: 'missing', path: 'subscription', message: 'subscription: a subscription is required' },
    });
    expect(Object.keys(numeric)).toEqual(['file', 'line', 'ok', 'error']);
    expect(numeric.error).toMatchObject({ code: 'invalid-value', path: 'subscription.id' });
    // Without a window the id is not needed (no reminder keys): the line is answered.
    expect(Object.keys(anonymous)).toEqual(['file', 'line', 'ok', 'status', 'fee']);
    expect(anonymous).toMatchObject({ line: 3, ok: true, fee: { fee: { amount: '50.00' } } });
  });

  it('lines of only spaces and tabs are blank, in NDJSON and in CSV: no record', async () => {
    const ndjson = await cli(['batch', ...NOW], { input: `${GOOD}\n \t \n${GOOD}\n` });
    expect(records(ndjson.stdout).map((r) => [r.line, r.ok])).toEqual([
      [1, true],
      [3, true],
    ]);
    const csv = await cli(['batch', '--input-format', 'csv', ...NOW], { input: `${HEADER}\n \t \nc,2026-03-08,300.00\n` });
    expect(records(csv.stdout).map((r) => [r.line, r.ok])).toEqual([[3, true]]);
  });

  it('CSV output: a recovery line has its fee, total and currency; an error line its code, path and message', async () => {
    const lines = [
      JSON.stringify({ id: 'r', expirationDate: '2026-01-08', invoiceAmount: '300.00' }),
      JSON.stringify({ id: 'e', expirationDate: '2026-02-30' }),
    ];
    const { stdout } = await cli(['batch', '--output-format', 'csv', ...NOW], { input: lines.join('\n') });
    expect(stdout.split('\n').slice(1)).toEqual([
      '<stdin>,1,true,r,deleted,2026-01-08,,71,recovery,334.00,634.00,USD,,,,',
      '<stdin>,2,false,e,,,,,,,,,,invalid-date,subscription.expirationDate,subscription.expirationDate: 2026-02-30 is not a day of the calendar',
      '',
    ]);
  });

  it('R-RM-4 an empty window [t, t) is allowed and has no reminders due', async () => {
    const { code, stdout } = await cli(['batch', ...NOW, '--from', '2026-03-20T00:00:00Z', '--to', '2026-03-20T00:00:00Z'], {
      input: JSON.stringify({ id: 'x', expirationDate: '2026-03-21', invoiceAmount: '100.00' }),
    });
    expect(code).toBe(0);
    expect(records(stdout)[0].remindersDue).toEqual([]);
  });

  it('R-IN-2 a --from or --to that is not an instant stops the run, naming the flag as the error path', async () => {
    expect(await cli(['batch', ...NOW, '--from', '2026-03-20', '--to', '2026-03-21T00:00:00Z'], { input: GOOD })).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'subscription-expiry: ExpiryInputError [invalid-instant] from: "2026-03-20" is not an ISO-8601 instant such as 2026-03-08T12:00:00Z\n',
    });
    expect((await cli(['batch', ...NOW, '--from', '2026-03-20T00:00:00Z', '--to', 'nope'], { input: GOOD })).stderr).toBe(
      'subscription-expiry: ExpiryInputError [invalid-instant] to: "nope" is not an ISO-8601 instant such as 2026-03-08T12:00:00Z\n',
    );
  });
});

describe('batch: reading input', () => {
  it('--input-format ndjson reads a file named .csv as NDJSON', async () => {
    const { code, stdout } = await cli(['batch', '--input-format', 'ndjson', 'subs.csv', ...NOW], { files: { 'subs.csv': GOOD } });
    expect(code).toBe(0);
    expect(records(stdout)).toMatchObject([{ file: 'subs.csv', line: 1, ok: true, id: 'a' }]);
  });

  it('a folder among the files is an input error before any output, even after a file with output enough to fill chunks', async () => {
    const { code, stdout, stderr } = await cli(['batch', 'a.ndjson', 'test', ...NOW], { files: { 'a.ndjson': `${GOOD}\n`.repeat(500) } });
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: 'subscription-expiry: cannot read test: EISDIR\n' });
  });

  it('standard input may be any async iterable, one without return() too, also when a later file cannot be opened', async () => {
    /** Standard input whose iterator has next() only. */
    const input = (): AsyncIterable<Uint8Array> => {
      const chunks = [Buffer.from(`${GOOD}\n`)];
      return {
        [Symbol.asyncIterator]: () => ({
          next: async () => (chunks.length > 0 ? { done: false, value: chunks.shift() as Buffer } : { done: true, value: undefined }),
        }),
      };
    };
    const { code, stdout } = await cli(['batch', ...NOW], { input: input() });
    expect(code).toBe(0);
    expect(records(stdout)).toMatchObject([{ line: 1, ok: true, id: 'a' }]);
    expect(await cli(['batch', '-', 'missing.ndjson', ...NOW], { input: input() })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'subscription-expiry: cannot read missing.ndjson: ENOENT\n',
    });
  });

  it('only the first line may start with a byte order mark; on a later line it is not JSON', async () => {
    const { stdout } = await cli(['batch', ...NOW], { input: `\uFEFF${GOOD}\n\uFEFF${GOOD}\n` });
    expect(records(stdout).map((r) => [r.line, r.ok, r.error?.code])).toEqual([
      [1, true, undefined],
      [2, false, 'invalid-line'],
    ]);
  });

  it('CSV lines may end in CRLF after a quoted field; a short line leaves the missing columns absent', async () => {
    const csv = 'id,expirationDate,invoiceAmount,extensionEndsOn\r\n"q",2026-03-08,"300.00"\r\nshort,2026-03-08,300.00\r\n';
    const { code, stdout } = await cli(['batch', 'subs.csv', ...NOW], { files: { 'subs.csv': csv } });
    expect(code).toBe(0);
    expect(records(stdout).map((r) => [r.line, r.id, r.status.extended])).toEqual([
      [2, 'q', false],
      [3, 'short', false],
    ]);
  });
});

describe('batch: the live progress line, to the character', () => {
  /** A clock that moves `step` ms each time it is read. */
  const ticking = (step: number) => {
    let now = Date.UTC(2026, 2, 20, 12);
    return () => {
      now += step;
      return new Date(now);
    };
  };
  const BAD = JSON.stringify({ id: 'b', expirationDate: 'bad' });

  it('lines read, lines per second and failures so far, from the first chunk 250 ms in; then cleared', async () => {
    const { stderr } = await cli(['batch', ...NOW], { tty: true, clock: ticking(250), input: [`${GOOD}\n`, `${BAD}\n`, `${GOOD}\n`] });
    expect(stderr).toBe(
      '\r1 lines, 4 lines/s, 0 failed\u001b[K' +
        '\r2 lines, 4 lines/s, 1 failed\u001b[K' +
        '\r3 lines, 4 lines/s, 1 failed\u001b[K' +
        '\r\u001b[Kbatch: 3 lines read, 2 ok, 1 failed\n',
    );
  });

  it('no update within 250 ms of the last, and nothing to clear when none was shown', async () => {
    const { stderr } = await cli(['batch', ...NOW], { tty: true, clock: ticking(249), input: [`${GOOD}\n${BAD}\n`] });
    expect(stderr).toBe('batch: 2 lines read, 1 ok, 1 failed\n');
  });
});

describe('batch: a closed pipe stops the reading', () => {
  it('EPIPE stops reading an endless standard input', async () => {
    async function* endless(): AsyncGenerator<Uint8Array> {
      for (;;) yield Buffer.from(`${GOOD}\n`.repeat(100));
    }
    const { code } = await cli(['batch', ...NOW], { input: endless(), stdoutFailsAfter: { bytes: 70_000, code: 'EPIPE' } });
    expect(code).toBe(141);
  });
});
