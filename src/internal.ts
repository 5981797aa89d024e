/**
 * The library's internal rules, for the command-line tool only (never re-exported by
 * `index.ts`, not part of the public contract). The CLI imports internals from here and
 * nowhere else, so a rewrite of the library's modules has one file to keep in step.
 * Re-exports only: exactly what `src/cli/` needs to parse a batch's run once and then
 * answer each line from parsed values.
 */
export { isLibraryError } from './errors.js';
export { atTheDoor } from './input/read.js';
export { parseInstant } from './input/instant.js';
export { parseSubscription } from './input/subscription.js';
export { resolvePolicy, type CompiledPolicy } from './policy/compile.js';
// What each public function does once its arguments are parsed: batch answers a line with these.
export { expiryStatusOf } from './lifecycle/getExpiryStatus.js';
export { feeQuoteOf } from './fees/quoteReactivationFee.js';
export { dueRemindersOf } from './reminders/getRemindersDue.js';
