import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NDJSON_FIELDS } from '../../src/cli/batch.js';
import packageJson from '../../package.json';
import { cli, records } from './support.js';

/** subscription.schema.json, the shape of an NDJSON line, against what `batch` reads (issue 26). */

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
const schema = JSON.parse(read('../../subscription.schema.json')) as {
  properties: Record<string, unknown>;
  required: string[];
};
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const NOW = ['--now', '2026-03-20T12:00:00Z'];

describe('subscription.schema.json', () => {
  it('is shipped and exported like policy.schema.json', () => {
    expect(packageJson.files).toContain('subscription.schema.json');
    expect(packageJson.exports['./subscription.schema.json']).toBe('./subscription.schema.json');
  });

  it('names exactly the keys batch reads, expirationDate required, and extension.endsOn alone', () => {
    expect(Object.keys(schema.properties)).toEqual([...NDJSON_FIELDS]);
    expect(schema.required).toEqual(['expirationDate']);
    expect(validate({ expirationDate: '2026-03-31', extension: { endsOn: '2026-04-30', by: 'x' } })).toBe(false);
    expect(validate({ expirationDate: '2026-03-31', extension: null })).toBe(true);
  });

  it("the README's NDJSON example fits the schema and batch answers it", async () => {
    const examples = [...read('../../README.md').matchAll(/^ *```text\n([\s\S]*?)^ *```$/gm)].flatMap((match) =>
      (match[1] as string)
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    );
    expect(examples.length).toBeGreaterThan(0);
    for (const line of examples) {
      expect(validate(JSON.parse(line))).toBe(true);
      expect(records((await cli(['batch', ...NOW], { input: line })).stdout)[0].ok).toBe(true);
    }
  });

  it('a line has a key the schema refuses exactly when batch answers it unknown-field, naming that key', async () => {
    const key = fc.constantFrom(...NDJSON_FIELDS, 'extensionEndsOn', 'invoiceAmout', 'plan', 'Id', 'expirationdate');
    const value = fc.constantFrom('2026-03-31', '300.00', 'x', 3);
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, value, { maxKeys: 4 }), async (fields) => {
        const line = { expirationDate: '2026-03-31', ...fields, ...('extension' in fields ? { extension: { endsOn: '2026-04-30' } } : {}) };
        validate(line);
        const extra = (validate.errors ?? []).filter((error) => error.keyword === 'additionalProperties');
        const record = records((await cli(['batch', '--quiet', ...NOW], { input: JSON.stringify(line) })).stdout)[0];
        const unknown = Object.keys(line).filter((name) => !(NDJSON_FIELDS as readonly string[]).includes(name));
        expect(extra.map((error) => (error.params as { additionalProperty: string }).additionalProperty)).toEqual(unknown);
        if (unknown.length === 0) expect(record.error?.code).not.toBe('unknown-field');
        else expect(record.error).toMatchObject({ code: 'unknown-field', path: `subscription.${unknown[0]}` });
      }),
      { numRuns: 60 },
    );
  });
});
