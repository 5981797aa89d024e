import {
  checkExtensionEligibility,
  findOrderId,
  formatMoney,
  getExpiryStatus,
  getReminderSchedule,
  getRemindersDue,
  getTimeline,
  quoteReactivationFee,
  defaultPolicy,
  type FeeQuote,
  type Money,
  type Policy,
  type Reminder,
} from '../index.js';
import {
  FORMAT_FLAG,
  formatOf,
  LOCALE_FLAG,
  NOW_FLAG,
  nowOf,
  POLICY_FLAG,
  policyOf,
  readFlagFile,
  SUBSCRIPTION_FLAGS,
  subscriptionOf,
  textOf,
  UsageError,
  type Values,
} from './options.js';
import { localTime, renderPairs, renderTable } from './table.js';
import { policyCommand } from './policyCommand.js';
import type { Command, CommandContext } from './command.js';

function emit(values: Values, context: CommandContext, result: unknown, table: () => string): void {
  context.write(formatOf(values) === 'json' ? `${JSON.stringify(result, null, 2)}\n` : `${table()}\n`);
}

const timeZoneOf = (policy: Policy | undefined) => (policy ?? defaultPolicy).timeZone;

const status: Command = {
  name: 'status',
  summary: 'phase, access, days until or past expiry, and the next phase',
  flags: { ...SUBSCRIPTION_FLAGS, ...NOW_FLAG, ...POLICY_FLAG, ...FORMAT_FLAG },
  run: (values, context) => {
    const policy = policyOf(values, context.readText);
    const result = getExpiryStatus(subscriptionOf(values), nowOf(values, context.clock), policy);
    emit(values, context, result, () => {
      const zone = timeZoneOf(policy);
      const pairs: [string, string][] = [
        ['phase', result.phase],
        ['access', result.access],
        [
          'expiration date',
          result.extended ? `${result.expirationDate} (extended from ${result.originalExpirationDate})` : result.expirationDate,
        ],
        ['expires at', localTime(result.expiresAt, zone)],
      ];
      if ('daysUntilExpiry' in result) pairs.push(['days until expiry', String(result.daysUntilExpiry)]);
      if ('daysPastExpiry' in result) pairs.push(['days past expiry', String(result.daysPastExpiry)]);
      if ('next' in result) pairs.push(['next', `${result.next.phase} at ${localTime(result.next.at, zone)}`]);
      return renderPairs(pairs);
    });
  },
};

/**
 * A rate such as "0.15" as "15 %": the decimal point moved two places, exactly, in text.
 *
 * @internal exported for tests only
 */
export function percent(rate: string): string {
  // split() always returns at least one part.
  const [whole, fraction = ''] = rate.split('.') as [string, string?];
  const digits = fraction.padEnd(2, '0');
  const rest = digits.slice(2).replace(/0+$/, '');
  return `${BigInt(whole + digits.slice(0, 2)).toString()}${rest === '' ? '' : `.${rest}`} %`;
}

/** A quote with a fee to pay. */
type PricedQuote = Extract<FeeQuote, { kind: 'reactivation' | 'recovery' }>;

/** The working of a quote in one line: "15 % of $300.00 = $45.00, minimum $50.00 applies; + $4.00 × 45 days[; capped at $200.00]". */
function working(quote: PricedQuote, locale: string): string {
  const money = (value: Money) => formatMoney(value, locale);
  const base = `${percent(quote.rate)} of ${money(quote.invoiceAmount)} = ${money(quote.percentageFee)}, ${quote.minimumApplied ? `minimum ${money(quote.minimum)} applies` : `above the ${money(quote.minimum)} minimum`}`;
  const withDaily = quote.kind === 'recovery' ? `${base}; + ${money(quote.dailyRate)} × ${quote.daysPastExpiry} days` : base;
  return quote.capApplied && quote.cap !== undefined ? `${withDaily}; capped at ${money(quote.cap)}` : withDaily;
}

/**
 * The working of a quote as label/value pairs, money formatted for `locale`.
 *
 * @internal exported for tests only
 */
