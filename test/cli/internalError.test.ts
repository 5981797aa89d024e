import { describe, expect, it, vi } from 'vitest';
import { unexpectedFailureLine } from '../../src/cli/run.js';
import { cli, records } from './support.js';

// The library's rules reach the CLI through src/internal.ts only, so one mock there stands
// for a bug anywhere in them.
vi.mock('../../src/internal.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/internal.js')>();
  return {
    ...original,
    expiryStatusOf: (...args: Parameters<typeof original.expiryStatusOf>) => {
      if (args[0].id === 'boom') throw new RangeError('a bug in the library');
      return original.expiryStatusOf(...args);
    },
  };
});

describe('batch: no input reaches "unexpected failure"', () => {
  it("a failure that is not a library error (a bug) is that line's internal-error record; the batch goes on", async () => {
    const lines = ['ok-1', 'boom', 'ok-2'].map((id) => JSON.stringify({ id, expirationDate: '2026-03-08', invoiceAmount: '300.00' }));
    const { code, stdout } = await cli(['batch', '--now', '2026-03-20T12:00:00Z'], { input: lines.join('\n') });
    expect(code).toBe(1);
    expect(records(stdout).map((record) => [record.id, record.ok])).toEqual([
      ['ok-1', true],
      ['boom', false],
      ['ok-2', true],
    ]);
    expect(records(stdout)[1].error).toEqual({
      code: 'internal-error',
      path: 'line',
      message: 'the library failed on this line: RangeError: a bug in the library',
    });
  });
});

describe('the executable when run itself fails', () => {
  it('writes one line naming the failure, never a stack trace', () => {
    const error = new TypeError('cannot read x\n    at somewhere (file.js:1:1)');
    expect(unexpectedFailureLine(error)).toBe(
      'subscription-expiry: unexpected failure (a bug: please report it with the command you ran): TypeError: cannot read x at somewhere (file.js:1:1)\n',
    );
    expect(unexpectedFailureLine('thrown text')).toBe(
      'subscription-expiry: unexpected failure (a bug: please report it with the command you ran): thrown text\n',
    );
  });
});
