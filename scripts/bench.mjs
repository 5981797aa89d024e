// Bundles bench/run.ts with esbuild (shipped with tsup) and runs it: no extra TS runner needed.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

mkdirSync('node_modules/.bench', { recursive: true });
await build({
  entryPoints: ['bench/run.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: 'node_modules/.bench/run.mjs',
  logLevel: 'warning',
});
const result = spawnSync(process.execPath, ['--expose-gc', 'node_modules/.bench/run.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
// The cold import needs fresh processes, so it runs outside the in-process harness.
if (process.argv[2] === undefined || 'cold import'.includes(process.argv[2])) {
  const cold = spawnSync(process.execPath, ['bench/import.mjs'], { stdio: 'inherit' });
  process.exit(cold.status ?? 1);
}
