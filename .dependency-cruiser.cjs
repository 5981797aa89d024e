/**
 * The library's layers, checked by dependency-cruiser (`npm run check:layers`, run in .ci/run).
 * docs/architecture.md draws the same map in prose. Each rule names what may not be imported;
 * a layer may import its own folder and every layer below it:
 *
 *   cli/                      the command-line tool: index.ts and internal.ts only
 *   index.ts, internal.ts     the doors' re-exports
 *   timeline/                 composes the lifecycle, the reminders and the fee terms
 *   reminders/ fees/ extensions/   one rule family each; never each other
 *   lifecycle/                boundaries, phases, status, capabilities, supported range
 *   policy/                   validation and the compiled policy
 *   input/                    reading and checking what callers pass
 *   clock/ money/ errors.ts results.ts memo.ts   the foundation: no rule knowledge
 */
const FOUNDATION = '^src/(clock/|money/|errors\\.ts$|results\\.ts$|memo\\.ts$)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Modules import each other in one direction only.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'library-not-cli',
      severity: 'error',
      comment: 'The library never depends on its command-line tool.',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'library-pure',
      severity: 'error',
      comment: 'The library is pure: no Node built-ins outside the command-line tool.',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'cli-through-doors',
      severity: 'error',
      comment: 'The CLI reaches the library through index.ts (public) and internal.ts (its parsed-value doors) only.',
      from: { path: '^src/cli/' },
      to: { path: '^src/', pathNot: ['^src/cli/', '^src/index\\.ts$', '^src/internal\\.ts$'] },
    },
    {
      name: 'only-cli-uses-internal',
      severity: 'error',
      comment: 'internal.ts exists for the CLI; library modules import the module itself.',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/internal\\.ts$' },
    },
    {
      name: 'nothing-imports-index',
      severity: 'error',
      comment: 'index.ts is the public door; library modules never import through it.',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/index\\.ts$' },
    },
    {
      name: 'foundation-knows-no-rules',
      severity: 'error',
      comment: 'clock/, money/, errors, results and memo know nothing of input, policy or any rule.',
      from: { path: FOUNDATION },
      to: { path: '^src/', pathNot: FOUNDATION },
    },
    {
      name: 'input-below-policy',
      severity: 'error',
      comment: 'input/ reads what callers pass; it knows no policy and no rule.',
      from: { path: '^src/input/' },
      to: { path: '^src/(policy|lifecycle|reminders|fees|extensions|timeline)/' },
    },
    {
      name: 'policy-below-rules',
      severity: 'error',
      comment: 'policy/ validates and compiles a policy; it knows no rule that applies one.',
      from: { path: '^src/policy/' },
      to: { path: '^src/(lifecycle|reminders|fees|extensions|timeline)/' },
    },
    {
      name: 'lifecycle-below-rule-families',
      severity: 'error',
      comment: 'lifecycle/ is what reminders, fees and extensions build on; it never climbs back up to them.',
      from: { path: '^src/lifecycle/' },
      to: { path: '^src/(reminders|fees|extensions|timeline)/' },
    },
    {
      name: 'rule-families-apart',
      severity: 'error',
      comment: 'reminders/, fees/ and extensions/ never import each other nor the timeline; what they share lives lower.',
      from: { path: '^src/(reminders|fees|extensions)/' },
      to: { path: '^src/(reminders|fees|extensions|timeline)/', pathNot: '^src/$1/' },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'Every library module is reachable from something.',
      from: { orphan: true, path: '^src/' },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
