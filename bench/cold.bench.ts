import DecimalJs from 'decimal.js';
import { addDays, addMonths, differenceInCalendarDays, format, parseISO } from 'date-fns';
import { formatInTimeZone, fromZonedTime, toZonedTime } from 'date-fns-tz';
import { getExpiryStatus, getReminderSchedule, quoteReactivationFee, type Subscription } from '../src/index.js';
import type { BenchGroup } from './harness.js';

/**
 * Which path each group measures, against the hand-written peer (date-fns + date-fns-tz +
 * decimal.js, what a billing engineer writes without this library) in the same run:
 *
 * - **cold**: every call a first-seen expiration date, invoice amount and "now" (a service
 *   answering with the real clock, a widget, a serverless function). The inputs cycle through
 *   200,000 pregenerated subscriptions spread over 1990–2060, so no answer repeats within a
 *   sample; nothing in the library caches answers, so nothing could be reused anyway.
 * - **warm**: a nightly batch: one "now", 1,100 expiration dates and five prices repeating.
 */
const ZONE = 'America/New_York';
const POOL = 200_000;
const PER_SAMPLE = 1000;
const Money = DecimalJs.clone({ rounding: DecimalJs.ROUND_HALF_UP });
const RECIPIENT_ZONES = ['Europe/Berlin', 'Asia/Tokyo', 'America/Los_Angeles', 'Australia/Sydney', 'Asia/Kolkata'];

/** A deterministic pseudo-random sequence (mulberry32), so runs compare like with like. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface Case {
  readonly subscription: Subscription;
  readonly now: Date;
}

export function coldCases(seed: number, withRecipients: boolean): Case[] {
  const next = random(seed);
  const first = Date.UTC(1990, 0, 1);
  const span = Date.UTC(2060, 0, 1) - first;
  return Array.from({ length: POOL }, (_, i) => {
    const expiration = new Date(first + Math.floor(next() * span));
    // "now" within a year after the renewal invoice, so every phase and fee kind occurs.
    const now = new Date(expiration.getTime() + Math.floor((next() * 260 - 40) * 86_400_000) + i);
    const cents = 100 + Math.floor(next() * 999_900);
    return {
      subscription: {
        id: `sub-${i}`,
        expirationDate: expiration.toISOString().slice(0, 10),
        invoiceAmount: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
        ...(withRecipients ? { recipientTimeZone: RECIPIENT_ZONES[i % RECIPIENT_ZONES.length] as string } : {}),
      },
      now,
    };
  });
}

function warmCases(): Case[] {
  const prices = ['29.00', '49.00', '99.00', '300.00', '1250.50'];
  const now = new Date('2026-06-15T16:00:00Z');
  return Array.from({ length: POOL }, (_, i) => ({
    subscription: {
      id: `sub-${i}`,
      expirationDate: format(addDays(new Date(2025, 6, 1), (i * 7919) % 1100), 'yyyy-MM-dd'),
      invoiceAmount: prices[i % prices.length] as string,
    },
    now,
  }));
}

/** Runs `call` over the next `PER_SAMPLE` cases of the pool, never the same ones twice in a row. */
function cycling(cases: readonly Case[], call: (c: Case) => unknown): () => unknown {
  let cursor = 0;
  return () => {
    let last: unknown;
    for (let i = 0; i < PER_SAMPLE; i += 1) {
      last = call(cases[cursor] as Case);
      cursor = cursor + 1 === cases.length ? 0 : cursor + 1;
    }
    return last;
  };
}

/** Status + fee by hand: the same phases, day count and fee as the default policy. */
function statusAndFeeByHand({ subscription, now }: Case): [string, string] {
  const expiration = subscription.expirationDate as string;
  const expiresAt = fromZonedTime(`${expiration} 23:59:59`, ZONE);
  const renewalAt = fromZonedTime(`${format(addDays(parseISO(expiration), -30), 'yyyy-MM-dd')} 00:00:00`, ZONE);
  const deletedAt = fromZonedTime(`${format(addDays(parseISO(expiration), 15), 'yyyy-MM-dd')} 00:00:00`, ZONE);
  const closedAt = fromZonedTime(`${format(addDays(addMonths(parseISO(expiration), 6), 1), 'yyyy-MM-dd')} 00:00:00`, ZONE);
  const localToday = formatInTimeZone(now, ZONE, 'yyyy-MM-dd');
  const days = differenceInCalendarDays(parseISO(localToday), parseISO(expiration));
  const t = now.getTime();
  const phase =
    t < renewalAt.getTime()
      ? 'active'
      : t < expiresAt.getTime()
        ? 'renewal-due'
        : t < deletedAt.getTime()
          ? 'expired'
          : t < closedAt.getTime()
            ? 'deleted'
            : 'unrecoverable';
  if (phase !== 'expired' && phase !== 'deleted') return [phase, '0.00'];
  const invoice = new Money(subscription.invoiceAmount as string);
  const [rate, minimum] = days <= 6 ? ['0.10', '25'] : ['0.15', '50'];
  const percentage = invoice.times(rate).toDecimalPlaces(2);
  let fee = Money.max(percentage, minimum);
  if (phase === 'deleted') fee = fee.plus(new Money(4).times(days));
  return [phase, fee.toFixed(2)];
}

