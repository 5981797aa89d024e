/**
 * The runtime matrix's verdict (scripts/runtimes/compare.mjs), proved on small made-up
 * reports: R-PURE-2 says the same inputs give the same answers on every machine, except
 * where the machine's own data (tz rules, locale data) differ, and only there.
 */
import { describe, expect, it } from 'vitest';
import { compareReports, comparePair, entriesThatDiffer, type Report } from '../../scripts/runtimes/compare.mjs';

const line = (n: number, data: object, ok: unknown) => JSON.stringify({ n, kind: 'status', ...data, ok });

function report(
  name: string,
  tz: string | null,
  answers: readonly unknown[],
  zones: Record<string, string[]>,
  locales: Record<string, string[]> = {},
): Report {
  const data = [{ zones: ['Africa/Casablanca'] }, { zones: ['Europe/Berlin', 'Asia/Tehran'] }, { locale: 'de-CH' }];
  return { name, tz, lines: `${answers.map((answer, n) => line(n, data[n] ?? {}, answer)).join('\n')}\n`, zones, locales };
}

const oldRules = { 'Africa/Casablanca': ['1900-01-01T00:00 -1820', '2026-09-20T01:00 0'], 'Europe/Berlin': ['x'], 'Asia/Tehran': ['y'] };
const newRules = { ...oldRules, 'Africa/Casablanca': ['1900-01-01T00:00 -1820', '2027-02-07T02:00 0'] };
const swiss = { 'de-CH': ["CHF 1'234.50"] };

describe('R-PURE-2 the runtime matrix compares answers line by line', () => {
  it('names the zones whose transitions differ, with the first differing one', () => {
    const a = report('a', '2025c', [1], oldRules);
    const b = report('b', '2026e', [1], newRules);
    expect(entriesThatDiffer(a, b, 'zones')).toEqual([{ name: 'Africa/Casablanca', first: '2026-09-20T01:00 0', count: 2 }]);
  });

  it('passes identical reports, every line matched', () => {
    const result = compareReports([report('a', '2025c', [1, 2, 3], oldRules), report('b', '2025c', [1, 2, 3], oldRules)]);
    expect(result.failures).toEqual([]);
    expect(result.rows[1]?.against).toMatchObject({ matched: 3, explained: 0, total: 3 });
  });

  it('lets a line differ when one of its zones has other rules, and counts it against that zone', () => {
    const pair = comparePair(report('a', '2025c', ['expired', 2], oldRules), report('b', '2026e', ['active', 2], newRules));
    expect(pair).toMatchObject({ matched: 1, explained: 1, explainedBy: { 'Africa/Casablanca': 1 }, unexplained: [] });
  });

  it('fails a line that differs in a zone whose rules are the same', () => {
    const result = compareReports([report('a', '2025c', [1, 'x'], oldRules), report('b', '2026e', [1, 'y'], newRules)]);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toContain('line 2 differs outside the zones and locales whose data differ');
  });

  it('fails every difference between runtimes with the same tables', () => {
    const result = compareReports([report('a', null, ['expired'], oldRules), report('b', null, ['active'], oldRules)]);
    expect(result.failures[0]).toContain('a / b: line 1 differs');
  });

  it('fails two runtimes that claim the same tz version yet see different rules', () => {
    const result = compareReports([report('a', '2026e', [1], oldRules), report('b', '2026e', [1], newRules)]);
    expect(result.failures).toEqual(['a / b: both say tz 2026e, yet their zones differ: Africa/Casablanca']);
  });

  it('lets money text differ only where the locale’s data differ', () => {
    const answers = [1, 2, "CHF 1'234.50"];
    const other = [1, 2, 'CHF 1’234.50'];
    const sameData = compareReports([report('a', null, answers, oldRules, swiss), report('b', null, other, oldRules, swiss)]);
    expect(sameData.failures).toHaveLength(1);
    const otherData = comparePair(
      report('a', null, answers, oldRules, swiss),
      report('b', null, other, oldRules, { 'de-CH': ['CHF 1’234.50'] }),
    );
    expect(otherData).toMatchObject({ explained: 1, explainedBy: { 'de-CH': 1 }, unexplained: [] });
  });

  it('fails reports of different lengths', () => {
    const pair = comparePair(report('a', null, [1, 2], oldRules), report('b', null, [1], oldRules));
    expect(pair.unexplained).toEqual([{ line: 0, a: '2 lines', b: '1 lines' }]);
  });
});
