import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { definePolicy, type Policy, type Subscription } from '../index.js';

/** A usage error: exit code 2 with a message that says what to fix. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Options every command shares (the parser is Node's own `util.parseArgs`). */
export const COMMON_OPTIONS = {
  expires: { type: 'string' },
  invoice: { type: 'string' },
  id: { type: 'string' },
  'extension-ends': { type: 'string' },
  'payment-method': { type: 'string' },
  'recipient-tz': { type: 'string' },
  now: { type: 'string' },
  policy: { type: 'string' },
  format: { type: 'string', default: 'table' },
  locale: { type: 'string', default: 'en-US' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export type Values = Record<string, string | boolean | undefined>;

/** Parses a command's arguments strictly: unknown flags and stray words are usage errors. */
export function parseCommandArgs(args: readonly string[], extra: ParseArgsConfig['options'] = {}): Values {
  try {
    const { values } = parseArgs({ args: [...args], options: { ...COMMON_OPTIONS, ...extra }, strict: true, allowPositionals: false });
    return values as Values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The output format: `table` for people, `json` for scripts. */
export function formatOf(values: Values): 'table' | 'json' {
  const format = values.format;
  if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json, got ${String(format)}`);
  return format;
}

/** The subscription described by the flags; the library checks every field. */
export function subscriptionOf(values: Values): Subscription {
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const expirationDate = text('expires');
  if (expirationDate === undefined) throw new UsageError('--expires YYYY-MM-DD is required');
  const endsOn = text('extension-ends');
  return {
    expirationDate,
    ...(text('id') === undefined ? {} : { id: text('id') as string }),
    ...(text('invoice') === undefined ? {} : { invoiceAmount: text('invoice') as string }),
    ...(endsOn === undefined ? {} : { extension: { endsOn } }),
    ...(text('payment-method') === undefined ? {} : { paymentMethod: text('payment-method') as string }),
    ...(text('recipient-tz') === undefined ? {} : { recipientTimeZone: text('recipient-tz') as string }),
  };
}

/** `--now`, or the real clock: the one place the tool reads it. */
export function nowOf(values: Values, clock: () => Date): string | Date {
  return typeof values.now === 'string' ? values.now : clock();
}

/** The policy in `--policy FILE.json` (overrides of the default policy), or the default. */
export function policyOf(values: Values): Policy | undefined {
  const file = values.policy;
  if (typeof file !== 'string') return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --policy ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let overrides: unknown;
  try {
    overrides = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--policy ${file} is not valid JSON: ${(error as Error).message}`);
  }
  return definePolicy(overrides as never);
}
