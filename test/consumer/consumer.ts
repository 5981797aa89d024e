// TypeScript consumer: compiled with moduleResolution node16 and with bundler.
import { getExpiryStatus, quoteReactivationFee, type ExpiryStatus, type FeeQuote, type Policy, defaultPolicy } from 'subscription-expiry';

const policy: Policy = defaultPolicy;
const status: ExpiryStatus = getExpiryStatus({ expirationDate: '2026-03-08' }, new Date('2026-03-20T12:00:00Z'), policy);
const quote: FeeQuote = quoteReactivationFee({ expirationDate: '2026-03-08', invoiceAmount: '300.00' }, Date.UTC(2026, 3, 22, 16));

function describeQuote(q: FeeQuote): string {
  switch (q.kind) {
    case 'none':
      return `nothing to pay (${q.phase})`;
    case 'reactivation':
    case 'recovery':
      return `${q.kind}: ${q.fee.amount} ${q.fee.currency}`;
    case 'unrecoverable':
      return 'buy a new subscription';
  }
}

export const summary: string = `${status.phase}; ${describeQuote(quote)}`;

// The package's types are really read (not `any`): a phase is never a number. Were the types
// not found, this directive would have no error to expect, and the check fails.
// @ts-expect-error: ExpiryStatus['phase'] is a union of strings
export const wrongType: number = status.phase;
