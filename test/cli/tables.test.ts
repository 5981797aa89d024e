import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/index.js';
import { cli } from './support.js';

/**
 * What each command prints for people, word for word and column for column: the labels, the
 * values, the alignment. test/cli/commands.test.ts checks the answers; this pins their form.
 */

const SUB = ['--expires', '2026-03-08', '--invoice', '300.00', '--id', 'acme-1'];

/** Runs the tool and expects exit 0, nothing on stderr, and exactly `lines` on stdout (each ending with a newline). */
async function expectPrinted(args: readonly string[], lines: readonly string[], files?: Readonly<Record<string, string>>): Promise<void> {
  expect(await cli(args, files === undefined ? {} : { files })).toEqual({ code: 0, stdout: `${lines.join('\n')}\n`, stderr: '' });
}

/** A policy whose reactivation tiers and recovery fee have caps (R-FEE-6). */
const CAPS = {
  'caps.json': JSON.stringify({
    fees: {
      reactivationTiers: defaultPolicy.fees.reactivationTiers.map((tier, i) => ({ ...tier, maximum: ['40.00', '100.00'][i] })),
      recovery: { ...defaultPolicy.fees.recovery, maximum: '200.00' },
    },
  }),
};

const TIMELINE_HEADER = ['date        event                      at', '----------  -------------------------  -----------------------'];
const TIMELINE_BEFORE_EXPIRY = [
  '2025-11-08  reminders-start            2025-11-08 09:00:00 EST',
  '2026-02-06  renewal-invoice            2026-02-06 00:00:00 EST',
];
const TIMELINE_FROM_EXPIRY = [
  '2026-03-08  expiry                     2026-03-08 23:59:59 EDT',
  '2026-03-15  reactivation-fee-increase  2026-03-15 00:00:00 EDT',
  '2026-03-23  data-deletion              2026-03-23 00:00:00 EDT',
  '2026-09-08  recovery-closes            2026-09-09 00:00:00 EDT',
];

describe('status as a table', () => {
  it('R-ST-3 before expiry: phase, access, the expiry instant, days until it and the next phase', async () => {
    await expectPrinted(
      ['status', ...SUB, '--now', '2026-03-01T12:00:00Z'],
      [
        'phase              renewal-due',
        'access             full',
        'expiration date    2026-03-08',
        'expires at         2026-03-08 23:59:59 EDT',
        'days until expiry  7',
        'next               expired at 2026-03-08 23:59:59 EDT',
      ],
    );
  });

  it('R-ST-3 after expiry: days past it and the next phase; unrecoverable has no next phase', async () => {
    await expectPrinted(
      ['status', ...SUB, '--now', '2026-03-20T12:00:00Z'],
      [
        'phase             expired',
        'access            read-only',
        'expiration date   2026-03-08',
        'expires at        2026-03-08 23:59:59 EDT',
        'days past expiry  12',
        'next              deleted at 2026-03-23 00:00:00 EDT',
      ],
    );
    await expectPrinted(
      ['status', ...SUB, '--now', '2027-03-20T12:00:00Z'],
      [
        'phase             unrecoverable',
        'access            none',
        'expiration date   2026-03-08',
        'expires at        2026-03-08 23:59:59 EDT',
        'days past expiry  377',
      ],
    );
  });

  it('R-ST-2 an extended subscription shows its new and its original expiration date', async () => {
    await expectPrinted(
      ['status', ...SUB, '--extension-ends', '2026-03-15', '--now', '2026-03-10T12:00:00Z'],
      [
        'phase              extended',
        'access             full',
        'expiration date    2026-03-15 (extended from 2026-03-08)',
        'expires at         2026-03-15 23:59:59 EDT',
        'days until expiry  5',
        'next               expired at 2026-03-15 23:59:59 EDT',
      ],
    );
  });
});

