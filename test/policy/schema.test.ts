import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Ajv2020 from 'ajv/dist/2020.js';
import { defaultPolicy, definePolicy } from '../../src/index.js';
import { isoMinorUnits } from '../../src/money/currencies.js';
import { policyArbitrary } from '../support/policies.js';
import { policyErrorOf } from '../support/errors.js';

/**
 * policy.schema.json (issue 18 part 3) against definePolicy: every policy example in the
 * docs passes both; every invalid one fails both where a schema can say so, and the rules
 * a schema cannot state are caught by definePolicy alone.
 */

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
const schema = JSON.parse(read('../../policy.schema.json')) as Record<string, unknown>;
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(schema);
const schemaErrors = (value: unknown) =>
  validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);

const DOCS = ['../../docs/policy.md', '../../README.md'].map((path) => ({ path, text: read(path) }));

/** The ```json blocks of a markdown text, with `invalid` in the info string or not. */
function jsonBlocks(markdown: string, invalid: boolean): unknown[] {
  return [...markdown.matchAll(/^```json( invalid)?\n([\s\S]*?)^```$/gm)]
    .filter((match) => (match[1] !== undefined) === invalid)
    .map((match) => JSON.parse(match[2] as string) as unknown);
}

/** The object literal passed to each `definePolicy({ … })` in the ```ts blocks, evaluated (with `defaultPolicy` in scope) and made plain JSON. */
function definePolicyArguments(markdown: string): unknown[] {
  const blocks = [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] as string);
  const found: unknown[] = [];
  for (const block of blocks) {
    for (let start = block.indexOf('definePolicy({'); start !== -1; start = block.indexOf('definePolicy({', start + 1)) {
      let depth = 0;
      let end = start + 'definePolicy('.length;
      for (; end < block.length; end += 1) {
        const char = block[end];
        if (char === '{' || char === '[' || char === '(') depth += 1;
        if (char === '}' || char === ']' || char === ')') depth -= 1;
        if (depth === 0) break;
      }
      const literal = block.slice(start + 'definePolicy('.length, end + 1);
      const value = new Function('defaultPolicy', `return (${literal});`)(defaultPolicy) as unknown;
      found.push(JSON.parse(JSON.stringify(value)));
    }
  }
  return found;
}

