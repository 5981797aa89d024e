import { cpus } from 'node:os';
import { clockBenchmarks } from './clock.bench.js';
import { coldBenchmarks } from './cold.bench.js';
import { firstCallFigures } from './firstCall.js';
import { printRows, runGroup, type BenchGroup, type BenchRow } from './harness.js';

/** Runs every benchmark group; medians per call, ratios against each group's baseline. */
const groups: BenchGroup[] = [...coldBenchmarks(), ...clockBenchmarks];
const only = process.argv[2];
const rows: BenchRow[] = [];
if (only === undefined || 'first call'.includes(only)) firstCallFigures();
console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`);
for (const group of groups) {
  if (only !== undefined && !group.title.includes(only)) continue;
  rows.push(...(await runGroup(group)));
}
printRows(rows);
