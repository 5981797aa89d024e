/**
 * Generated subscriptions for the database tests and the benchmark: deterministic, with
 * expiration dates spread day by day over a range, invoice amounts, some granted
 * extensions and recipients in other zones (for quiet hours), and a few without an
 * invoice amount (their reminders still go out; their quote is refused and recorded).
 */
export interface GeneratedSubscription {
  readonly id: string;
  readonly expirationDate: string;
  readonly extensionEndsOn: string | null;
  readonly invoiceAmount: string | null;
  readonly recipientTimeZone: string | null;
}

const PRICES = ['29.00', '49.00', '99.00', '300.00', '1250.50'];
const ZONES = [null, null, 'America/Los_Angeles', 'Europe/Berlin', 'Asia/Tokyo', 'Australia/Lord_Howe'];
const MS_PER_DAY = 86_400_000;

/** `count` subscriptions whose expiration dates cycle through `days` consecutive days from `firstExpiration`. */
export function generateSubscriptions(count: number, firstExpiration: string, days: number): GeneratedSubscription[] {
  const first = Date.parse(`${firstExpiration}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => {
    const expiration = first + ((i * 7919) % days) * MS_PER_DAY;
    return {
      id: `sub-${String(i).padStart(7, '0')}`,
      expirationDate: isoDate(expiration),
      extensionEndsOn: i % 17 === 0 ? isoDate(expiration + 7 * MS_PER_DAY) : null,
      invoiceAmount: i % 101 === 0 ? null : (PRICES[i % PRICES.length] as string),
      recipientTimeZone: ZONES[i % ZONES.length] ?? null,
    };
  });
}

/** The subscription as the library takes it, as the job builds it from its row. */
export function asSubscription(generated: GeneratedSubscription) {
  return {
    id: generated.id,
    expirationDate: generated.expirationDate,
    ...(generated.invoiceAmount === null ? {} : { invoiceAmount: generated.invoiceAmount }),
    ...(generated.extensionEndsOn === null ? {} : { extension: { endsOn: generated.extensionEndsOn } }),
    ...(generated.recipientTimeZone === null ? {} : { recipientTimeZone: generated.recipientTimeZone }),
  };
}

function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
