/**
 * The pricing widget: a customer enters an invoice amount and an expiration date and sees
 * the status, the fee with its working, when the fee next rises and the reminders still to
 * come. Every figure comes from `subscription-expiry`; this file only reads inputs and
 * writes text. The page reads the clock (the library never does); `?now=` with an ISO
 * instant pins it, as do `?amount=`, `?expires=`, `?policy=` and `?locale=` their inputs.
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

const POLICIES: Readonly<Record<string, Policy>> = {
  'new-york': defaultPolicy,
  berlin: definePolicy({ timeZone: 'Europe/Berlin', currency: 'EUR' }),
};

/** "Still to come" runs from now to the end of the library's range of instants. */
const DAY_MS = 86_400_000;

const form = byId<HTMLFormElement>('inputs');
const amountInput = byId<HTMLInputElement>('amount');
const expiresInput = byId<HTMLInputElement>('expires');
const nowInput = byId<HTMLInputElement>('now');
const policySelect = byId<HTMLSelectElement>('policy');
const localeSelect = byId<HTMLSelectElement>('locale');

const query = new URLSearchParams(location.search);
/** The instant to compute at: the query's text as given (the library checks it), else the clock. */
let now: Date | string = query.get('now') ?? new Date();

function start(): void {
  selectIfOffered(policySelect, query.get('policy'));
  selectIfOffered(localeSelect, query.get('locale'));
  amountInput.value = query.get('amount') ?? '300.00';
  expiresInput.value = query.get('expires') ?? defaultExpirationDate();
  showNowInInput();

  form.addEventListener('input', (event) => {
    if (event.target === nowInput) now = new Date(nowInput.value); // a datetime-local value is read as the browser's local time
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

function render(): void {
  const policy = POLICIES[policySelect.value] ?? defaultPolicy;
  const locale = localeSelect.value;
  const amount = amountInput.value.trim();
  const subscription: Subscription = { expirationDate: expiresInput.value, ...(amount === '' ? {} : { invoiceAmount: amount }) };
  text('currency', policy.currency);
  text('time-zone', policy.timeZone);

  showTime('now-local', undefined, policy.timeZone);
  try {
    const status = getExpiryStatus(subscription, now, policy);
    showTime('now-local', instantOf(now), policy.timeZone); // the library has accepted `now`
    const quote = quoteReactivationFee(subscription, now, policy);
    // The reminders still to come. getRemindersDue is for jobs that de-duplicate on keys (it
    // needs the subscription id); a widget only shows the schedule from now on.
    const reminders = getReminderSchedule(subscription, policy).filter((reminder) => reminder.sendAt.getTime() >= instantOf(now).getTime());
    showStatus(status, policy.timeZone);
    showQuote(quote, subscription, policy, locale);
    showReminders(reminders, policy.timeZone);
    output('error').hidden = true;
    output('results').hidden = false;
  } catch (error) {
    showError(error);
  }
}

function showStatus(status: ExpiryStatus, timeZone: string): void {
  text('phase', status.phase);
  output('phase').dataset.phase = status.phase;
  text('access', status.access);
  if ('daysUntilExpiry' in status) {
    text('days-label', 'Days until expiry');
    text('days', String(status.daysUntilExpiry));
  } else {
    text('days-label', 'Days past expiry');
    text('days', String(status.daysPastExpiry));
  }
  showTime('expires-at', status.expiresAt, timeZone);
  if (status.phase === 'unrecoverable') {
    text('next-phase', 'none: buy a new subscription');
    showTime('next-phase-at', undefined, timeZone);
  } else {
    text('next-phase', `${status.next.phase} from`);
    showTime('next-phase-at', status.next.at, timeZone);
  }
}

function showQuote(quote: FeeQuote, subscription: Subscription, policy: Policy, locale: string): void {
  const money = (value: { amount: string; currency: string }) => formatMoney(value, locale);
  text('fee-kind', quote.kind);
  output('working').hidden = quote.kind === 'none' || quote.kind === 'unrecoverable';
  output('next-fee-wrap').hidden = true;

  let nextIncrease: Date | undefined;
  switch (quote.kind) {
    case 'none':
      text('fee-note', `Nothing to pay yet: the subscription is ${quote.phase}.`);
      text('next-increase-label', 'A fee applies from');
      nextIncrease = quote.expiresAt;
      break;
    case 'unrecoverable':
      text('fee-note', quote.reason);
      text('next-increase-label', 'No fee can be quoted.');
      break;
    case 'reactivation':
    case 'recovery':
      text(
        'fee-note',
        quote.kind === 'reactivation' ? 'To reactivate now, you pay:' : 'Your data was deleted; to recover it from backup now, you pay:',
      );
      text('working-invoice', money(quote.invoiceAmount));
      text('working-rate', percent(quote.rate, locale));
      text('working-percentage-fee', money(quote.percentageFee));
      text('working-minimum', money(quote.minimum));
      text('working-minimum-applied', quote.minimumApplied ? 'yes' : 'no');
      // R-FEE-6: a cap shows only when it cut the fee.
      for (const row of document.querySelectorAll<HTMLElement>('[data-cap]')) row.hidden = !quote.capApplied;
      if (quote.cap !== undefined) text('working-cap', money(quote.cap));
      text('fee', money(quote.fee));
      text('total', money(quote.total));
      for (const row of document.querySelectorAll<HTMLElement>('[data-daily]')) row.hidden = quote.kind !== 'recovery';
      if (quote.kind === 'recovery') {
        text('working-days', String(quote.daysPastExpiry));
        text('working-daily-rate', money(quote.dailyRate));
        text('working-daily-charge', money(quote.dailyCharge));
      }
      text('next-increase-label', quote.nextIncrease === undefined ? 'The fee will not rise again.' : 'The fee next rises');
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

function showReminders(reminders: readonly Reminder[], timeZone: string): void {
  text('reminders-count', String(reminders.length));
  const list = output('reminders');
  list.replaceChildren(
    ...reminders.map((reminder) => {
      const item = document.createElement('li');
      item.dataset.testid = 'reminder';
      const time = document.createElement('time');
      time.dateTime = reminder.sendAt.toISOString();
      time.textContent = localDateTime(reminder.sendAt, timeZone);
      item.append(time, ` ${reminder.channel} · ${reminder.cadence} · ${daysBefore(reminder.daysBeforeExpiry)}`);
      return item;
    }),
  );
  if (reminders.length === 0) {
    const item = document.createElement('li');
    item.className = 'empty muted';
    item.textContent = 'None.';
    list.append(item);
  }
}

/** The library throws only its two errors, each with `code`, `path` and a message (R-IN-4). */
function showError(error: unknown): void {
  const known = error instanceof Error && (error.name === 'ExpiryInputError' || error.name === 'PolicyError');
  const { code, path } = known ? (error as Error & { code: string; path: string }) : { code: 'unexpected', path: '?' };
  text('error-code', code);
  text('error-path', path);
  const message = error instanceof Error ? error.message : String(error);
  text('error-message', message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message);
  output('error').hidden = false;
  output('results').hidden = true;
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

function daysBefore(days: number): string {
  if (days === 0) return 'on the expiration date';
  const count = Math.abs(days);
  return `${count} ${count === 1 ? 'day' : 'days'} ${days > 0 ? 'before' : 'after'}`;
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
