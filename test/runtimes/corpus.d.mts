// Types of corpus.mjs, for test/runtimes/corpus.test.ts.
export const SEED: number;
export const CASES: number;
export const ZONES: readonly string[];
export interface Case {
  readonly n: number;
  readonly kind: string;
  readonly zone: string;
  readonly variant: number;
  readonly subscription: { readonly expirationDate: string; readonly recipientTimeZone?: string };
}
export function generateCases(seed: number, count: number): Case[];
export function runCorpus(lib: object, cases: readonly Case[]): string;
export function zoneTransitions(zones: readonly string[]): Record<string, string[]>;
export function localeSamples(locales: readonly string[]): Record<string, string[]>;
export function describeRuntime(): { runtime: string; version: string; tz: string | null; icu: string | null };
export function conformanceReport(lib: object): {
  runtime: string;
  version: string;
  tz: string | null;
  icu: string | null;
  lines: string;
  zones: Record<string, string[]>;
  locales: Record<string, string[]>;
};
