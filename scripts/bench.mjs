// The one runner of the TypeScript benchmarks: bundles bench/run.ts (every group, `npm run
// bench [group]`) or bench/cpu.ts (CPU time per call, `npm run bench:cpu [function] [rounds]`)
// with esbuild and runs the bundle: no extra TS runner needed.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const args = process.argv.slice(2);
const entry = args[0] === 'cpu' ? 'cpu' : 'run';
if (entry === 'cpu') args.shift();
mkdirSync('node_modules/.bench', { recursive: true });
await build({
  entryPoints: [`bench/${entry}.ts`],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: `node_modules/.bench/${entry}.mjs`,
  logLevel: 'warning',
});
const result = spawnSync(process.execPath, ['--expose-gc', `node_modules/.bench/${entry}.mjs`, ...args], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
// The cold import needs fresh processes, so it runs outside the in-process harness.
if (entry === 'run' && (args[0] === undefined || 'cold import'.includes(args[0]))) {
  const cold = spawnSync(process.execPath, ['bench/import.mjs'], { stdio: 'inherit' });
  process.exit(cold.status ?? 1);
}
