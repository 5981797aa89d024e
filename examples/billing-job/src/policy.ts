/**
 * The business's policy, as the billing job runs with it and records it per window:
 * `--policy FILE` (the files `subscription-expiry policy check` accepts) or the library's
 * default, its canonical JSON and that JSON's SHA-256. `billing_windows.policy` holds the
 * JSON (the complete policy, which `definePolicy` takes back as is) and `policy_hash` the
 * hash, so a resumed or re-run window, and the sender, use exactly the policy it ran with.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { defaultPolicy, definePolicy, type Policy } from 'subscription-expiry';
import { UsageError } from './fault.js';

/** A policy with what a window records of it. */
export interface PolicyRecord {
  readonly policy: Policy;
  /** The complete policy as JSON, keys sorted at every level: the same policy is always the same text. */
  readonly json: string;
  /** The SHA-256 of `json`, in hex. */
  readonly hash: string;
}

/**
 * The record of a complete policy: its canonical JSON and hash.
 *
 * @example
 * policyRecordOf(defaultPolicy).hash === policyRecordOf(definePolicy({})).hash; //=> true
 */
export function policyRecordOf(policy: Policy): PolicyRecord {
  const json = canonicalJson(policy);
  return { policy, json, hash: createHash('sha256').update(json).digest('hex') };
}

/** The default policy's record, built on first use. */
export function defaultPolicyRecord(): PolicyRecord {
  return policyRecordOf(defaultPolicy);
}

/**
 * The policy of a file of overrides, merged over the defaults by `definePolicy`. A file
 * that cannot be read, is not JSON, or that `definePolicy` refuses is a usage error
 * (exit 2) naming the file and, for a refused field, its path.
 */
export function loadPolicyFile(file: string): PolicyRecord {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--policy ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let overrides: unknown;
  try {
    overrides = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--policy ${file} is not valid JSON: ${(error as Error).message}`);
  }
  return policyRecordOf(policyOf(overrides, `--policy ${file}`));
}

/**
 * The policy a window recorded (`billing_windows.policy`, as pg reads jsonb), rebuilt with
 * `definePolicy`. A record the library refuses is a usage error naming `where`.
 */
export function policyFromRecord(stored: unknown, where: string): PolicyRecord {
  return policyRecordOf(policyOf(stored, where));
}

function policyOf(overrides: unknown, where: string): Policy {
  try {
    return definePolicy(overrides as never);
  } catch (error) {
    const refusal = error as { code?: unknown; path?: unknown; message?: unknown };
    if (typeof refusal.code !== 'string') throw error;
    throw new UsageError(`${where}: ${String(refusal.message)} (${refusal.code})`);
  }
}

/** JSON with object keys sorted at every level, arrays in their order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) =>
    field !== null && typeof field === 'object' && !Array.isArray(field)
      ? Object.fromEntries(Object.entries(field).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : field,
  );
}
