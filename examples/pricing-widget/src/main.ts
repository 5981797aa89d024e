/**
 * The pricing widget: a customer enters an invoice amount and an expiration date and sees
 * the status, the fee with its working, when the fee next rises and the reminders still to
 * come, in the language they choose (src/messages.ts holds every word). Every figure comes
 * from `subscription-expiry`; this file only reads inputs and writes text. Amounts are read
 * as the chosen locale writes them (src/amount.ts). The page reads the clock (the library
 * never does); `?now=` with an ISO instant pins it, as do `?amount=` (plain decimal text such
 * as `300.00`), `?expires=`, `?policy=` and `?locale=` their inputs.
 */
import {
  defaultPolicy,
  definePolicy,
  formatMoney,
  getExpiryStatus,
  getReminderSchedule,
  quoteReactivationFee,
  type ExpiryStatus,
  type FeeQuote,
  type Policy,
  type Reminder,
  type Subscription,
} from 'subscription-expiry';
import { readAmount, writeAmount } from './amount.js';
import { channelName, messagesFor, type Messages } from './messages.js';

const POLICIES: Readonly<Record<string, Policy>> = {
  'new-york': defaultPolicy,
  berlin: definePolicy({ timeZone: 'Europe/Berlin', currency: 'EUR' }),
};

const DAY_MS = 86_400_000;

const form = byId<HTMLFormElement>('inputs');
const amountInput = byId<HTMLInputElement>('amount');
const expiresInput = byId<HTMLInputElement>('expires');
const nowInput = byId<HTMLInputElement>('now');
const policySelect = byId<HTMLSelectElement>('policy');
const localeSelect = byId<HTMLSelectElement>('locale');

/** The fields a problem can belong to: each has an input and a message element `#<id>-error`. */
type Field = 'amount' | 'expires' | 'now';
const FIELDS: Readonly<Record<Field, HTMLInputElement>> = { amount: amountInput, expires: expiresInput, now: nowInput };

const query = new URLSearchParams(location.search);
/** The instant to compute at: the query's text as given (the library checks it), else the clock. */
let now: Date | string = query.get('now') ?? new Date();
/** The locale the amount field is written in, so a change of language rewrites it. */
let amountLocale = 'en-US';

