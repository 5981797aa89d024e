// The subscriptions `bench/batch.mjs` feeds the `batch` command, shared with its child loops.
// Deterministic: the i-th subscription of a scenario is always the same.

export const NOW = '2026-06-15T16:00:00Z';
export const FROM = '2026-06-15T00:00:00Z';
export const TO = '2026-06-16T00:00:00Z';

/** The "three to five prices" input the benchmark has always used (issue 7). */
const PRICES = ['29.00', '49.00', '99.00', '300.00', '1250.50'];

/** The i-th subscription of the original input: 1,100 expiration dates from 2025-07-01, five prices. */
export function fewPricesAt(i) {
  const day = new Date(Date.UTC(2025, 6, 1) + ((i * 7919) % 1100) * 86_400_000).toISOString().slice(0, 10);
  return { id: `sub-${i}`, expirationDate: day, invoiceAmount: PRICES[i % PRICES.length] };
}

/** A 32-bit integer hash (lowbias32): spreads consecutive i over the whole range. */
function mix(x) {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A handful of recipient zones, with and without DST, both hemispheres, a half-hour offset. */
export const ZONES = [
  'America/New_York',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Australia/Sydney',
];

/** Expiration dates: 1,461 days, 2024-06-15 to 2028-06-13, two years either side of NOW. */
export const REALISTIC_DAYS = 1461;
const FIRST_DAY = Date.UTC(2024, 5, 15);

/**
 * The i-th realistic subscription (issue 13): a distinct id; an invoice amount drawn
 * log-uniformly between 5.00 and 10,000.00 (many small plans, a long tail of large invoices:
 * about 300,000 distinct amounts in 1,000,000 lines, and about half of the fees at the
 * 50.00 minimum); an expiration date among 1,461 days around NOW; and for one line in ten a
 * recipient time zone among ZONES.
 */
export function realisticAt(i) {
  const cents = Math.round(500 * 2000 ** (mix(i) / 4_294_967_296));
  const day = new Date(FIRST_DAY + (mix(i ^ 0x5bd1e995) % REALISTIC_DAYS) * 86_400_000).toISOString().slice(0, 10);
  const subscription = {
    id: `sub-${i}`,
    expirationDate: day,
    invoiceAmount: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
  };
  const zone = mix(i ^ 0x27d4eb2f);
  if (zone % 10 === 0) subscription.recipientTimeZone = ZONES[(zone >>> 8) % ZONES.length];
  return subscription;
}

/** The CSV header and lines of the same subscriptions (the columns `batch --help` lists). */
export const CSV_HEADER = 'id,expirationDate,invoiceAmount,recipientTimeZone';
export function csvLineOf(s) {
  return `${s.id},${s.expirationDate},${s.invoiceAmount},${s.recipientTimeZone ?? ''}`;
}
