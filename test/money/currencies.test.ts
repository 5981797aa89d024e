import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { definePolicy, formatMoney, quoteReactivationFee } from '../../src/index.js';
import { MAX_MINOR_UNITS, isoMinorUnits } from '../../src/money/currencies.js';
import { inputErrorOf, policyErrorOf } from '../support/errors.js';

/** Integer fee terms, valid in every currency whatever its digits. */
const WHOLE_FEES = {
  reactivationTiers: [
    { fromDay: 0, rate: '0.1', minimum: '25' },
    { fromDay: 7, rate: '0.15', minimum: '50' },
  ],
  recovery: { rate: '0.15', minimum: '50', dailyRate: '4' },
};
const LATE = { expirationDate: '2026-03-31', invoiceAmount: '300' };
const NOW = '2026-05-15T12:00:00Z'; // 45 days late: recovery

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALL_CODES = [...LETTERS].flatMap((a) => [...LETTERS].flatMap((b) => [...LETTERS].map((c) => `${a}${b}${c}`)));
const ISO_CODES = ALL_CODES.filter((code) => isoMinorUnits(code) !== undefined);

describe('isoMinorUnits', () => {
  it("R-IN-3 gives ISO 4217 minor units where the runtime's CLDR data differs (IDR, HUF, COP 2; IQD 3)", () => {
    expect(['IDR', 'HUF', 'COP', 'USD', 'EUR', 'IQD', 'KWD', 'BHD', 'JPY', 'KRW', 'CLF', 'UYW'].map(isoMinorUnits)).toEqual([
      2, 2, 2, 2, 2, 3, 3, 3, 0, 0, 4, 4,
    ]);
  });

  it('R-IN-3 knows only active codes with a minor unit: not ZZZ, the typo UDS, gold, SDR, the test code or lower case', () => {
    for (const code of ['ZZZ', 'UDS', 'XAU', 'XDR', 'XTS', 'XXX', 'usd', 'US', 'USDX', '']) expect(isoMinorUnits(code)).toBeUndefined();
    // Only whole entries count: "SDB" straddles USD and BAM … but sits at no multiple of 3.
    expect(isoMinorUnits('SDB')).toBeUndefined();
    expect(ISO_CODES.length).toBeGreaterThan(160);
    expect(ISO_CODES.every((code) => (isoMinorUnits(code) as number) <= MAX_MINOR_UNITS)).toBe(true);
  });
});

describe('currency digits in a policy', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('R-IN-3 an unknown currency code is a PolicyError (ZZZ, the typo UDS)', () => {
    for (const currency of ['ZZZ', 'UDS']) {
      const error = policyErrorOf(() => definePolicy({ currency }));
      expect([error.code, error.path]).toEqual(['invalid-currency', 'policy.currency']);
    }
  });

  it('R-FEE-3 quotes IDR and COP with their ISO 4217 two digits, IQD with three', () => {
    const fee = (currency: string) => {
      const quote = quoteReactivationFee(LATE, NOW, definePolicy({ currency, fees: WHOLE_FEES }));
      return quote.kind === 'recovery' ? quote.fee.amount : quote.kind;
    };
    expect([fee('IDR'), fee('COP'), fee('HUF'), fee('IQD'), fee('JPY')]).toEqual(['230.00', '230.00', '230.00', '230.000', '230']);
  });

  it('R-IN-3 a policy may set currencyDigits for a code whose practice differs, and formatMoney shows those digits', () => {
    const rupiah = definePolicy({ currency: 'IDR', currencyDigits: { IDR: 0 }, fees: WHOLE_FEES });
    expect(rupiah.currencyDigits).toEqual({ IDR: 0 });
    const quote = quoteReactivationFee({ expirationDate: '2026-03-31', invoiceAmount: '150000' }, NOW, rupiah);
    if (quote.kind !== 'recovery') throw new Error('expected recovery');
    expect(quote.fee).toEqual({ amount: '22680', currency: 'IDR' });
    expect(formatMoney(quote.fee)).toBe('IDR\u00a022,680');
    // Digits are keyed by code: the IDR setting does nothing once the currency is EUR.
    expect(definePolicy({ currency: 'EUR' }, rupiah).fees.recovery.minimum).toBe('50.00');
  });

  it('R-IN-3 counts the digits as written: "1000.50 has 2 decimal places" (before: 1)', () => {
    const rupiah = definePolicy({ currency: 'IDR', currencyDigits: { IDR: 0 }, fees: WHOLE_FEES });
    const error = inputErrorOf(() => quoteReactivationFee({ ...LATE, invoiceAmount: '1000.50' }, NOW, rupiah));
    expect(error.message).toBe('subscription.invoiceAmount: 1000.50 has 2 decimal places; IDR has 0 — round it first');
  });

  it("R-PURE-3 never asks the runtime's ICU for digits: policies and quotes work with Intl.NumberFormat broken", () => {
    vi.spyOn(Intl, 'NumberFormat').mockImplementation(() => {
      throw new Error('no ICU here');
    });
    const quote = quoteReactivationFee(LATE, NOW, definePolicy({ currency: 'KWD', fees: WHOLE_FEES }));
    expect(quote.kind === 'recovery' && quote.fee.amount).toBe('230.000');
  });

  it("R-FEE-3 every amount of a quote has exactly the policy's digits, for every ISO code and any currencyDigits", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ISO_CODES),
        fc.option(fc.integer({ min: 0, max: MAX_MINOR_UNITS }), { nil: undefined }),
        fc.integer({ min: 0, max: 200 }),
        (currency, digits, daysLate) => {
          const policy = definePolicy({
            currency,
            fees: WHOLE_FEES,
            ...(digits === undefined ? {} : { currencyDigits: { [currency]: digits } }),
          });
          const expected = digits ?? (isoMinorUnits(currency) as number);
          const quote = quoteReactivationFee(LATE, Date.UTC(2026, 3, 1, 12) + daysLate * 86_400_000, policy);
          if (quote.kind !== 'reactivation' && quote.kind !== 'recovery') return;
          for (const money of [quote.fee, quote.total, quote.minimum, quote.percentageFee, quote.invoiceAmount]) {
            expect(money.currency).toBe(currency);
            expect(money.amount.split('.')[1]?.length ?? 0).toBe(expected);
            // What people see has the same digits, no more, no fewer.
            expect(formatMoney(money).replace(/\D/g, '')).toBe(money.amount.replace('.', ''));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
