// Types of compare.mjs, for the tests that prove its rule (test/runtimes/compare.test.ts).
export interface Report {
  readonly name: string;
  readonly tz: string | null;
  readonly lines: string;
  readonly zones: Readonly<Record<string, readonly string[]>>;
  readonly locales: Readonly<Record<string, readonly string[]>>;
}
export interface Differing {
  readonly name: string;
  readonly first: string;
  readonly count: number;
}
export interface PairResult {
  readonly matched: number;
  readonly explained: number;
  readonly explainedBy: Readonly<Record<string, number>>;
  readonly unexplained: readonly { readonly line: number; readonly a: string; readonly b: string }[];
  readonly differing: readonly Differing[];
  readonly differingLocales: readonly Differing[];
  readonly total: number;
}
export function entriesThatDiffer(a: Report, b: Report, table: 'zones' | 'locales'): Differing[];
export function comparePair(a: Report, b: Report): PairResult;
export function compareReports(reports: readonly Report[]): {
  rows: { report: Report; against: PairResult }[];
  failures: string[];
};
