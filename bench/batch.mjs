// The `batch` command over generated subscriptions: throughput (wall and CPU) and peak memory,
// beside a floor loop and the library in a plain loop, measured in the same run (issue 13).
// Usage: node bench/batch.mjs [lines] [runs] [scenario]
//   lines     default 1,000,000; above 100,000 every scenario is also run at 100,000 lines,
//             to show whether memory is flat in the number of lines
//   runs      default 3: runs of each program per scenario and size, alternated
//   scenario  realistic (default) | few-prices | csv | all
// npm run bench:batch is `1000000 2 all`: two runs each keep it under about 10 minutes on a
// busy 2-core machine while the library runs at tens of thousands of lines per second.
// Scenarios (docs/performance.md, "Batch benchmark: method"):
//   realistic   NDJSON, distinct ids, ~300,000 distinct amounts, 1,461 dates, 10 % recipient zones
//   few-prices  NDJSON, the original input: five prices, 1,100 dates, no zones
//   csv         the realistic subscriptions as a CSV file (--input-format csv)
// Every run is a fresh process with scripts/report-peak-memory.cjs preloaded, which prints
// its peak RSS and CPU time (user + system) on exit. Needs `npm run build` first.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { CSV_HEADER, csvLineOf, fewPricesAt, FROM, NOW, realisticAt, TO } from './batch-input.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const LINES = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 3);
const SCENARIO = process.argv[4] ?? 'realistic';
const SMALL = 100_000;
const SIZES = LINES > SMALL ? [SMALL, LINES] : [LINES];

/** What each scenario reads: which subscriptions, in which format. */
const SCENARIOS = {
  realistic: { data: 'realistic', format: 'ndjson' },
  'few-prices': { data: 'few-prices', format: 'ndjson' },
  csv: { data: 'realistic', format: 'csv' },
};
const chosen = SCENARIO === 'all' ? Object.keys(SCENARIOS) : [SCENARIO];
if (!Number.isInteger(LINES) || LINES < 1 || !Number.isInteger(RUNS) || RUNS < 1 || chosen.some((name) => !(name in SCENARIOS))) {
  console.error('usage: node bench/batch.mjs [lines] [runs] [realistic|few-prices|csv|all]');
  process.exit(2);
}

const PRELOAD = ['--require', join(ROOT, 'scripts/report-peak-memory.cjs')];
const fmt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');

function run(args) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [...PRELOAD, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const peakMb = Number(/peak-rss-kb (\d+)/.exec(stderr)?.[1] ?? Number.NaN) / 1024;
      const cpu = /cpu-us (\d+) (\d+)/.exec(stderr);
      const cpuSeconds = cpu === null ? Number.NaN : (Number(cpu[1]) + Number(cpu[2])) / 1e6;
      resolve({ code, seconds, cpuSeconds, peakMb, stderr });
    });
  });
}