function start(): void {
  selectIfOffered(policySelect, query.get('policy'));
  selectIfOffered(localeSelect, query.get('locale'));
  amountLocale = localeSelect.value;
  amountInput.value = writeAmount(query.get('amount') ?? '300.00', amountLocale);
  expiresInput.value = query.get('expires') ?? defaultExpirationDate();
  showNowInInput();

  form.addEventListener('input', (event) => {
    if (event.target === nowInput) now = new Date(nowInput.value); // a datetime-local value is read as the browser's local time
    if (event.target === localeSelect) rewriteAmount();
    render();
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  byId('reset-now').addEventListener('click', () => {
    now = new Date();
    showNowInInput();
    render();
  });
  render();
}

/** Writes a readable amount again in the newly chosen locale: `300.00` becomes `300,00` in German. */
function rewriteAmount(): void {
  const reading = readAmount(amountInput.value, amountLocale);
  if ('amount' in reading) amountInput.value = writeAmount(reading.amount, localeSelect.value);
  amountLocale = localeSelect.value;
}

function render(): void {
  const policy = POLICIES[policySelect.value] ?? defaultPolicy;
  const locale = localeSelect.value;
  const messages = messagesFor(locale);
  showWords(messages, locale);
  text('currency', policy.currency);
  // The zone as people say it ("New York time"); its IANA id stays in data-zone.
  text('time-zone', messages.zones[policy.timeZone] ?? policy.timeZone);
  output('time-zone').dataset.zone = policy.timeZone;
  showTime('now-local', undefined, policy.timeZone);
  clearProblems();

  const reading = readAmount(amountInput.value, locale);
  if ('problem' in reading) {
    const example = exampleAmount(policy.currency, locale);
    showProblem(
      'amount',
      reading.problem,
      reading.problem === 'missing' ? messages.errors.amountMissing : messages.errors.amountFormat(example),
    );
    return;
  }
  const subscription: Subscription = { expirationDate: expiresInput.value, invoiceAmount: reading.amount };
  try {
    const status = getExpiryStatus(subscription, now, policy);
    showTime('now-local', instantOf(now), policy.timeZone); // the library has accepted `now`
    const quote = quoteReactivationFee(subscription, now, policy);
    // The reminders still to come. getRemindersDue is for jobs that de-duplicate on keys (it
    // needs the subscription id); a widget only shows the schedule from now on.
    const reminders = getReminderSchedule(subscription, policy).filter((reminder) => reminder.sendAt.getTime() >= instantOf(now).getTime());
    showStatus(status, policy.timeZone, messages);
    showQuote(quote, subscription, policy, locale, messages);
    showReminders(reminders, policy.timeZone, messages);
    output('results').hidden = false;
  } catch (error) {
    showError(error, policy, locale, messages);
  }
}

/** Every fixed word of the page in the chosen language. */
function showWords(messages: Messages, locale: string): void {
  document.documentElement.lang = locale;
  document.title = messages.title;
  for (const element of document.querySelectorAll<HTMLElement>('[data-text]')) {
    const value = messages[element.dataset.text as keyof Messages];
    if (typeof value === 'string') element.textContent = value;
  }
  for (const option of policySelect.options) option.textContent = messages.offices[option.value as keyof Messages['offices']];
}

function showStatus(status: ExpiryStatus, timeZone: string, messages: Messages): void {
  text('phase', messages.phases[status.phase]);
  output('phase').dataset.phase = status.phase;
  text('access', messages.access[status.access]);
  if ('daysUntilExpiry' in status) {
    text('days-label', messages.daysUntil);
    text('days', String(status.daysUntilExpiry));
  } else {
    text('days-label', messages.daysSince);
    text('days', String(status.daysPastExpiry));
  }
  showTime('expires-at', status.expiresAt, timeZone);
  if (status.phase === 'unrecoverable') {
    text('next-phase', messages.nothingNext);
    showTime('next-phase-at', undefined, timeZone);
  } else {
    text('next-phase', messages.nextPhase(messages.phases[status.next.phase]));
    showTime('next-phase-at', status.next.at, timeZone);
  }
}

function showQuote(quote: FeeQuote, subscription: Subscription, policy: Policy, locale: string, messages: Messages): void {
  const money = (value: { amount: string; currency: string }) => formatMoney(value, locale);
  text('fee-kind', messages.feeKinds[quote.kind]);
  output('fee-kind').dataset.kind = quote.kind;
  output('working').hidden = quote.kind === 'none' || quote.kind === 'unrecoverable';
  output('next-fee-wrap').hidden = true;

  let nextIncrease: Date | undefined;
  switch (quote.kind) {
    case 'none':
      text('fee-note', messages.noFeeYet);
      text('next-increase-label', messages.feeFrom);
      nextIncrease = quote.expiresAt;
      break;
    case 'unrecoverable':
      text('fee-note', messages.unrecoverable);
      text('next-increase-label', messages.noQuote);
      break;
    case 'reactivation':
    case 'recovery':
      text('fee-note', quote.kind === 'reactivation' ? messages.reactivationNote : messages.recoveryNote);
      text('working-invoice', money(quote.invoiceAmount));
      text('working-rate-label', messages.ofInvoice(percent(quote.rate, locale)));
      text('working-percentage-fee', money(quote.percentageFee));
      text('working-minimum', money(quote.minimum));
      text('working-minimum-applied', quote.minimumApplied ? messages.yes : messages.no);
      // R-FEE-6: a cap shows only when it cut the fee.
      for (const row of document.querySelectorAll<HTMLElement>('[data-cap]')) row.hidden = !quote.capApplied;
      if (quote.cap !== undefined) text('working-cap', money(quote.cap));
      text('fee', money(quote.fee));
      text('total', money(quote.total));
      for (const row of document.querySelectorAll<HTMLElement>('[data-daily]')) row.hidden = quote.kind !== 'recovery';
      if (quote.kind === 'recovery') {
        text('working-daily-label', messages.dailyCharge(String(quote.daysPastExpiry), money(quote.dailyRate)));
        text('working-daily-charge', money(quote.dailyCharge));
      }
      text('next-increase-label', quote.nextIncrease === undefined ? messages.feeStays : messages.feeRises);
      nextIncrease = quote.nextIncrease;
      break;
  }

  showTime('next-increase', nextIncrease, policy.timeZone);
  if (nextIncrease !== undefined) {
    const then = quoteReactivationFee(subscription, nextIncrease, policy);
    if (then.kind === 'reactivation' || then.kind === 'recovery') {
      text('next-fee', money(then.fee));
      output('next-fee-wrap').hidden = false;
    }
  }
}

function showReminders(reminders: readonly Reminder[], timeZone: string, messages: Messages): void {
  text('reminders-count', String(reminders.length));
  const list = output('reminders');
  list.replaceChildren(
    ...reminders.map((reminder) => {
      const item = document.createElement('li');
      item.dataset.testid = 'reminder';
      const time = document.createElement('time');
      time.dateTime = reminder.sendAt.toISOString();
      time.textContent = localDateTime(reminder.sendAt, timeZone);
      const days = reminder.daysBeforeExpiry;
      const when = days === 0 ? messages.onExpiry : days > 0 ? messages.daysBefore(days) : messages.daysAfter(-days);
      item.append(time, ` · ${channelName(messages, reminder.channel)} · ${when}`);
      return item;
    }),
  );
  if (reminders.length === 0) {
    const item = document.createElement('li');
    item.className = 'empty muted';
    item.textContent = messages.none;
    list.append(item);
  }
}

/**
 * The library throws only its two errors, each with `code` and `path` (R-IN-4): the path
 * says which field to mark, the code which of the customer's words to show there.
 */
function showError(error: unknown, policy: Policy, locale: string, messages: Messages): void {
  const { code, path } =
    error instanceof Error && (error.name === 'ExpiryInputError' || error.name === 'PolicyError')
      ? (error as Error & { code: string; path: string })
      : { code: 'unexpected', path: '' };
  const words = messages.errors;
  if (path.startsWith('subscription.invoiceAmount')) {
    const example = exampleAmount(policy.currency, locale);
    const byCode: Readonly<Record<string, string>> = {
      missing: words.amountMissing,
      'too-many-fraction-digits': words.amountDecimals(fractionDigits(policy.currency, locale), example),
      'negative-amount': words.amountNegative,
      'amount-too-large': words.amountTooLarge,
    };
    showProblem('amount', code, byCode[code] ?? words.amountFormat(example));
  } else if (path.startsWith('subscription.expirationDate')) {
    showProblem('expires', code, code === 'date-out-of-range' ? words.dateRange : words.dateMissing);
  } else if (path === 'now') {
    showProblem('now', code, code === 'date-out-of-range' ? words.dateRange : words.nowInvalid);
  } else {
    showProblem(undefined, code, words.other);
  }
}

/** Marks the field (aria-invalid), ties its message to it (aria-describedby) and hides the results. */
function showProblem(field: Field | undefined, code: string, message: string): void {
  const element = field === undefined ? output('error') : byId(`${field}-error`);
  element.textContent = message;
  element.dataset.code = code; // for support and tests; customers read the message
  element.hidden = false;
  if (field !== undefined) {
    FIELDS[field].setAttribute('aria-invalid', 'true');
    FIELDS[field].setAttribute('aria-describedby', element.id);
  }
  output('results').hidden = true;
}

function clearProblems(): void {
  for (const [field, input] of Object.entries(FIELDS)) {
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
    const element = byId(`${field}-error`);
    element.hidden = true;
    element.textContent = '';
  }
  output('error').hidden = true;
}

/** `300.00` in the currency's digits, as the locale writes it: `300,00` in German, `300` in yen. */
function exampleAmount(currency: string, locale: string): string {
  const digits = fractionDigits(currency, locale);
  return writeAmount(digits === 0 ? '300' : `300.${'0'.repeat(digits)}`, locale);
}

function fractionDigits(currency: string, locale: string): number {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

// --- small helpers -------------------------------------------------------------------

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no #${id}`);
  return element as T;
}

/** Outputs are found by their `data-testid`, the names the end-to-end test reads too. */
function output<T extends HTMLElement = HTMLElement>(testId: string): T {
  const element = document.querySelector<T>(`[data-testid="${testId}"]`);
  if (element === null) throw new Error(`the page has no [data-testid="${testId}"]`);
  return element;
}

function text(testId: string, value: string): void {
  output(testId).textContent = value;
}

function selectIfOffered(select: HTMLSelectElement, value: string | null): void {
  if (value !== null && [...select.options].some((option) => option.value === value)) select.value = value;
}

function instantOf(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

function showTime(testId: string, instant: Date | undefined, timeZone: string): void {
  const element = output<HTMLTimeElement>(testId);
  element.dateTime = instant === undefined ? '' : instant.toISOString();
  element.textContent = instant === undefined ? '—' : localDateTime(instant, timeZone);
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD HH:mm[:ss]` on the wall clock of `timeZone`: dates the way the business counts them. */
function localDateTime(instant: Date, timeZone: string): string {
  let format = dateTimeFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    dateTimeFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  const seconds = parts.second === '00' ? '' : `:${parts.second}`;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}${seconds}`;
}

/** A rate such as `"0.15"` as a percentage in the locale (`15%`, `15 %`); Intl formats the string exactly. */
function percent(rate: string, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 4 }) as unknown as {
    format(value: string): string;
  };
  return format.format(rate);
}

/** Ten days before today in the policy's zone: a date with a fee to show on first load. */
function defaultExpirationDate(): string {
  const policy = POLICIES[policySelect.value] ?? defaultPolicy;
  const instant = instantOf(now);
  const today = localDateTime(Number.isNaN(instant.getTime()) ? new Date() : instant, policy.timeZone).slice(0, 10);
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day) - 10 * DAY_MS).toISOString().slice(0, 10);
}

/** Shows `now` in the datetime-local input, on the browser's own wall clock. */
function showNowInInput(): void {
  const instant = instantOf(now);
  if (Number.isNaN(instant.getTime())) {
    nowInput.value = '';
    return;
  }
  const local = new Date(instant.getTime() - instant.getTimezoneOffset() * 60_000);
  nowInput.value = local.toISOString().slice(0, 19);
}

// Last, so every module-level constant above is initialised before the first render.
start();
