/**
 * How a percentage is rounded to the currency's minor unit (policy `rounding`);
 * `half-up` by default. Only the percentage is ever rounded.
 *
 * @example
 * const mode: RoundingMode = 'half-even';
 * const policy = definePolicy({ rounding: mode });
 * const quote = quoteReactivationFee({ expirationDate: '2026-03-08', invoiceAmount: '250.25' }, '2026-03-10T12:00:00Z', policy);
 * if (quote.kind === 'reactivation') quote.percentageFee.amount; //=> '25.02' (half-up: '25.03')
 */
export type RoundingMode = 'half-up' | 'half-even' | 'half-down' | 'up' | 'down';

/** The rounding modes a policy may name, in the order messages list them: every {@link RoundingMode}. */
export const ROUNDING_MODE_NAMES = ['half-up', 'half-even', 'half-down', 'up', 'down'] as const satisfies readonly RoundingMode[];
