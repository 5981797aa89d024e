// The floor of `batch` (issue 13), run as a child by bench/batch.mjs: a plain Node loop that
// reads the same file, only parses each line (JSON.parse, or a split for CSV), computes one
// fee with decimal.js and JSON.stringify's a record of the same shape as batch's output,
// written to stdout in 64 KiB blocks. No dates, no zones, no validation, no memo: what any
// batch over this input costs at least. Usage: node bench/batch-floor.mjs FILE ndjson|csv NOW
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import Decimal from 'decimal.js';

const [file, format, now] = process.argv.slice(2);
const D = Decimal.clone();
const RATE = new D('0.15');
const MINIMUM = new D(50);
const usd = (amount) => ({ amount, currency: 'USD' });

let columns;
function parse(text) {
  if (format !== 'csv') return JSON.parse(text);
  const cells = text.split(',');
  if (columns === undefined) {
    columns = cells;
    return undefined;
  }
  const value = {};
  for (let c = 0; c < columns.length; c += 1) if (cells[c] !== undefined && cells[c] !== '') value[columns[c]] = cells[c];
  return value;
}

function record(line, s) {
  const invoice = new D(s.invoiceAmount);
  const percentage = invoice.times(RATE).toDecimalPlaces(2);
  const fee = D.max(percentage, MINIMUM);
  const day = s.expirationDate;
  return JSON.stringify({
    file,
    line,
    ok: true,
    id: s.id,
    status: {
      phase: 'expired',
      access: 'read-only',
      expirationDate: day,
      originalExpirationDate: day,
      extended: false,
      expiresAt: `${day}T03:59:59.000Z`,
      daysPastExpiry: 14,
      next: { phase: 'deleted', at: now },
    },
    fee: {
      kind: 'reactivation',
      daysPastExpiry: 14,
      expirationDate: day,
      rate: '0.15',
      minimum: usd('50.00'),
      percentageFee: usd(percentage.toFixed(2)),
      minimumApplied: percentage.lt(MINIMUM),
      fee: usd(fee.toFixed(2)),
      invoiceAmount: usd(invoice.toFixed(2)),
      total: usd(invoice.plus(fee).toFixed(2)),
      nextIncrease: now,
    },
    remindersDue: [],
  });
}

const fd = openSync(file, 'r');
const chunk = Buffer.allocUnsafe(64 * 1024);
let rest = '';
let out = '';
let line = 0;
let records = 0;
const take = (text) => {
  line += 1;
  if (text === '') return;
  const s = parse(text);
  if (s === undefined) return;
  out += `${record(line, s)}\n`;
  records += 1;
  if (out.length >= 65_536) {
    writeSync(1, out);
    out = '';
  }
};
for (;;) {
  const n = readSync(fd, chunk, 0, chunk.length, null);
  if (n === 0) break;
  const text = rest + chunk.toString('utf8', 0, n);
  let start = 0;
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
    take(text.slice(start, end));
    start = end + 1;
  }
  rest = text.slice(start);
}
if (rest !== '') take(rest);
writeSync(1, out);
closeSync(fd);
process.stderr.write(`floor: ${records} records\n`);
