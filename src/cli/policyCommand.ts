import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { isLibraryError } from '../errors.js';
import { defaultPolicy, definePolicy } from '../index.js';
import type { CommandContext } from './commands.js';
import { formatOf, parseCommandArgs, policyOf, UsageError } from './options.js';

/**
 * `subscription-expiry policy check FILE`: every problem of a policy file, each with its
 * path, from the shipped JSON Schema (all at once) and then from `definePolicy` (the rules
 * across fields); exit 0 when there is none, 2 otherwise.
 * `subscription-expiry policy show [--policy FILE]`: the effective policy, merged over the
 * defaults, as JSON.
 */
export async function policyCommand(args: readonly string[], context: CommandContext): Promise<void> {
  const [action, ...rest] = args;
  if (action === 'check') return check(rest, context);
  if (action === 'show') return show(rest, context);
  throw new UsageError('policy needs an action: policy check FILE, or policy show [--policy FILE]');
}

/** One problem of a policy file: where, what, and the library's code when it has one. */
export interface PolicyProblem {
  readonly path: string;
  readonly message: string;
  readonly code?: string;
}

async function check(args: readonly string[], context: CommandContext): Promise<void> {
  const [file, ...options] = args;
  if (file === undefined || file.startsWith('--')) throw new UsageError('policy check needs a FILE: policy check policy.json');
  const values = parseCommandArgs(options);
  const problems = await policyProblems(parsePolicyFile(file, readFileText(file)));
  context.write(policyReport(file, problems, formatOf(values)));
  if (problems.length > 0) throw new UsageError(`${file}: ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}`);
}

/** What `policy check` prints: each problem as `path: message`, or the JSON report. */
export function policyReport(file: string, problems: readonly PolicyProblem[], format: 'table' | 'json'): string {
  if (format === 'json') return `${JSON.stringify({ file, valid: problems.length === 0, problems }, null, 2)}\n`;
  return problems.length === 0 ? `${file}: a valid policy\n` : `${problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n')}\n`;
}

function show(args: readonly string[], context: CommandContext): void {
  const policy = policyOf(parseCommandArgs(args)) ?? defaultPolicy;
  context.write(`${JSON.stringify(policy, null, 2)}\n`);
}

/**
 * Every problem of policy overrides: the schema's, one per path, then definePolicy's if it
 * found another. ajv and the schema are loaded only here, so no other command pays for
 * them at start-up.
 */
export async function policyProblems(overrides: unknown): Promise<PolicyProblem[]> {
  const [{ default: Ajv2020 }, { default: schema }] = await Promise.all([import('ajv/dist/2020.js'), import('../../policy.schema.json')]);
  const validate = new Ajv2020({ allErrors: true, strict: true, verbose: true }).compile(schema);
  const byPath = new Map<string, PolicyProblem>();
  if (!validate(overrides)) {
    for (const error of validate.errors ?? []) {
      const problem = schemaProblem(error);
      // oneOf reports each branch; the oneOf error itself, with the field's description, says it best.
      if (!byPath.has(problem.path) || error.keyword === 'oneOf') byPath.set(problem.path, problem);
    }
  }
  try {
    definePolicy(overrides as never);
  } catch (error) {
    if (!isLibraryError(error)) throw error;
    if (!byPath.has(error.path)) byPath.set(error.path, { path: error.path, message: error.message.slice(error.path.length + 2), code: error.code });
  }
  return [...byPath.values()];
}

function schemaProblem(error: ErrorObject): PolicyProblem {
  const base = `policy${error.instancePath.split('/').slice(1).map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`)).join('')}`;
  const params = error.params as { additionalProperty?: string; missingProperty?: string };
  if (error.keyword === 'additionalProperties') return { path: `${base}.${params.additionalProperty ?? ''}`, message: 'this is not a policy field (check its spelling)' };
  if (error.keyword === 'required') return { path: `${base}.${params.missingProperty ?? ''}`, message: 'this field is required' };
  const description = (error.parentSchema as { description?: unknown } | undefined)?.description;
  const message = error.keyword === 'oneOf' && typeof description === 'string' ? `expected ${description.charAt(0).toLowerCase()}${description.slice(1)}` : (error.message ?? 'is not valid');
  return { path: base, message };
}

function readFileText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** The JSON of a policy file; not JSON is a usage error. */
export function parsePolicyFile(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}
