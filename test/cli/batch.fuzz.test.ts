import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cli, records } from './support.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const NOW = ['--now', '2026-03-20T12:00:00Z'];

/** A line that is not blank and has no line break: anything at all, or something almost valid. */
const line = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.string({
      unit: fc.constantFrom('"', ',', '{', '}', '[', ':', 'a', '1', '-', '=', ' ', '\\', '\r', '\t', '\u00e9', '\ufeff'),
      maxLength: 40,
    }),
    fc.json().map((json) => json.replace(/\n/g, ' ')),
    fc
      .tuple(fc.constantFrom('id', 'expirationDate', 'invoiceAmount', 'extension'), fc.jsonValue())
      .map(([key, value]) => JSON.stringify({ [key]: value, expirationDate: '2026-03-08' })),
  )
  .map((text) => text.replace(/[\n]/g, ' '))
  .filter((text) => text.replace(/\r$/, '').trim() !== '');

/** The record numbers a run must give: one per non-blank line, in order. */
function expectedLines(lines: readonly string[], first: number): number[] {
  return lines.map((_, index) => index + first);
}

describe('batch fuzz: each malformed line yields exactly one record', () => {
  it('NDJSON: any lines, any chunking: one record per line, in order, and never exit 2 or a throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 64 }), async (lines, chunkSize) => {
        const bytes = Buffer.from(lines.join('\n'), 'utf8');
        const chunks = Array.from({ length: Math.ceil(bytes.length / chunkSize) }, (_, i) =>
          bytes.subarray(i * chunkSize, (i + 1) * chunkSize),
        );
        const { code, stdout } = await cli(['batch', ...NOW], { input: chunks });
        const out = records(stdout);
        expect(out.map((record) => record.line)).toEqual(expectedLines(lines, 1));
        expect(code).toBe(out.every((record) => record.ok === true) ? 0 : 1);
      }),
      { numRuns: RUNS },
    );
  });

  it('CSV: any lines after a valid header: one record per line, in order, in CSV output too', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 12 }), async (lines) => {
        const input = `id,expirationDate,invoiceAmount\n${lines.join('\n')}\n`;
        const ndjson = await cli(['batch', '--input-format', 'csv', ...NOW], { input });
        expect(records(ndjson.stdout).map((record) => record.line)).toEqual(expectedLines(lines, 2));
        expect([0, 1]).toContain(ndjson.code);
        const csv = await cli(['batch', '--input-format', 'csv', '--output-format', 'csv', ...NOW], { input });
        expect(csv.stdout.match(/^<stdin>,\d+,/gm)).toHaveLength(lines.length);
      }),
      { numRuns: RUNS },
    );
  });

  it('arbitrary bytes (invalid UTF-8 included) never end the batch early', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        const { code, stdout } = await cli(['batch', ...NOW], { input: [bytes] });
        const nonBlank = Buffer.from(bytes)
          .toString('utf8')
          .split('\n')
          .map((text, index) => [text.replace(/\r$/, '').replace(/^\ufeff/, ''), index] as const)
          .filter(([text]) => text.trim() !== '');
        expect(records(stdout).map((record) => record.line)).toEqual(nonBlank.map(([, index]) => index + 1));
        expect([0, 1]).toContain(code);
      }),
      { numRuns: RUNS },
    );
  });
});
