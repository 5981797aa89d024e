// The `batch` command over 1,000,000 generated subscriptions: throughput and peak memory,
// against the library called in a plain loop on the same subscriptions, in the same run.
// Usage: node bench/batch.mjs [lines] [runs]   (npm run bench:batch; needs `npm run build` first)
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';

const LINES = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 3);
const NOW = '2026-06-15T16:00:00Z';
const FROM = '2026-06-15T00:00:00Z';
const TO = '2026-06-16T00:00:00Z';
const PRICES = ['29.00', '49.00', '99.00', '300.00', '1250.50'];

/** The i-th generated subscription: expiration dates over ~3 years around "now". */
export function subscriptionAt(i) {
  const day = new Date(Date.UTC(2025, 6, 1) + ((i * 7919) % 1100) * 86_400_000).toISOString().slice(0, 10);
  return { id: `sub-${i}`, expirationDate: day, invoiceAmount: PRICES[i % PRICES.length] };
}

function run(args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], ...options });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const peak = Number(/peak-rss-kb (\d+)/.exec(stderr)?.[1] ?? Number.NaN) / 1024;
      resolve({ code, seconds, peakMb: peak, stderr });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'subscription-expiry-batch-'));
try {
  const input = join(dir, 'subscriptions.ndjson');
  const out = createWriteStream(input);
  for (let i = 0; i < LINES; i += 1) {
    if (!out.write(`${JSON.stringify(subscriptionAt(i))}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  console.log(`input: ${LINES.toLocaleString('en-US')} NDJSON lines, ${(statSync(input).size / 1e6).toFixed(0)} MB`);

  const loopSource = `
    const { getExpiryStatus, quoteReactivationFee, getRemindersDue } = require(${JSON.stringify(join(process.cwd(), 'dist/index.cjs'))});
    const PRICES = ${JSON.stringify(PRICES)};
    ${subscriptionAt.toString()}
    let ok = 0;
    for (let i = 0; i < ${LINES}; i += 1) {
      const s = subscriptionAt(i);
      getExpiryStatus(s, ${JSON.stringify(NOW)}); quoteReactivationFee(s, ${JSON.stringify(NOW)});
      getRemindersDue(s, { from: ${JSON.stringify(FROM)}, to: ${JSON.stringify(TO)} });
      ok += 1;
    }
    if (ok !== ${LINES}) process.exit(1);`;
  // Three runs of each, alternated, so a noisy neighbour slows both alike; medians of the
  // times, and the highest peak of all.
  const loops = [];
  const batches = [];
  for (let i = 0; i < RUNS; i += 1) {
    loops.push(await run(['--require', './scripts/report-peak-memory.cjs', '-e', loopSource]));
    batches.push(await run(['--require', './scripts/report-peak-memory.cjs', 'dist/cli.cjs', 'batch', '--input', input, '--now', NOW, '--from', FROM, '--to', TO]));
  }
  const failed = [...loops, ...batches].find((r) => r.code !== 0);
  if (failed !== undefined) throw new Error(`a run failed:\n${failed.stderr}`);
  const median = (runs) => [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)];
  const loop = { ...median(loops), peakMb: Math.max(...loops.map((r) => r.peakMb)) };
  const batch = { ...median(batches), peakMb: Math.max(...batches.map((r) => r.peakMb)) };

  const rate = (r) => LINES / r.seconds;
  console.log(`Node ${process.version}; medians of ${RUNS} runs each, highest peak`);
  console.log(`plain loop (status + fee + reminders due):  ${Math.round(rate(loop)).toLocaleString('en-US').padStart(9)} subscriptions/s, peak ${loop.peakMb.toFixed(0)} MB`);
  console.log(`cli batch (NDJSON in, NDJSON out):          ${Math.round(rate(batch)).toLocaleString('en-US').padStart(9)} lines/s, peak ${batch.peakMb.toFixed(0)} MB`);
  console.log(`cli overhead: batch takes ${(batch.seconds / loop.seconds).toFixed(2)}× the plain loop's time`);
  console.log(`all batch runs: ${batches.map((r) => `${Math.round(rate(r)).toLocaleString('en-US')} lines/s, ${r.peakMb.toFixed(0)} MB`).join('; ')}`);
  console.log(batch.stderr.split('\n').find((line) => line.startsWith('batch:')) ?? '');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
