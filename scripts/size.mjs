// Measures what a front-end bundle pays for the library: esbuild bundles an entry that
// imports the package (all of it, or only quoteReactivationFee), minified, then gzip -9.
// Usage: node scripts/size.mjs            check against the budgets of issue 8
//        node scripts/size.mjs --guard    check against the regression guard (CI)
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const entry = resolve('dist/index.js');
const CASES = [
  // budget: the target; guard: the current size plus a little, so CI catches growth.
  { name: 'whole entry (import *)', source: `export * from ${JSON.stringify(entry)};`, budget: 18_000, guard: 28_000 },
  { name: 'fee-only widget (import { quoteReactivationFee })', source: `export { quoteReactivationFee } from ${JSON.stringify(entry)};`, budget: 16_000, guard: 23_500 },
  { name: 'decimal.js alone, for reference', source: `import D from 'decimal.js'; export const C = D.clone({});`, budget: undefined, guard: undefined },
];
const mode = process.argv.includes('--guard') ? 'guard' : 'budget';
const dir = mkdtempSync(join(tmpdir(), 'subscription-expiry-size-'));
let failed = false;
try {
  for (const item of CASES) {
    const file = join(dir, 'entry.mjs');
    writeFileSync(file, item.source);
    const result = await build({ entryPoints: [file], bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, absWorkingDir: process.cwd(), nodePaths: [resolve('node_modules')], logLevel: 'silent' });
    const bytes = result.outputFiles[0].contents;
    const gzip = gzipSync(bytes, { level: 9 }).length;
    const limit = item[mode];
    const verdict = limit === undefined ? '' : gzip <= limit ? `ok (≤ ${(limit / 1000).toFixed(1)} kB ${mode})` : `OVER the ${(limit / 1000).toFixed(1)} kB ${mode}`;
    if (limit !== undefined && gzip > limit) failed = true;
    console.log(`${item.name.padEnd(52)} ${(bytes.length / 1000).toFixed(1).padStart(6)} kB min  ${(gzip / 1000).toFixed(2).padStart(6)} kB gzip  ${verdict}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