export function quoteLines(quote: FeeQuote, locale: string): [string, string][] {
  const money = (value: Money) => formatMoney(value, locale);
  switch (quote.kind) {
    case 'none':
      return [
        ['kind', 'none'],
        ['phase', quote.phase],
        ['fee', 'nothing to pay: not expired'],
      ];
    case 'unrecoverable':
      return [
        ['kind', 'unrecoverable'],
        ['days past expiry', String(quote.daysPastExpiry)],
        ['last recoverable date', quote.lastRecoverableDate],
        ['fee', quote.reason],
      ];
    case 'reactivation':
    case 'recovery': {
      const lines: [string, string][] = [
        ['kind', quote.kind],
        ['days past expiry', String(quote.daysPastExpiry)],
        ['invoice amount', money(quote.invoiceAmount)],
        ['rate', `${percent(quote.rate)} of ${money(quote.invoiceAmount)} = ${money(quote.percentageFee)}`],
        ['minimum', `${money(quote.minimum)}${quote.minimumApplied ? ' (applied)' : ''}`],
      ];
      if (quote.kind === 'recovery')
        lines.push(['daily charge', `${money(quote.dailyRate)} × ${quote.daysPastExpiry} days = ${money(quote.dailyCharge)}`]);
      if (quote.cap !== undefined) lines.push(['cap', `${money(quote.cap)}${quote.capApplied ? ' (applied)' : ''}`]);
      lines.push(['fee', money(quote.fee)], ['total to pay', money(quote.total)]);
      return lines;
    }
  }
}

const quote: Command = {
  name: 'quote',
  summary: 'the reactivation or recovery fee, with its working',
  flags: { ...SUBSCRIPTION_FLAGS, ...NOW_FLAG, ...POLICY_FLAG, ...FORMAT_FLAG, ...LOCALE_FLAG },
  run: (values, context) => {
    const policy = policyOf(values, context.readText);
    const result = quoteReactivationFee(subscriptionOf(values), nowOf(values, context.clock), policy);
    emit(values, context, result, () => renderPairs(quoteLines(result, String(values.locale))));
  },
};

function reminderTable(reminders: readonly Reminder[], zone: string): string {
  return renderTable(
    ['date', 'channel', 'cadence', 'send at', 'days before', 'key'],
    reminders.map((r) => [r.date, r.channel, r.cadence, localTime(r.sendAt, zone), String(r.daysBeforeExpiry), r.key ?? '']),
  );
}

const reminders: Command = {
  name: 'reminders',
  summary: 'the reminder schedule, or with --due --from --to the reminders due in [from, to)',
  flags: {
    ...SUBSCRIPTION_FLAGS,
    due: { type: 'boolean', help: 'only the reminders due in [--from, --to)' },
    from: { type: 'string', value: 'INSTANT', help: 'with --due: the window opens (inclusive)' },
    to: { type: 'string', value: 'INSTANT', help: 'with --due: the window closes (exclusive)' },
    ...POLICY_FLAG,
    ...FORMAT_FLAG,
  },
  run: (values, context) => {
    const policy = policyOf(values, context.readText);
    const subscription = subscriptionOf(values);
    const from = textOf(values, 'from');
    const to = textOf(values, 'to');
    let result: readonly Reminder[];
    if (values.due === true) {
      if (from === undefined || to === undefined)
        throw new UsageError('reminders --due needs --from and --to (instants with Z or an offset)');
      result = getRemindersDue(subscription, { from, to }, policy);
    } else {
      if (from !== undefined || to !== undefined) throw new UsageError('--from and --to go with --due');
      result = getReminderSchedule(subscription, policy);
    }
    emit(values, context, result, () => reminderTable(result, timeZoneOf(policy)));
  },
};

const timeline: Command = {
  name: 'timeline',
  summary: "every dated event of the subscription's lifecycle",
  flags: { ...SUBSCRIPTION_FLAGS, ...POLICY_FLAG, ...FORMAT_FLAG },
  run: (values, context) => {
    const policy = policyOf(values, context.readText);
    const result = getTimeline(subscriptionOf(values), policy);
    emit(values, context, result, () =>
      renderTable(
        ['date', 'event', 'at'],
        result.map((event) => [event.date, event.event, localTime(event.at, timeZoneOf(policy))]),
      ),
    );
  },
};

