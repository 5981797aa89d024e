// What a front-end bundle pays for one import of the library: esbuild bundles an entry that
// imports only that function from the built package (dist/index.js), minified, for the
// browser, then gzip -9. It fails when an import that computes no money contains decimal.js,
// or when an import is over its budget: the measured size plus a little, accepted as the
// budget (docs/decisions.md), so any growth fails CI.
// Last, the pricing widget's own production bundle (vite build) is reported, without a budget.
// Usage: node scripts/size.mjs [--why]   (npm run size; --why lists what each import keeps)
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const entry = JSON.stringify(resolve('dist/index.js'));
const KB = 1000;
const CASES = [
  { name: 'findOrderId', source: `export { findOrderId } from ${entry};`, budget: 1.45 * KB, decimal: false },
  { name: 'getExpiryStatus', source: `export { getExpiryStatus } from ${entry};`, budget: 6.4 * KB, decimal: false },
  { name: 'getRemindersDue', source: `export { getRemindersDue } from ${entry};`, budget: 7.1 * KB, decimal: false },
  { name: 'getCapabilities', source: `export { getCapabilities } from ${entry};`, budget: 6.7 * KB, decimal: false },
  { name: 'getTimeline', source: `export { getTimeline } from ${entry};`, budget: 6.8 * KB, decimal: false },
  { name: 'checkExtensionEligibility', source: `export { checkExtensionEligibility } from ${entry};`, budget: 7.9 * KB, decimal: false },
  { name: 'definePolicy', source: `export { definePolicy } from ${entry};`, budget: 6.4 * KB, decimal: false },
  { name: 'formatMoney', source: `export { formatMoney } from ${entry};`, budget: 2.35 * KB, decimal: false },
  {
    name: 'quoteReactivationFee',
    source: `export { quoteReactivationFee } from ${entry};`,
    budget: 22.5 * KB,
    decimal: true,
  },
  { name: 'the whole entry (import *)', source: `export * from ${entry};`, budget: 31.1 * KB, decimal: true },
  { name: 'for reference: decimal.js alone', source: `import D from 'decimal.js'; export const C = D.clone({});`, decimal: true },
];

const dir = mkdtempSync(join(tmpdir(), 'subscription-expiry-size-'));
let failed = false;
try {
  console.log(`${'import'.padEnd(34)} ${'min'.padStart(9)} ${'gzip -9'.padStart(9)}  decimal.js  verdict`);
  for (const item of CASES) {
    const file = join(dir, 'entry.mjs');
    writeFileSync(file, item.source);
    const result = await build({
      entryPoints: [file],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      absWorkingDir: process.cwd(),
      nodePaths: [resolve('node_modules')],
      logLevel: 'silent',
    });
    const bytes = result.outputFiles[0].contents;
    const gzip = gzipSync(bytes, { level: 9 }).length;
    const kept = Object.values(result.metafile.outputs)[0].inputs;
    const hasDecimal = Object.entries(kept).some(
      ([input, { bytesInOutput }]) => input.includes('node_modules/decimal.js/') && bytesInOutput > 0,
    );
    if (process.argv.includes('--why'))
      for (const [input, { bytesInOutput }] of Object.entries(kept))
        if (bytesInOutput > 0) console.log(`    ${String(bytesInOutput).padStart(6)} ${input}`);
    const problems = [];
    const notes = [];
    if (!item.decimal && hasDecimal) problems.push('contains decimal.js');
    if (item.budget !== undefined && gzip > item.budget) problems.push(`OVER the ${(item.budget / KB).toFixed(2)} kB budget`);
    else if (item.budget !== undefined) notes.push(`within the ${(item.budget / KB).toFixed(2)} kB budget`);
    if (problems.length > 0) failed = true;
    console.log(
      `${item.name.padEnd(34)} ${(bytes.length / KB).toFixed(1).padStart(6)} kB ${(gzip / KB).toFixed(2).padStart(6)} kB  ${(hasDecimal ? 'yes' : 'no').padEnd(10)}  ${[...problems, ...notes].join('; ')}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// The pricing widget's own production bundle (Vite, as its users build it), reported, not
// budgeted: it uses most of the library, so it shows what a real widget pays in all.
const widget = spawnSync('npx', ['vite', 'build', '--config', 'examples/pricing-widget/vite.config.ts', '--logLevel', 'silent'], {
  stdio: 'inherit',
});
if (widget.status !== 0) failed = true;
else {
  const assets = 'examples/pricing-widget/dist/assets';
  const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
  const bytes = scripts.reduce((sum, name) => sum + readFileSync(join(assets, name)).length, 0);
  const gzip = scripts.reduce((sum, name) => sum + gzipSync(readFileSync(join(assets, name)), { level: 9 }).length, 0);
  console.log(
    `${'pricing widget (vite build, all JS)'.padEnd(34)} ${(bytes / KB).toFixed(1).padStart(6)} kB ${(gzip / KB).toFixed(2).padStart(6)} kB  yes         reported`,
  );
}
process.exitCode = failed ? 1 : 0;