/** Writes the inputs a data set needs: every format asked for, at every size, in one pass. */
async function writeInputs(dir, data, formats) {
  const at = data === 'few-prices' ? fewPricesAt : realisticAt;
  const files = {};
  const streams = [];
  for (const format of formats) {
    for (const size of SIZES) {
      const path = join(dir, `${data}-${size}.${format}`);
      const stream = createWriteStream(path);
      if (format === 'csv') stream.write(`${CSV_HEADER}\n`);
      files[`${format}-${size}`] = path;
      streams.push({ stream, format, size });
    }
  }
  const amounts = new Set();
  const days = new Set();
  let zoned = 0;
  const stats = {};
  for (let i = 0; i < LINES; i += 1) {
    const s = at(i);
    amounts.add(s.invoiceAmount);
    days.add(s.expirationDate);
    if (s.recipientTimeZone !== undefined) zoned += 1;
    for (const { stream, format, size } of streams) {
      if (i >= size) continue;
      if (!stream.write(`${format === 'csv' ? csvLineOf(s) : JSON.stringify(s)}\n`)) await once(stream, 'drain');
    }
    if (SIZES.includes(i + 1)) stats[i + 1] = { amounts: amounts.size, days: days.size, zoned };
  }
  for (const { stream } of streams) {
    stream.end();
    await once(stream, 'close');
  }
  for (const size of SIZES) {
    const sizes = formats.map((format) => `${format} ${(statSync(files[`${format}-${size}`]).size / 1e6).toFixed(0)} MB`).join(', ');
    const { amounts: a, days: d, zoned: z } = stats[size];
    console.log(
      `input ${data} × ${fmt(size)} lines (${sizes}): ${fmt(size)} distinct ids, ${fmt(a)} distinct amounts, ${fmt(d)} dates, ${fmt(z)} lines with a recipient zone`,
    );
  }
  return files;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Medians over the runs of one program, and the highest peak. */
function summary(runs, lines) {
  return {
    rate: median(runs.map((r) => lines / r.seconds)),
    cpuRate: median(runs.map((r) => lines / r.cpuSeconds)),
    peakMb: Math.max(...runs.map((r) => r.peakMb)),
    rates: runs.map((r) => lines / r.seconds),
  };
}

/** One scenario at one size: RUNS rounds of batch, floor and loop, the order rotated each round. */
async function measure(name, size, file) {
  const { data, format } = SCENARIOS[name];
  const programs = {
    batch: ['dist/cli.cjs', 'batch', '--input', file, '--input-format', format, '--now', NOW, '--from', FROM, '--to', TO],
    floor: ['bench/batch-floor.mjs', file, format, NOW],
    // The loop never reads the file: for csv it would repeat realistic's, so it is not run.
    ...(format === 'csv' ? {} : { loop: ['bench/batch-loop.mjs', String(size), data] }),
  };
  const order = Object.keys(programs);
  const runs = Object.fromEntries(order.map((program) => [program, []]));
  for (let round = 0; round < RUNS; round += 1) {
    for (let k = 0; k < order.length; k += 1) {
      const program = order[(round + k) % order.length];
      const result = await run(programs[program]);
      if (result.code !== 0) throw new Error(`${name}, ${program} exited with ${result.code}:\n${result.stderr}`);
      runs[program].push(result);
    }
  }
  const summaryLine = runs.batch[0].stderr.split('\n').find((line) => line.startsWith('batch:')) ?? '';
  if (!summaryLine.startsWith(`batch: ${size} lines read, ${size} ok`))
    throw new Error(`${name}: unexpected batch summary: ${summaryLine}`);
  const result = { name, size, ...Object.fromEntries(order.map((program) => [program, summary(runs[program], size)])) };
  const { batch, floor, loop } = result;
  const describe = (label, s, unit) =>
    `  ${label} ${fmt(s.rate).padStart(9)} ${unit}/s, ${fmt(s.cpuRate).padStart(9)} per CPU-s, peak ${fmt(s.peakMb)} MB (runs: ${s.rates.map(fmt).join(', ')})`;
  console.log(`${name} × ${fmt(size)} lines — ${summaryLine}`);
  console.log(describe('batch', batch, 'lines'));
  console.log(describe('floor', floor, 'lines'));
  if (loop !== undefined) {
    console.log(describe('loop ', loop, 'subs '));
    console.log(`  ${runs.loop[0].stderr.split('\n').find((line) => line.startsWith('loop:'))}`);
  }
  console.log(
    `  batch / floor: ${(batch.rate / floor.rate).toFixed(2)} wall, ${(batch.cpuRate / floor.cpuRate).toFixed(2)} CPU${loop === undefined ? '' : `; batch takes ${(loop.rate / batch.rate).toFixed(2)}× the plain loop's time`}`,
  );
  return result;
}

const started = Date.now();
console.log(
  `Node ${process.version}; ${RUNS} alternated runs of each program per scenario and size; medians, highest peak; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const dir = mkdtempSync(join(tmpdir(), 'subscription-expiry-batch-'));
const results = [];
try {
  const inputs = {};
  for (const data of new Set(chosen.map((name) => SCENARIOS[name].data))) {
    const formats = [...new Set(chosen.filter((name) => SCENARIOS[name].data === data).map((name) => SCENARIOS[name].format))];
    inputs[data] = await writeInputs(dir, data, formats);
  }
  for (const name of chosen) {
    const { data, format } = SCENARIOS[name];
    for (const size of SIZES) results.push(await measure(name, size, inputs[data][`${format}-${size}`]));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const rows = [
  [
    'scenario',
    'lines',
    'batch lines/s',
    'lines/CPU-s',
    'peak RSS MB',
    'floor lines/s',
    'floor /CPU-s',
    'batch/floor',
    'CPU ratio',
    'loop subs/s',
  ],
  ...results.map(({ name, size, batch, floor, loop }) => [
    name,
    fmt(size),
    fmt(batch.rate),
    fmt(batch.cpuRate),
    fmt(batch.peakMb),
    fmt(floor.rate),
    fmt(floor.cpuRate),
    (batch.rate / floor.rate).toFixed(2),
    (batch.cpuRate / floor.cpuRate).toFixed(2),
    loop === undefined ? '(not run)' : fmt(loop.rate),
  ]),
];
const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
console.log(
  `\nsummary (${RUNS} runs each; ratio: batch lines/s ÷ floor lines/s; load average now ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; ${((Date.now() - started) / 60_000).toFixed(1)} min)`,
);
for (const [r, row] of rows.entries()) {
  console.log(`| ${row.map((cell, c) => (c < 1 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`);
  if (r === 0) console.log(`|${widths.map((w, c) => (c < 1 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
}
if (SIZES.length > 1) {
  for (const name of chosen) {
    const [small, large] = SIZES.map((size) => results.find((r) => r.name === name && r.size === size));
    console.log(
      `peak RSS of batch, ${name}: ${fmt(small.batch.peakMb)} MB at ${fmt(small.size)} lines, ${fmt(large.batch.peakMb)} MB at ${fmt(large.size)} (×${(large.batch.peakMb / small.batch.peakMb).toFixed(2)})`,
    );
  }
}
