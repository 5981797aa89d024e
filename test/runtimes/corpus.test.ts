/**
 * The conformance corpus the runtime matrix runs (npm run test:runtimes): seeded, so every
 * runtime answers the same cases, and wide: every export, the odd zones, 1900 through 2999.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CASES, SEED, ZONES, generateCases, localeSamples, runCorpus, zoneTransitions } from './corpus.mjs';

// The built package, as every runtime of the matrix loads it (and so not under Stryker's mutants of src/).
const entry = new URL('../../dist/index.js', import.meta.url);

describe('R-PURE-2 the conformance corpus', () => {
  const cases = generateCases(SEED, CASES);
  let lib: object = {};

  beforeAll(async () => {
    if (!existsSync(fileURLToPath(entry))) throw new Error('dist/index.js is missing: run `npm run build` first');
    lib = (await import(entry.href)) as object;
  });

  it('is the same list of cases every time it is generated, and another seed gives another', () => {
    expect(JSON.stringify(generateCases(SEED, CASES))).toBe(JSON.stringify(cases));
    expect(JSON.stringify(generateCases(SEED + 1, 50))).not.toBe(JSON.stringify(cases.slice(0, 50)));
  });

  it('has thousands of cases through every export, in every zone of its list', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5000);
    expect(new Set(cases.map((c) => c.kind))).toEqual(
      new Set([
        'status',
        'capabilities',
        'timeline',
        'schedule',
        'remindersDue',
        'quote',
        'extension',
        'findOrderId',
        'formatMoney',
        'definePolicy',
      ]),
    );
    expect(new Set(cases.map((c) => c.zone))).toEqual(new Set(ZONES));
    for (const zone of [
      'Africa/Casablanca',
      'Africa/Monrovia',
      'Pacific/Apia',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'America/Santiago',
      'Asia/Tehran',
    ]) {
      expect(ZONES).toContain(zone);
    }
  });

  it('spans the supported years 1900–2999, with their first and last days and days beyond them', () => {
    const dates = cases.map((c) => c.subscription.expirationDate).sort();
    expect(dates.filter((date) => date.startsWith('19')).length).toBeGreaterThan(100);
    expect(dates.filter((date) => date >= '2100').length).toBeGreaterThan(1000);
    expect(dates).toContain('1900-01-01');
    expect(dates).toContain('2999-12-31');
    expect(dates).toContain('3000-01-01');
  });

  it('gets answers and typed refusals, and no crash, from the built package', () => {
    const lines = runCorpus(lib, cases.slice(0, 1500))
      .trimEnd()
      .split('\n')
      .map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(lines).toHaveLength(1500);
    expect(lines.filter((entry) => 'crash' in entry)).toEqual([]);
    expect(lines.filter((entry) => 'ok' in entry).length).toBeGreaterThan(1000);
    expect(new Set(lines.filter((entry) => 'error' in entry).map((entry) => entry.error))).toEqual(
      new Set(['ExpiryInputError', 'PolicyError']),
    );
  });

  it('learns a zone’s transitions from Intl: New York’s 1967 and 2026 DST changes, none for UTC', () => {
    const table = zoneTransitions(['America/New_York', 'UTC']);
    expect(table.UTC).toEqual(['1899-12-31T00:00 0']);
    expect(table['America/New_York']).toContain('2026-03-08T07:00 -14400');
    expect(table['America/New_York']).toContain('2026-11-01T06:00 -18000');
    expect(table['America/New_York']).toContain('1967-04-30T07:00 -14400');
  });

  it('samples each locale’s money text', () => {
    expect(localeSamples(['de-DE'])['de-DE']).toContain('1.234.567,89\u00a0€');
  });
});
