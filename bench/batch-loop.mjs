// The library in a plain loop, run as a child by bench/batch.mjs: the same subscriptions as
// the batch's input, generated in process (no file, no JSON), each asked its status, its fee
// and its reminders due in [FROM, TO). Usage: node bench/batch-loop.mjs LINES realistic|few-prices
import { getExpiryStatus, getRemindersDue, quoteReactivationFee } from '../dist/index.js';
import { fewPricesAt, FROM, NOW, realisticAt, TO } from './batch-input.mjs';

const lines = Number(process.argv[2]);
const at = process.argv[3] === 'few-prices' ? fewPricesAt : realisticAt;
const window = { from: FROM, to: TO };
let due = 0;
let withDue = 0;
for (let i = 0; i < lines; i += 1) {
  const s = at(i);
  getExpiryStatus(s, NOW);
  quoteReactivationFee(s, NOW);
  const reminders = getRemindersDue(s, window);
  due += reminders.length;
  if (reminders.length > 0) withDue += 1;
}
process.stderr.write(`loop: ${lines} subscriptions, ${due} reminders due in the window, for ${withDue} of them\n`);
