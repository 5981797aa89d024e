// Cold import time of the package: a fresh Node process that imports it, against a fresh
// process that imports nothing (the baseline), medians of 15 runs each, in the same run.
import { spawnSync } from 'node:child_process';

const RUNS = 15;
const cases = [
  ['node, importing nothing (baseline)', ['-e', '']],
  ['require("subscription-expiry") (dist/index.cjs)', ['-e', 'require("./dist/index.cjs")']],
  ['import("subscription-expiry") (dist/index.js)', ['--input-type=module', '-e', 'await import("./dist/index.js")']],
  [
    '…and a first answer (getExpiryStatus + quote)',
    [
      '-e',
      'const l=require("./dist/index.cjs");const s={expirationDate:"2026-03-08",invoiceAmount:"300.00"};l.getExpiryStatus(s,Date.UTC(2026,3,22));l.quoteReactivationFee(s,Date.UTC(2026,3,22))',
    ],
  ],
  ['for scale: require("date-fns-tz")', ['-e', 'require("date-fns-tz")']],
];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const results = cases.map(([name, args]) => {
  const times = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`${name} failed`);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { name, ms: median(times) };
});
const baseline = results[0].ms;
console.log(`\ncold import (median of ${RUNS} fresh processes)`);
for (const { name, ms } of results) {
  const extra = ms - baseline;
  console.log(
    `  ${name.padEnd(52)} ${ms.toFixed(1).padStart(7)} ms${name.includes('baseline') ? '  baseline' : `  +${extra.toFixed(1)} ms over the baseline`}`,
  );
}
