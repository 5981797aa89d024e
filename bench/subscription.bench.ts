import DecimalJs from 'decimal.js';
import { addDays, addMonths, differenceInCalendarDays, format, parseISO } from 'date-fns';
import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';
import { getExpiryStatus, getReminderSchedule, quoteReactivationFee, type Subscription } from '../src/index.js';
import type { BenchGroup } from './harness.js';

/**
 * Status + fee quote per subscription, against the same answers computed by hand with
 * date-fns, date-fns-tz and decimal.js called directly (what a billing engineer writes
 * without this library), on the same 1,000 subscriptions and the same "now".
 */
const BATCH = 1000;
const ZONE = 'America/New_York';
const PLAN_PRICES = ['29.00', '49.00', '99.00', '300.00', '1250.50'];
const NOW = new Date('2026-06-15T16:00:00Z');
// Expiration dates spread over the year around "now", as a nightly batch sees them.
const subscriptions: (Subscription & { expirationDate: string })[] = Array.from({ length: BATCH }, (_, i) => ({
  id: `sub-${i}`,
  expirationDate: format(addDays(new Date(2026, 0, 1), (i * 7919) % 365), 'yyyy-MM-dd'),
  invoiceAmount: PLAN_PRICES[i % PLAN_PRICES.length] as string,
}));

const Money = DecimalJs.clone({ rounding: DecimalJs.ROUND_HALF_UP });

/** The hand-written equivalent: same phases, same day count, same fee. */
function byHand(subscription: Subscription & { expirationDate: string }, now: Date): [string, string] {
  const expiration = subscription.expirationDate;
  const expiresAt = fromZonedTime(`${expiration} 23:59:59`, ZONE);
  const renewalAt = fromZonedTime(`${format(addDays(parseISO(expiration), -30), 'yyyy-MM-dd')} 00:00:00`, ZONE);
  const deletedAt = fromZonedTime(`${format(addDays(parseISO(expiration), 15), 'yyyy-MM-dd')} 00:00:00`, ZONE);
  const closedAt = fromZonedTime(`${format(addDays(addMonths(parseISO(expiration), 6), 1), 'yyyy-MM-dd')} 00:00:00`, ZONE);
  const localToday = formatInTimeZone(now, ZONE, 'yyyy-MM-dd');
  const days = differenceInCalendarDays(parseISO(localToday), parseISO(expiration));
  const t = now.getTime();
  const phase = t < renewalAt.getTime() ? 'active' : t < expiresAt.getTime() ? 'renewal-due' : t < deletedAt.getTime() ? 'expired' : t < closedAt.getTime() ? 'deleted' : 'unrecoverable';
  if (phase !== 'expired' && phase !== 'deleted') return [phase, '0.00'];
  const invoice = new Money(subscription.invoiceAmount as string);
  const [rate, minimum] = days <= 6 ? ['0.10', '25'] : ['0.15', '50'];
  const percentage = invoice.times(rate).toDecimalPlaces(2);
  let fee = DecimalJs.max(percentage, minimum);
  if (phase === 'deleted') fee = fee.plus(new Money(4).times(days));
  return [phase, fee.toFixed(2)];
}

export const subscriptionBenchmarks: BenchGroup[] = [
  {
    title: 'status + fee quote per subscription (1,000 subscriptions, one "now")',
    perSample: BATCH,
    tasks: [
      { name: 'by hand: date-fns + date-fns-tz + decimal.js', baseline: true, run: () => subscriptions.map((s) => byHand(s, NOW)) },
      { name: 'getExpiryStatus + quoteReactivationFee', run: () => subscriptions.map((s) => [getExpiryStatus(s, NOW).phase, quoteReactivationFee(s, NOW).kind]) },
    ],
  },
  {
    title: 'full reminder schedule per subscription (1,000 subscriptions)',
    perSample: BATCH,
    tasks: [{ name: 'getReminderSchedule (default policy: 20 reminders)', run: () => subscriptions.map((s) => getReminderSchedule(s).length) }],
  },
];
