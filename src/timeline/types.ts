/**
 * The kinds of dated events in a timeline, in their usual order.
 *
 * @example
 * const kinds: TimelineEventKind[] = getTimeline({ expirationDate: '2026-03-08' }).map((e) => e.event);
 * //=> ['reminders-start', 'renewal-invoice', 'expiry', 'reactivation-fee-increase', 'data-deletion', 'recovery-closes']
 */
export type TimelineEventKind =
  | 'reminders-start'
  | 'renewal-invoice'
  | 'bank-transfer-deadline'
  | 'expiry'
  | 'extension-end'
  | 'reactivation-fee-increase'
  | 'data-deletion'
  | 'recovery-closes';

/**
 * One dated event of a subscription's lifecycle: its local business `date`
 * (`YYYY-MM-DD` in the policy's zone) and the instant `at` it happens.
 *
 * @example
 * const increase = getTimeline({ expirationDate: '2026-03-08' }).find((e) => e.event === 'reactivation-fee-increase');
 * //=> { event: 'reactivation-fee-increase', date: '2026-03-15', at: new Date('2026-03-15T04:00:00Z'), daysPastExpiry: 7 }
 */
export type TimelineEvent =
  | {
      readonly event: Exclude<TimelineEventKind, 'reactivation-fee-increase'>;
      readonly date: string;
      readonly at: Date;
    }
  | {
      readonly event: 'reactivation-fee-increase';
      readonly date: string;
      readonly at: Date;
      /** The tier's first day, counted in calendar days past the effective expiration date. */
      readonly daysPastExpiry: number;
    };