const extension: Command = {
  name: 'extension',
  summary: 'may this customer have a temporary extension? (--order-id or --ticket FILE)',
  flags: {
    ...SUBSCRIPTION_FLAGS,
    'order-id': { type: 'string', value: 'XXX-XXX-XXXXX', help: 'the order id the customer gave' },
    ticket: { type: 'string', value: 'FILE', help: 'a support ticket to find the order id in' },
    'requested-at': { type: 'string', value: 'INSTANT', help: 'when the customer asked (default: --now)' },
    previous: { type: 'string', value: 'INSTANT', help: 'an earlier request', multiple: true },
    ...NOW_FLAG,
    ...POLICY_FLAG,
    ...FORMAT_FLAG,
  },
  run: (values, context) => {
    const policy = policyOf(values, context.readText);
    let orderId = textOf(values, 'order-id');
    const ticket = textOf(values, 'ticket');
    if (ticket !== undefined) {
      if (orderId !== undefined) throw new UsageError('give --order-id or --ticket, not both');
      orderId = findOrderId(readFlagFile(context.readText, '--ticket', ticket), policy);
    }
    const previous = (values.previous as readonly string[] | undefined) ?? [];
    const requestedAt = textOf(values, 'requested-at') ?? nowOf(values, context.clock);
    const result = checkExtensionEligibility(
      { ...(orderId === undefined ? {} : { orderId }), requestedAt, subscription: subscriptionOf(values), previousRequests: previous },
      policy,
    );
    emit(values, context, result, () => {
      if (result.eligible) {
        return renderPairs([
          ['eligible', 'yes'],
          ['order id', result.orderId],
          ['extension ends on', result.extension.endsOn],
          ['extension ends at', localTime(result.extension.endsAt, timeZoneOf(policy))],
        ]);
      }
      return renderPairs([['eligible', 'no'], ...result.reasons.map((reason): [string, string] => [reason.code, reason.message])]);
    });
  },
};

/** `npm start`: a $300 subscription, its timeline and what coming back late would cost. */
const demo: Command = {
  name: 'demo',
  summary: "a built-in example: a 300.00 subscription's timeline and late fees (npm start)",
  flags: { ...POLICY_FLAG, ...FORMAT_FLAG, ...LOCALE_FLAG },
  run: (values, context) => {
    const policy = policyOf(values, context.readText);
    // 300 with no fraction digits is a valid amount in every currency a policy may name.
    const subscription = { id: 'demo-300', expirationDate: '2026-03-08', invoiceAmount: '300' };
    // Days 6/7 and 14/15 straddle a tier change and deletion; 184 is the last recoverable day.
    const lateDays = [1, 6, 7, 14, 15, 45, 184, 185];
    const quotes = lateDays.map((days) => {
      const now = new Date(Date.UTC(2026, 2, 8 + days, 17)); // 13:00 in New York, `days` after the expiration date
      return { days, quote: quoteReactivationFee(subscription, now, policy) };
    });
    const timelineEvents = getTimeline(subscription, policy);
    if (formatOf(values) === 'json') {
      context.write(`${JSON.stringify({ subscription, timeline: timelineEvents, quotes }, null, 2)}\n`);
      return;
    }
    const locale = String(values.locale);
    const zone = timeZoneOf(policy);
    // The invoice as the policy's currency writes it, taken from the first priced quote.
    const priced = quotes.map(({ quote: q }) => q).find((q): q is PricedQuote => 'invoiceAmount' in q);
    const invoice = priced === undefined ? subscription.invoiceAmount : formatMoney(priced.invoiceAmount, locale);
    context.write(
      `${[
        `A ${invoice} subscription that expires on ${subscription.expirationDate} (policy: ${textOf(values, 'policy') ?? 'the default policy'}, ${zone})`,
        '',
        renderTable(
          ['date', 'event', 'at'],
          timelineEvents.map((event) => [event.date, event.event, localTime(event.at, zone)]),
        ),
        '',
        'What coming back late would cost:',
        renderTable(
          ['days late', 'kind', 'fee', 'total', 'working'],
          quotes.map(({ days, quote: q }) => {
            const priced = q.kind === 'reactivation' || q.kind === 'recovery';
            return [
              String(days),
              q.kind,
              priced ? formatMoney(q.fee, locale) : '—',
              priced ? formatMoney(q.total, locale) : '—',
              priced
                ? working(q, locale)
                : q.kind === 'unrecoverable'
                  ? `recoverable only through ${q.lastRecoverableDate}: buy a new subscription`
                  : '',
            ];
          }),
        ),
        '',
        'Try: subscription-expiry quote --expires 2026-03-08 --invoice 300 --now 2026-04-22T12:00:00-04:00',
      ].join('\n')}\n`,
    );
  },
};

export const COMMANDS: Readonly<Record<string, Command>> = { status, quote, reminders, timeline, extension, demo, policy: policyCommand };
