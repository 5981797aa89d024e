import { describe, expect, it } from 'vitest';
import {
  checkExtensionEligibility,
  findOrderId,
  formatMoney,
  getCapabilities,
  getExpiryStatus,
  getReminderSchedule,
  getRemindersDue,
  getTimeline,
  quoteReactivationFee,
} from '../src/index.js';
import { thrown } from './support/errors.js';

/**
 * Every export reads its arguments left to right (subscription or request first, the
 * policy last), so with several bad arguments the error names the first of them, the
 * same in every function. Checks that need the policy (an invoice amount's digits in its
 * currency, a lifecycle inside the supported years) come after it.
 */
const BAD_POLICY = { timeZone: 'Mars/Olympus' } as never;
const SUB = { id: 'sub_1', expirationDate: '2026-03-08', invoiceAmount: '300.00' };
const NOW = '2026-03-10T12:00:00Z';

const pathOf = (run: () => unknown): string => {
  const error = thrown(run) as { path?: unknown };
  return String(error.path);
};

describe('R-IN-4 one argument order in every export', () => {
  it.each([
    [
      'getExpiryStatus: subscription before now and policy',
      () => getExpiryStatus({} as never, 'soon', BAD_POLICY),
      'subscription.expirationDate',
    ],
    ['getExpiryStatus: now before policy', () => getExpiryStatus(SUB, 'soon', BAD_POLICY), 'now'],
    [
      'getCapabilities: subscription first',
      () => getCapabilities({} as never, 'soon', 7 as never, BAD_POLICY),
      'subscription.expirationDate',
    ],
    ['getCapabilities: now before role', () => getCapabilities(SUB, 'soon', 7 as never, BAD_POLICY), 'now'],
    ['getCapabilities: role before policy', () => getCapabilities(SUB, NOW, 7 as never, BAD_POLICY), 'role'],
    ['getTimeline: subscription before policy', () => getTimeline({} as never, BAD_POLICY), 'subscription.expirationDate'],
    ['getReminderSchedule: subscription before policy', () => getReminderSchedule({} as never, BAD_POLICY), 'subscription.expirationDate'],
    [
      'getRemindersDue: subscription and its id before window',
      () => getRemindersDue({ expirationDate: '2026-03-08' }, {} as never, BAD_POLICY),
      'subscription.id',
    ],
    ['getRemindersDue: window before policy', () => getRemindersDue(SUB, {} as never, BAD_POLICY), 'window.from'],
    [
      'quoteReactivationFee: subscription before now',
      () => quoteReactivationFee({} as never, 'soon', BAD_POLICY),
      'subscription.expirationDate',
    ],
    ['quoteReactivationFee: now before policy', () => quoteReactivationFee(SUB, 'soon', BAD_POLICY), 'now'],
    [
      'quoteReactivationFee: policy before the invoice digits it decides',
      () => quoteReactivationFee({ ...SUB, invoiceAmount: '1.001' }, NOW, BAD_POLICY),
      'policy',
    ],
    ['checkExtensionEligibility: request before policy', () => checkExtensionEligibility({} as never, BAD_POLICY), 'request.requestedAt'],
    ['findOrderId: text before policy', () => findOrderId(42 as never, BAD_POLICY), 'text'],
    ['formatMoney: money before locale', () => formatMoney({} as never, 42 as never), 'money.currency'],
  ])('R-IN-4 %s', (_, run, path) => {
    expect(pathOf(run)).toBe(path);
  });
});
