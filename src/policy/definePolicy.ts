import { PolicyError } from '../errors.js';
import { describe, isRecord } from '../input/read.js';
import { defaultPolicy } from './defaultPolicy.js';
import type { Policy, PolicyOverrides } from './types.js';
import { validatePolicy } from './validate.js';

/**
 * Merges `overrides` over {@link defaultPolicy} (objects merged field by field,
 * arrays replaced whole), validates the result and returns a new deeply frozen
 * policy. Throws `PolicyError` with the code and path of the first bad field, and in its
 * `problems` every problem found, each with its code, path and message.
 *
 * @param overrides - the fields that differ from the default policy
 * @param base - the policy to start from (default: {@link defaultPolicy})
 * @returns a complete, validated, frozen policy
 *
 * A top-level `"$schema"` (the reference to `subscription-expiry/policy.schema.json` a
 * policy file carries for editors) is ignored.
 *
 * @example
 * const berlin = definePolicy({ timeZone: 'Europe/Berlin', currency: 'EUR' });
 * berlin.expiryTime; //=> '23:59:59'
 *
 * // A policy file checked by the JSON Schema, then by definePolicy:
 * // { "$schema": "./node_modules/subscription-expiry/policy.schema.json", "deletionDay": 30 }
 * const fromFile = definePolicy(JSON.parse(readFileSync('policy.json', 'utf8')));
 */
export function definePolicy(overrides: PolicyOverrides, base: Policy = defaultPolicy): Policy {
  return atThePolicyDoor(() => {
    if (!isRecord(overrides)) {
      throw new PolicyError('wrong-type', 'policy', `policy overrides must be an object, got ${describe(overrides)}`);
    }
    return validatePolicy(merge(base, withoutSchemaReference(overrides), 'policy'));
  });
}

/**
 * Runs policy parsing so that a hostile value (a proxy whose traps throw, say)
 * ends as a `PolicyError`, never as whatever it threw (R-IN-4).
 */
function atThePolicyDoor<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof PolicyError) throw error;
    throw new PolicyError('unreadable', 'policy', 'the policy could not be read (it threw while being inspected)');
  }
}

/**
 * A policy file may name its JSON Schema (`"$schema": "…/policy.schema.json"`) so editors
 * check it; that reference is not a policy field, so it is dropped before merging.
 */
function withoutSchemaReference(overrides: Record<string, unknown>): Record<string, unknown> {
  if (!Object.hasOwn(overrides, '$schema')) return overrides;
  const { $schema: _reference, ...rest } = overrides;
  return rest;
}

function merge(base: unknown, overrides: Record<string, unknown>, path: string): Record<string, unknown> {
  const result: Record<string, unknown> = isRecord(base) ? { ...base } : {};
  let keys: string[];
  try {
    keys = Object.keys(overrides);
  } catch {
    throw new PolicyError('unreadable', path, 'the overrides could not be read');
  }
  for (const key of keys) {
    let value: unknown;
    try {
      value = overrides[key];
    } catch {
      throw new PolicyError('unreadable', `${path}.${key}`, 'this field could not be read (its getter threw)');
    }
    if (value === undefined) continue;
    const current = result[key];
    result[key] = isRecord(value) && isRecord(current) ? merge(current, value, `${path}.${key}`) : value;
  }
  return result;
}