function statusAndFee({ subscription, now }: Case): [string, string] {
  return [getExpiryStatus(subscription, now).phase, quoteReactivationFee(subscription, now).kind];
}

/** The default schedule by hand: dates with date-fns, each send time through fromZonedTime. */
function scheduleByHand({ subscription }: Case): number {
  const expiration = parseISO(subscription.expirationDate as string);
  const reminders: Array<{ channel: string; date: string; sendAt: Date }> = [];
  const add = (channel: string, day: Date, time: string) => {
    const date = format(day, 'yyyy-MM-dd');
    let sendAt = fromZonedTime(`${date} ${time}`, ZONE);
    const recipient = subscription.recipientTimeZone;
    if (recipient !== undefined && channel !== 'email') {
      // Quiet hours 21:00–08:00 in the recipient's zone: move to 08:00 there if the business date allows.
      const hour = toZonedTime(sendAt, recipient).getHours();
      if (hour < 8 || hour >= 21) {
        const local = formatInTimeZone(sendAt, recipient, 'yyyy-MM-dd');
        const nextDay = hour >= 21 ? format(addDays(parseISO(local), 1), 'yyyy-MM-dd') : local;
        sendAt = fromZonedTime(`${nextDay} 08:00`, recipient);
      }
    }
    reminders.push({ channel, date, sendAt });
  };
  const weeklyStart = addDays(expiration, -28);
  for (let k = 4; k >= 1; k -= 1) {
    const day = addMonths(expiration, -k);
    if (day < weeklyStart) add('email', day, '09:00');
  }
  for (let k = 4; k >= 2; k -= 1) add('email', addDays(expiration, -7 * k), '09:00');
  for (let k = 7; k >= 0; k -= 1) add('email', addDays(expiration, -k), '09:00');
  for (let k = 3; k >= 0; k -= 1) add('sms', addDays(expiration, -k), '10:00');
  for (let k = 3; k >= 0; k -= 1) add('phone', addDays(expiration, -k), '11:00');
  reminders.sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime() || (a.channel < b.channel ? -1 : 1));
  return reminders.length;
}

function schedule({ subscription }: Case): number {
  return getReminderSchedule(subscription).length;
}

export function coldBenchmarks(): BenchGroup[] {
  const cold = coldCases(1, false);
  const coldWithRecipients = coldCases(2, true);
  const warm = warmCases();
  return [
    {
      title: 'cold: status + fee, every call a new date, amount and instant',
      perSample: PER_SAMPLE,
      tasks: [
        { name: 'by hand: date-fns-tz + decimal.js', baseline: true, run: cycling(cold, statusAndFeeByHand) },
        { name: 'getExpiryStatus + quoteReactivationFee', run: cycling(cold, statusAndFee) },
      ],
    },
    {
      title: 'warm: status + fee, nightly batch (one now, 1,100 dates, 5 prices)',
      perSample: PER_SAMPLE,
      tasks: [
        { name: 'by hand: date-fns-tz + decimal.js', baseline: true, run: cycling(warm, statusAndFeeByHand) },
        { name: 'getExpiryStatus + quoteReactivationFee', run: cycling(warm, statusAndFee) },
      ],
    },
    {
      title: 'cold: default reminder schedule, every call a new date',
      perSample: PER_SAMPLE,
      tasks: [
        { name: 'by hand: date-fns + fromZonedTime per reminder', baseline: true, run: cycling(cold, scheduleByHand) },
        { name: 'getReminderSchedule', run: cycling(cold, schedule) },
      ],
    },
    {
      title: 'cold: default reminder schedule with recipient zones (quiet hours)',
      perSample: PER_SAMPLE,
      tasks: [
        { name: 'by hand: date-fns + date-fns-tz per reminder', baseline: true, run: cycling(coldWithRecipients, scheduleByHand) },
        { name: 'getReminderSchedule', run: cycling(coldWithRecipients, schedule) },
      ],
    },
  ];
}
