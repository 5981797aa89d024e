import type { ErrorObject } from 'ajv/dist/2020.js';
import { defaultPolicy, definePolicy, PolicyError } from '../index.js';
import type { Command, CommandContext } from './command.js';
import { FORMAT_FLAG, formatOf, POLICY_FLAG, policyOf, readFlagFile, UsageError, type Values } from './options.js';

/**
 * `subscription-expiry policy check FILE`: every problem of a policy file, each with its
 * path, from the shipped JSON Schema (all at once) and then from `definePolicy` (the rules
 * across fields); exit 0 when there is none, 2 otherwise.
 * `subscription-expiry policy show [--policy FILE]`: the effective policy, merged over the
 * defaults, as JSON.
 */
export const policyCommand: Command = {
  name: 'policy',
  summary: 'policy check FILE: every problem of a policy file; policy show: the effective policy as JSON',
  flags: { ...POLICY_FLAG, ...FORMAT_FLAG },
  positionals: 'check FILE | show',
  notes: [
    'policy check FILE exits 0 for a valid policy file and 2 when it has problems, listing each with its path. policy show prints the policy in force (the defaults, or --policy FILE merged over them) as JSON.',
  ],
  run: async (values, context) => {
    const [action, file, ...rest] = context.positionals;
    if (action === 'check' && file !== undefined && rest.length === 0) return check(file, values, context);
    if (action === 'show' && file === undefined) return show(values, context);
    throw new UsageError('policy takes an action: policy check FILE, or policy show [--policy FILE]');
  },
};

async function check(file: string, values: Values, context: CommandContext): Promise<void> {
  const problems = await policyProblems(parsePolicyFile(file, readFlagFile(context.readText, 'the policy file', file)));
  context.write(policyReport(file, problems, formatOf(values)));
  if (problems.length > 0) throw new UsageError(`${file}: ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}`);
}

/** What `policy check` prints: each problem as `path: message`, or the JSON report. */
function policyReport(file: string, problems: readonly PolicyProblem[], format: 'table' | 'json'): string {
  if (format === 'json') return `${JSON.stringify({ file, valid: problems.length === 0, problems }, null, 2)}\n`;
  return problems.length === 0
    ? `${file}: a valid policy\n`
    : `${problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n')}\n`;
}

function show(values: Values, context: CommandContext): void {
  const policy = policyOf(values, context.readText) ?? defaultPolicy;
  context.write(`${JSON.stringify(policy, null, 2)}\n`);
}

/** One problem of a policy file: where, what, and the library's code when it has one. */
interface PolicyProblem {
  readonly path: string;
  readonly message: string;
  readonly code?: string;
}

/**
 * Every problem of policy overrides: the schema's, one per path, then each of
 * definePolicy's at a path the schema did not name. ajv and the schema are loaded only
 * here, so no other command pays for them at start-up.
 */
async function policyProblems(overrides: unknown): Promise<PolicyProblem[]> {
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
    if (!(error instanceof PolicyError)) throw error;
    // Every problem definePolicy found (a PolicyError lists them all), where the schema found none.
    for (const { path, message, code } of error.problems)
      if (!byPath.has(path)) byPath.set(path, { path, message: message.slice(path.length + 2), code });
  }
  return [...byPath.values()];
}

function schemaProblem(error: ErrorObject): PolicyProblem {
  const base = `policy${error.instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('')}`;
  // ajv names the field in the params of these two keywords, and (verbose) always gives the parent schema.
  const params = error.params as { additionalProperty: string; missingProperty: string };
  if (error.keyword === 'additionalProperties')
    return { path: `${base}.${params.additionalProperty}`, message: 'this is not a policy field (check its spelling)' };
  if (error.keyword === 'required') return { path: `${base}.${params.missingProperty}`, message: 'this field is required' };
  const description = (error.parentSchema as { description?: unknown }).description;
  const message =
    error.keyword === 'oneOf' && typeof description === 'string'
      ? `expected ${description.charAt(0).toLowerCase()}${description.slice(1)}`
      : (error.message ?? 'is not valid');
  return { path: base, message };
}

/** The JSON of a policy file; not JSON is a usage error. */
function parsePolicyFile(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}