describe('quote as a table', () => {
  it('R-FEE-2 not expired: kind none, nothing to pay', async () => {
    await expectPrinted(
      ['quote', ...SUB, '--now', '2026-03-01T12:00:00Z'],
      ['kind   none', 'phase  renewal-due', 'fee    nothing to pay: not expired'],
    );
  });

  it('R-FEE-2 reactivation above the minimum: the rate, the minimum not applied', async () => {
    await expectPrinted(
      ['quote', ...SUB, '--now', '2026-03-10T12:00:00Z'],
      [
        'kind              reactivation',
        'days past expiry  2',
        'invoice amount    $300.00',
        'rate              10 % of $300.00 = $30.00',
        'minimum           $25.00',
        'fee               $30.00',
        'total to pay      $330.00',
      ],
    );
  });

  /** Recovery 45 days late: the working before the fee. */
  const RECOVERY = [
    'kind              recovery',
    'days past expiry  45',
    'invoice amount    $300.00',
    'rate              15 % of $300.00 = $45.00',
    'minimum           $50.00 (applied)',
    'daily charge      $4.00 × 45 days = $180.00',
  ];

  it('R-FEE-1 recovery: the minimum applied, then the daily charge added', async () => {
    await expectPrinted(
      ['quote', ...SUB, '--now', '2026-04-22T12:00:00-04:00'],
      [...RECOVERY, 'fee               $230.00', 'total to pay      $530.00'],
    );
  });

  it('R-FEE-2 past the recovery window: unrecoverable, with the last recoverable date', async () => {
    await expectPrinted(
      ['quote', ...SUB, '--now', '2027-03-01T12:00:00Z'],
      [
        'kind                   unrecoverable',
        'days past expiry       358',
        'last recoverable date  2026-09-08',
        'fee                    The data could be recovered only through 2026-09-08; it is gone, and a new subscription must be bought.',
      ],
    );
  });

  it('R-FEE-6 a cap is shown, marked when it applies', async () => {
    await expectPrinted(
      ['quote', ...SUB, '--now', '2026-04-22T12:00:00-04:00', '--policy', 'caps.json'],
      [...RECOVERY, 'cap               $200.00 (applied)', 'fee               $200.00', 'total to pay      $500.00'],
      CAPS,
    );
  });
});

describe('reminders and timeline as tables', () => {
  it('R-RM-1 the whole schedule; R-RM-3 without --id the key column is empty', async () => {
    const rows = [
      ['2025-11-08', 'email', 'monthly', '2025-11-08 09:00:00 EST', '120'],
      ['2025-12-08', 'email', 'monthly', '2025-12-08 09:00:00 EST', '90'],
      ['2026-01-08', 'email', 'monthly', '2026-01-08 09:00:00 EST', '59'],
      ['2026-02-08', 'email', 'weekly', '2026-02-08 09:00:00 EST', '28'],
      ['2026-02-15', 'email', 'weekly', '2026-02-15 09:00:00 EST', '21'],
      ['2026-02-22', 'email', 'weekly', '2026-02-22 09:00:00 EST', '14'],
      ...[1, 2, 3, 4].map((day) => [`2026-03-0${day}`, 'email', 'daily', `2026-03-0${day} 09:00:00 EST`, String(8 - day)]),
      ...[5, 6, 7].flatMap((day) =>
        [
          ['email', '09'],
          ['sms', '10'],
          ['phone', '11'],
        ].map(([channel, hour]) => [`2026-03-0${day}`, channel, 'daily', `2026-03-0${day} ${hour}:00:00 EST`, String(8 - day)]),
      ),
      ['2026-03-08', 'email', 'daily', '2026-03-08 09:00:00 EDT', '0'],
      ['2026-03-08', 'sms', 'daily', '2026-03-08 10:00:00 EDT', '0'],
      ['2026-03-08', 'phone', 'daily', '2026-03-08 11:00:00 EDT', '0'],
    ];
    await expectPrinted(
      ['reminders', '--expires', '2026-03-08'],
      [
        'date        channel  cadence  send at                  days before  key',
        '----------  -------  -------  -----------------------  -----------  ---',
        ...rows.map(([date, channel, cadence, at, days]) => `${date}  ${channel?.padEnd(7)}  ${cadence?.padEnd(7)}  ${at}  ${days}`),
      ],
    );
  });

  it("R-RM-6 the reminders due, with keys; SMS and calls move out of the recipient's quiet hours", async () => {
    const due = ['--due', '--from', '2026-03-08T00:00:00-05:00', '--to', '2026-03-09T00:00:00-04:00'];
    await expectPrinted(
      ['reminders', ...SUB, ...due, '--recipient-tz', 'Asia/Tokyo'],
      [
        'date        channel  cadence  send at                  days before  key',
        '----------  -------  -------  -----------------------  -----------  -----------------------',
        '2026-03-08  email    daily    2026-03-08 09:00:00 EDT  0            acme-1:email:2026-03-08',
        '2026-03-08  phone    daily    2026-03-08 19:00:00 EDT  0            acme-1:phone:2026-03-08',
        '2026-03-08  sms      daily    2026-03-08 19:00:00 EDT  0            acme-1:sms:2026-03-08',
      ],
    );
  });

  it('R-TL-1 the timeline, each event at its instant in the policy zone', async () => {
    await expectPrinted(['timeline', ...SUB], [...TIMELINE_HEADER, ...TIMELINE_BEFORE_EXPIRY, ...TIMELINE_FROM_EXPIRY]);
  });

  it('R-TL-1 paying by bank transfer adds its deadline to the timeline', async () => {
    await expectPrinted(
      ['timeline', ...SUB, '--payment-method', 'bank-transfer'],
      [
        ...TIMELINE_HEADER,
        ...TIMELINE_BEFORE_EXPIRY,
        '2026-03-01  bank-transfer-deadline     2026-03-01 23:59:59 EST',
        ...TIMELINE_FROM_EXPIRY,
      ],
    );
  });
});

