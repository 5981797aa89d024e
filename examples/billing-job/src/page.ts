import {
  ExpiryInputError,
  getRemindersDue,
  quoteReactivationFee,
  type Policy,
  type Reminder,
  type Subscription,
} from 'subscription-expiry';

/**
 * One page of subscriptions turned into what the job records: the reminders due in the
 * window, today's fee quotes, and the rows the library refused. A reminder whose send time
 * is before `notBefore` (the run's clock less --max-lateness) is too late to send: it is
 * counted in `late`, not recorded. Pure: no database, no clock ("today" is the window's
 * end, `notBefore` an argument), so it is the same in every worker.
 */
export function recordsOfPage(
  rows: readonly SubscriptionRow[],
  window: { readonly from: Date; readonly to: Date },
  policy: Policy,
  notBefore: Date = window.from,
): PageRecords {
  const records: PageRecords = { reminders: [], quotes: [], rejected: [], late: 0 };
  const earliest = notBefore.getTime();
  for (const row of rows) {
    const subscription = subscriptionOf(row);
    try {
      for (const reminder of getRemindersDue(subscription, window, policy)) {
        if (reminder.sendAt.getTime() < earliest) records.late += 1;
        else records.reminders.push({ subscriptionId: row.id, ...reminder });
      }
      const quote = quoteReactivationFee(subscription, window.to, policy);
      if (quote.kind === 'reactivation' || quote.kind === 'recovery') {
        records.quotes.push({
          subscriptionId: row.id,
          kind: quote.kind,
          daysPastExpiry: quote.daysPastExpiry,
          fee: quote.fee.amount,
          total: quote.total.amount,
          currency: quote.fee.currency,
        });
      }
    } catch (error) {
      // Only the library's own refusal of a row is recorded and skipped; anything else
      // (a bug, the database) fails the page, which then rolls back whole.
      if (!(error instanceof ExpiryInputError)) throw error;
      records.rejected.push({ subscriptionId: row.id, code: error.code, path: error.path, message: error.message });
    }
  }
  return records;
}

/** A row of the `subscriptions` table, as the job's SELECT returns it (dates and money as text). */
export interface SubscriptionRow {
  readonly id: string;
  readonly expiration_date: string;
  readonly extension_ends_on: string | null;
  readonly invoice_amount: string | null;
  readonly recipient_time_zone: string | null;
}

export interface PageRecords {
  late: number;
  readonly reminders: ({ readonly subscriptionId: string } & Reminder)[];
  readonly quotes: {
    readonly subscriptionId: string;
    readonly kind: 'reactivation' | 'recovery';
    readonly daysPastExpiry: number;
    readonly fee: string;
    readonly total: string;
    readonly currency: string;
  }[];
  readonly rejected: { readonly subscriptionId: string; readonly code: string; readonly path: string; readonly message: string }[];
}

/** The subscription as the library takes it, from its row (shared with the sender's re-read). */
export function subscriptionOf(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    expirationDate: row.expiration_date,
    ...(row.invoice_amount === null ? {} : { invoiceAmount: row.invoice_amount }),
    ...(row.extension_ends_on === null ? {} : { extension: { endsOn: row.extension_ends_on } }),
    ...(row.recipient_time_zone === null ? {} : { recipientTimeZone: row.recipient_time_zone }),
  };
}
