import { ExpiryInputError } from '../errors.js';

/**
 * Safe access to caller-supplied objects. Getters that throw, proxies with hostile
 * traps and the like become an `ExpiryInputError` with the field's path (R-IN-4),
 * never a stray `TypeError` from deep inside.
 */

/** Is `value` an object we may read fields from (not null, not an array)? */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `record[key]`, turning any exception into an `ExpiryInputError`. */
export function readField(record: object, key: string, path: string): unknown {
  try {
    return (record as Record<string, unknown>)[key];
  } catch {
    throw new ExpiryInputError('unreadable', `${path}.${key}`, 'this field could not be read (its getter threw)');
  }
}

/** Requires `value` to be a plain object; `what` names it in the message. */
export function requireRecord(value: unknown, path: string, what: string): Record<string, unknown> {
  if (value === undefined || value === null) {
    throw new ExpiryInputError('missing', path, `${what} is required`);
  }
  if (!isRecord(value)) {
    throw new ExpiryInputError('wrong-type', path, `${what} must be an object, got ${describe(value)}`);
  }
  return value;
}

/**
 * Caller text as a message quotes it: whole up to 40 characters, else its first and last 16
 * characters and its length, so a message stays a line however long the input (an amount of
 * a million digits is not echoed whole).
 */
export function excerpt(text: string): string {
  return text.length <= 40 ? text : `${text.slice(0, 16)}…${text.slice(-16)} (${text.length} characters)`;
}

/** A short, never-throwing description of a value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `a ${value.length}-character string` : JSON.stringify(value);
    case 'number':
      return Number.isNaN(value) ? 'NaN' : String(value);
    case 'bigint':
      return `the bigint ${value}n`;
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      return value instanceof Date ? 'a Date' : temporalDescription(value as object);
  }
}

/** "a Temporal.Duration" for a Temporal value, "an object" for any other (never throws). */
function temporalDescription(value: object): string {
  try {
    const tag = (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag];
    return typeof tag === 'string' && /^Temporal\.\w+$/.test(tag) ? `a ${tag}` : 'an object';
  } catch {
    return 'an object';
  }
}

/**
 * Runs the parsing step of a public function. Library errors pass through; anything
 * else a hostile input provokes (a proxy trap that throws inside `instanceof`, a
 * `toString` that throws) becomes an `ExpiryInputError`, so callers only ever see
 * the two library errors (R-IN-4). Only parsing runs in here, never the domain logic.
 */
export function atTheDoor<T>(path: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ExpiryInputError || (error instanceof Error && error.name === 'PolicyError')) throw error;
    throw new ExpiryInputError('unreadable', path, 'this input could not be read (it threw while being inspected)');
  }
}
