// ESM consumer of the packed package.
import assert from 'node:assert/strict';
import { getExpiryStatus, quoteReactivationFee, definePolicy, ExpiryInputError } from 'subscription-expiry';

const subscription = { expirationDate: '2026-03-08', invoiceAmount: '300.00' };
assert.equal(getExpiryStatus(subscription, '2026-03-09T03:59:59Z').phase, 'expired');
assert.equal(quoteReactivationFee(subscription, '2026-04-22T16:00:00Z').fee.amount, '230.00');
assert.equal(definePolicy({ timeZone: 'Europe/Berlin' }).timeZone, 'Europe/Berlin');
assert.throws(
  () => getExpiryStatus({ expirationDate: '2026-02-30' }, 0),
  (error) => error instanceof ExpiryInputError && error.code === 'invalid-date',
);
console.log('esm consumer ok');