describe('extension as a table', () => {
  const GRANTED = [
    'eligible           yes',
    'order id           ABC-123-45678',
    'extension ends on  2026-03-17',
    'extension ends at  2026-03-17 23:59:59 EDT',
  ];

  it('R-EXT-4 granted: the order id and when the extension ends', async () => {
    await expectPrinted(['extension', ...SUB, '--order-id', 'ABC-123-45678', '--now', '2026-03-10T15:00:00Z'], GRANTED);
  });

  it('R-EXT-2 --requested-at, not --now, is when the customer asked', async () => {
    const args = [
      'extension',
      ...SUB,
      '--order-id',
      'ABC-123-45678',
      '--requested-at',
      '2026-03-10T15:00:00Z',
      '--now',
      '2026-01-10T15:00:00Z',
    ];
    await expectPrinted(args, GRANTED);
  });

  it('R-EXT-4 refused: every reason, by code', async () => {
    await expectPrinted(
      ['extension', ...SUB, '--now', '2026-01-10T15:00:00Z'],
      [
        'eligible          no',
        'order-id-missing  Please include your order ID, in the form XXX-XXX-XXXXX (letters or digits), shown with your order on your account page.',
        'too-early         It is too early to request an extension: requests are accepted from 2026-03-01 (7 days before the expiration date 2026-03-08, America/New_York time).',
      ],
    );
  });
});

describe('demo (npm start)', () => {
  const TRY = 'Try: subscription-expiry quote --expires 2026-03-08 --invoice 300 --now 2026-04-22T12:00:00-04:00';
  const heading = [
    'A $300.00 subscription that expires on 2026-03-08 (policy: the default policy, America/New_York)',
    '',
    ...TIMELINE_HEADER,
    ...TIMELINE_BEFORE_EXPIRY,
    ...TIMELINE_FROM_EXPIRY,
    '',
    'What coming back late would cost:',
  ];

  it('R-FEE-4 the timeline and the cost of coming back 1 to 185 days late, with the working', async () => {
    await expectPrinted(
      ['demo'],
      [
        ...heading,
        'days late  kind           fee      total      working',
        '---------  -------------  -------  ---------  --------------------------------------------------------------------',
        '1          reactivation   $30.00   $330.00    10 % of $300.00 = $30.00, above the $25.00 minimum',
        '6          reactivation   $30.00   $330.00    10 % of $300.00 = $30.00, above the $25.00 minimum',
        '7          reactivation   $50.00   $350.00    15 % of $300.00 = $45.00, minimum $50.00 applies',
        '14         reactivation   $50.00   $350.00    15 % of $300.00 = $45.00, minimum $50.00 applies',
        '15         recovery       $110.00  $410.00    15 % of $300.00 = $45.00, minimum $50.00 applies; + $4.00 × 15 days',
        '45         recovery       $230.00  $530.00    15 % of $300.00 = $45.00, minimum $50.00 applies; + $4.00 × 45 days',
        '184        recovery       $786.00  $1,086.00  15 % of $300.00 = $45.00, minimum $50.00 applies; + $4.00 × 184 days',
        '185        unrecoverable  —        —          recoverable only through 2026-09-08: buy a new subscription',
        '',
        TRY,
      ],
    );
  });

  it('R-FEE-6 with capped fees the working says where a cap applied, and only there', async () => {
    const { code, stdout } = await cli(['demo', '--policy', 'caps.json'], { files: CAPS });
    expect(code).toBe(0);
    expect(stdout.split('\n').filter((line) => /^(1|45|184) /.test(line))).toEqual([
      '1          reactivation   $30.00   $330.00  10 % of $300.00 = $30.00, above the $25.00 minimum',
      '45         recovery       $200.00  $500.00  15 % of $300.00 = $45.00, minimum $50.00 applies; + $4.00 × 45 days; capped at $200.00',
      '184        recovery       $200.00  $500.00  15 % of $300.00 = $45.00, minimum $50.00 applies; + $4.00 × 184 days; capped at $200.00',
    ]);
  });
});

describe('reminders: the window flags', () => {
  it('CLI: --due with only --to, or --to without --due, is a usage error saying what goes together', async () => {
    expect(await cli(['reminders', ...SUB, '--due', '--to', '2026-03-09T00:00:00Z'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'subscription-expiry: reminders --due needs --from and --to (instants with Z or an offset)\n',
    });
    expect(await cli(['reminders', ...SUB, '--to', '2026-03-09T00:00:00Z'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'subscription-expiry: --from and --to go with --due\n',
    });
  });
});
