import { parseArgs } from 'node:util';
import { definePolicy, type Policy, type Subscription } from '../index.js';
import { didYouMean } from './suggest.js';

/** A usage or input error: exit code 2 with a message that says what to fix. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** One flag of a command: how it parses and the line `--help` shows for it. */
interface Flag {
  readonly type: 'string' | 'boolean';
  /** The value's placeholder in `--help`, e.g. `YYYY-MM-DD`. */
  readonly value?: string;
  readonly help: string;
  readonly short?: string;
  readonly multiple?: boolean;
  readonly default?: string;
}

export type Flags = Readonly<Record<string, Flag>>;

export type Values = Readonly<Record<string, string | boolean | readonly string[] | undefined>>;

/** The flags that describe a subscription. */
export const SUBSCRIPTION_FLAGS = {
  expires: { type: 'string', value: 'YYYY-MM-DD', help: 'expiration date (required)' },
  invoice: { type: 'string', value: 'AMOUNT', help: 'invoice amount at expiration, e.g. 300.00' },
  id: { type: 'string', value: 'ID', help: 'subscription id (prefixes reminder keys)' },
  'extension-ends': { type: 'string', value: 'DATE', help: "a granted extension's last day" },
  'payment-method': { type: 'string', value: 'METHOD', help: 'e.g. bank-transfer' },
  'recipient-tz': { type: 'string', value: 'ZONE', help: "recipient's IANA zone, for quiet hours" },
} as const satisfies Flags;

export const NOW_FLAG = {
  now: { type: 'string', value: 'INSTANT', help: 'e.g. 2026-03-20T12:00:00Z (default: the real clock)' },
} as const satisfies Flags;
export const POLICY_FLAG = {
  policy: { type: 'string', value: 'FILE.json', help: 'policy overrides (see docs/policy.md)' },
} as const satisfies Flags;
export const FORMAT_FLAG = {
  format: { type: 'string', value: 'table|json', help: 'table for people (default), json for scripts', default: 'table' },
} as const satisfies Flags;
export const LOCALE_FLAG = {
  locale: { type: 'string', value: 'LOCALE', help: 'money display, default en-US', default: 'en-US' },
} as const satisfies Flags;
const HELP_FLAG = { help: { type: 'boolean', short: 'h', help: 'this help' } } as const satisfies Flags;

/** What a command declares about itself: its flags, its words, and its help. */
export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  readonly flags: Flags;
  /** Words after the flags, e.g. `[FILE…]`; absent: the command takes none. */
  readonly positionals?: string;
  /** Paragraphs for `--help`, after the flags (wrapped to fit a terminal). */
  readonly notes?: readonly string[];
}

/**
 * Every flag a command accepts, `--help` included.
 *
 * @internal exported for tests only
 */
export function flagsOf(spec: CommandSpec): Flags {
  return { ...spec.flags, ...HELP_FLAG };
}

/**
 * Parses a command's arguments strictly (Node's own `util.parseArgs`): a flag the command
 * does not take, a missing value or a stray word is a usage error that names its flags.
 */
export function parseCommandArgs(spec: CommandSpec, args: readonly string[]): { values: Values; positionals: readonly string[] } {
  const flags = flagsOf(spec);
  const options = Object.fromEntries(
    Object.entries(flags).map(([name, flag]) => [
      name,
      {
        type: flag.type,
        ...(flag.short === undefined ? {} : { short: flag.short }),
        ...(flag.multiple === true ? { multiple: true } : {}),
        default: flag.default,
      },
    ]),
  );
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, strict: true, allowPositionals: spec.positionals !== undefined });
    return { values: values as Values, positionals };
  } catch (error) {
    // split() always returns at least one part: the message up to Node's advice, or all of it.
    const [message] = (error as Error).message.split('. To specify a positional') as [string];
    // Node names an unknown flag as it was typed, e.g. `Unknown option '--invoce'`.
    const unknown = /^Unknown option '--([^']+)'$/.exec(message)?.[1];
    const suggestion = unknown === undefined ? '' : didYouMean(unknown, Object.keys(flags), '--');
    throw new UsageError(
      `${spec.name}: ${message}${suggestion}\n${spec.name} takes ${Object.keys(flags)
        .map((name) => `--${name}`)
        .join(', ')}${spec.positionals === undefined ? '' : ` and ${spec.positionals}`}; see ${spec.name} --help`,
    );
  }
}

/** `<command> --help`: exactly the flags the command takes. */
export function helpOf(spec: CommandSpec): string {
  const flags = flagsOf(spec);
  const label = (name: string, flag: Flag) =>
    `${flag.short === undefined ? '' : `-${flag.short}, `}--${name}${flag.value === undefined ? '' : ` ${flag.value}`}`;
  const width = Math.max(...Object.entries(flags).map(([name, flag]) => label(name, flag).length));
  const lines = Object.entries(flags).map(
    ([name, flag]) => `  ${label(name, flag).padEnd(width)}  ${flag.help}${flag.multiple === true ? ' (repeatable)' : ''}`,
  );
  return [
    `Usage: subscription-expiry ${spec.name} [options]${spec.positionals === undefined ? '' : ` ${spec.positionals}`}`,
    '',
    spec.summary,
    '',
    'Options',
    ...lines,
    ...(spec.notes ?? []).flatMap((paragraph) => ['', wrap(paragraph)]),
    '',
    'Exit codes: 0 ok, 1 some batch lines failed, 2 usage or input error.',
  ].join('\n');
}

/** A string flag's value, or `undefined`. */
export function textOf(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** The output format: `table` for people, `json` for scripts. */
export function formatOf(values: Values): 'table' | 'json' {
  const format = values.format;
  if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json, got ${String(format)}`);
  return format;
}

/** The subscription described by the flags; the library checks every field. */
export function subscriptionOf(values: Values): Subscription {
  const expirationDate = textOf(values, 'expires');
  if (expirationDate === undefined) throw new UsageError('--expires YYYY-MM-DD is required');
  const field = <K extends string>(key: K, flag: string) => {
    const value = textOf(values, flag);
    return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
  };
  const endsOn = textOf(values, 'extension-ends');
  return {
    expirationDate,
    ...field('id', 'id'),
    ...field('invoiceAmount', 'invoice'),
    ...(endsOn === undefined ? {} : { extension: { endsOn } }),
    ...field('paymentMethod', 'payment-method'),
    ...field('recipientTimeZone', 'recipient-tz'),
  };
}

/** `--now`, or the injected clock: the one place the tool reads it. */
export function nowOf(values: Values, clock: () => Date): string | Date {
  return textOf(values, 'now') ?? clock();
}

/**
 * Reads a text file; an unreadable one is an input error (exit 2) that names it as the
 * user gave it: `what` is the flag (`--policy`) or the file's role (`the policy file`).
 */
export function readFlagFile(readText: (path: string) => string, what: string, file: string): string {
  try {
    return readText(file);
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** The policy in `--policy FILE.json` (overrides of the default policy), or the default. */
export function policyOf(values: Values, readText: (path: string) => string): Policy | undefined {
  const file = textOf(values, 'policy');
  if (file === undefined) return undefined;
  const text = readFlagFile(readText, '--policy', file);
  let overrides: unknown;
  try {
    overrides = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--policy ${file} is not valid JSON: ${(error as Error).message}`);
  }
  return definePolicy(overrides as never);
}

/** A paragraph broken into lines of at most 90 characters, at spaces. */
function wrap(paragraph: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > 90) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line].join('\n');
}