describe('policy.schema.json', () => {
  it('R-POL-1 is a valid JSON Schema 2020-12 that ajv compiles in strict mode', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(typeof validate).toBe('function');
  });

  it('R-POL-1 accepts every policy example in the docs, and so does definePolicy', () => {
    const examples = DOCS.flatMap(({ text }) => [...jsonBlocks(text, false), ...definePolicyArguments(text)]);
    expect(examples.length).toBeGreaterThanOrEqual(6);
    for (const example of examples) {
      expect(schemaErrors(example), JSON.stringify(example)).toEqual([]);
      expect(() => definePolicy(example as never), JSON.stringify(example)).not.toThrow();
    }
  });

  it('R-POL-1 refuses every invalid example in the docs, and so does definePolicy', () => {
    const invalid = DOCS.flatMap(({ text }) => jsonBlocks(text, true));
    expect(invalid.length).toBeGreaterThanOrEqual(4);
    for (const example of invalid) {
      expect(schemaErrors(example), JSON.stringify(example)).not.toEqual([]);
      policyErrorOf(() => definePolicy(example as never));
    }
  });

  it('R-POL-1 R-FEE-6 R-IN-3 refuses, with definePolicy, what a schema can express', () => {
    const cases: [overrides: unknown, path: string][] = [
      [{ timezone: 'Europe/Berlin' }, 'policy.timezone'],
      [{ fees: { recovery: { rate: '0.15', minimum: '50.00', dailyRate: '4.00', cap: '100.00' } } }, 'policy.fees.recovery.cap'],
      [{ fees: { reactivationTiers: [{ fromDay: 0, rate: '0.1' }] } }, 'policy.fees.reactivationTiers[0].minimum'],
      [
        { fees: { reactivationTiers: [{ fromDay: 0, rate: '0.1', minimum: '25.00', maximumRate: '11' }] } },
        'policy.fees.reactivationTiers[0].maximumRate',
      ],
      [{ fees: { reactivationTiers: [] } }, 'policy.fees.reactivationTiers'],
      [{ fees: { recovery: { dailyRate: '-0' } } }, 'policy.fees.recovery.dailyRate'],
      [{ fees: { recovery: { rate: '0.1234567' } } }, 'policy.fees.recovery.rate'],
      [{ deletionDay: 0 }, 'policy.deletionDay'],
      [{ rounding: 'bankers' }, 'policy.rounding'],
      [{ expiryTime: '24:00' }, 'policy.expiryTime'],
      [{ currency: 'usd' }, 'policy.currency'],
      [{ currencyDigits: { USD: 5 } }, 'policy.currencyDigits.USD'],
      [{ currencyDigits: { ZZZ: 2 } }, 'policy.currencyDigits.ZZZ'],
      [{ reminders: { cadences: [{ channel: 'Email', cadence: 'daily', from: 0, through: 0 }] } }, 'policy.reminders.cadences[0].channel'],
      [{ reminders: { cadences: [{ channel: 'email', cadence: 'hourly', from: 0, through: 0 }] } }, 'policy.reminders.cadences[0].cadence'],
      [{ reminders: { quietHours: { start: '8:00' } } }, 'policy.reminders.quietHours.start'],
      [{ extensions: { orderId: { separator: 'a' } } }, 'policy.extensions.orderId.separator'],
      [{ extensions: { orderId: { groups: [3, 3, 5, 1, 1, 1, 1, 1, 1] } } }, 'policy.extensions.orderId.groups'],
      [{ extensions: { cooldownDays: 1.5 } }, 'policy.extensions.cooldownDays'],
    ];
    for (const [overrides, path] of cases) {
      expect(schemaErrors(overrides), JSON.stringify(overrides)).not.toEqual([]);
      expect(policyErrorOf(() => definePolicy(overrides as never)).path, JSON.stringify(overrides)).toBe(path);
    }
  });

  it('R-POL-1 R-FEE-6 leaves to definePolicy the rules across fields that a schema cannot state', () => {
    const cases: [overrides: unknown, path: string][] = [
      [{ timeZone: 'Mars/Olympus_Mons' }, 'policy.timeZone'],
      [{ fees: { recovery: { minimum: '1.001' } } }, 'policy.fees.recovery.minimum'],
      [
        { fees: { reactivationTiers: [{ fromDay: 0, rate: '0.1', minimum: '25.00', maximum: '20.00' }] } },
        'policy.fees.reactivationTiers[0].maximum',
      ],
      [
        {
          fees: {
            reactivationTiers: [
              { fromDay: 0, rate: '0.1', minimum: '25.00' },
              { fromDay: 7, rate: '0.15', minimum: '50.00', maximum: '100.00' },
            ],
          },
        },
        'policy.fees.reactivationTiers[1].maximum',
      ],
      [{ fees: { reactivationTiers: [{ fromDay: 3, rate: '0.1', minimum: '25.00' }] } }, 'policy.fees.reactivationTiers[0].fromDay'],
      [{ reminders: { quietHours: { start: '21:00', end: '08:00' } } }, 'policy.reminders.quietHours.end'],
    ];
    for (const [overrides, path] of cases) {
      expect(schemaErrors(overrides), JSON.stringify(overrides)).toEqual([]);
      expect(policyErrorOf(() => definePolicy(overrides as never)).path).toBe(path);
    }
  });

  it('R-POL-1 a policy file may name its schema: definePolicy ignores "$schema"', () => {
    const file = { $schema: './node_modules/subscription-expiry/policy.schema.json', deletionDay: 30 };
    expect(schemaErrors(file)).toEqual([]);
    const policy = definePolicy(file as never);
    expect(policy.deletionDay).toBe(30);
    expect('$schema' in policy).toBe(false);
  });

  it('R-POL-1 accepts every policy that definePolicy makes, written out as overrides', () => {
    fc.assert(
      fc.property(policyArbitrary, (policy) => {
        expect(schemaErrors(JSON.parse(JSON.stringify(policy)))).toEqual([]);
      }),
      { numRuns: 200 },
    );
    expect(schemaErrors(JSON.parse(JSON.stringify(defaultPolicy)))).toEqual([]);
  });

  it("R-IN-3 lists exactly the currency codes of the library's ISO 4217 table", () => {
    const codes = (schema.$defs as { currency: { enum: string[] } }).currency.enum;
    const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const table = [...LETTERS]
      .flatMap((a) => [...LETTERS].flatMap((b) => [...LETTERS].map((c) => `${a}${b}${c}`)))
      .filter((code) => isoMinorUnits(code) !== undefined);
    expect(codes).toEqual(table);
  });

  it('R-POL-1 ships in the package as subscription-expiry/policy.schema.json', () => {
    const manifest = JSON.parse(read('../../package.json')) as { exports: Record<string, unknown>; files: string[] };
    expect(manifest.exports['./policy.schema.json']).toBe('./policy.schema.json');
    expect(manifest.files).toContain('policy.schema.json');
  });
});
