import { mkdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The README's "Three ways to use it" examples are code, so they are tested as code:
 * each ```ts block under that heading is written to `test/.readme-tmp/<pid>/` with its
 * `'subscription-expiry'` import pointed at `src/index.ts`, type-checked with the
 * project's strict compiler options, then imported (vitest compiles it). Its own
 * `node:assert/strict` calls check its figures; a failing one fails the import.
 */

const README = fileURLToPath(new URL('../README.md', import.meta.url));
const ENTRY = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const TMP_ROOT = fileURLToPath(new URL('./.readme-tmp/', import.meta.url));
// One folder per process, so runs in parallel (say, under several TZs) never share files.
const TMP = `${TMP_ROOT}${process.pid}/`;
const HEADING = '## Three ways to use it';
const PACKAGE_IMPORT = /from 'subscription-expiry'/g;

/** The ```ts blocks between `heading` and the next `## ` heading. */
function tsBlocksUnder(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start === -1) return [];
  const rest = markdown.slice(start + heading.length + 2);
  const end = rest.search(/^## /m);
  const section = end === -1 ? rest : rest.slice(0, end);
  return [...section.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] as string);
}

const blocks = tsBlocksUnder(readFileSync(README, 'utf8'), HEADING);
const names = ['service', 'widget', 'billing-script'] as const;
const files = names.map((name) => `${TMP}${name}.ts`);
let diagnostics = new Map<string, string[]>();

beforeAll(() => {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
  blocks.forEach((block, index) => {
    writeFileSync(files[index] ?? `${TMP}extra-${index}.ts`, block.replace(PACKAGE_IMPORT, `from '${ENTRY}'`));
  });
  diagnostics = typeCheck(files.slice(0, blocks.length));
});

afterAll(() => {
  rmSync(TMP, { recursive: true, force: true });
  try {
    rmdirSync(TMP_ROOT); // only once no other run still uses it
  } catch {
    // another run's folder is still there; that run removes the root
  }
});

/** Type errors per file, compiled with tsconfig.json's options (strict, exactOptionalPropertyTypes, …). */
function typeCheck(paths: string[]): Map<string, string[]> {
  const configPath = fileURLToPath(new URL('../tsconfig.json', import.meta.url));
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (config === undefined) throw new Error('tsconfig.json could not be read');
  // The rewritten import names src/index.ts itself.
  const program = ts.createProgram(paths, { ...config.options, noEmit: true, allowImportingTsExtensions: true });
  const result = new Map<string, string[]>(paths.map((path) => [path, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file?.fileName;
    const key = paths.find((path) => path === file) ?? '(program)';
    result.set(key, [...(result.get(key) ?? []), ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')]);
  }
  return result;
}

/** Type-checks and runs the README example at `index`; its asserts throw on a wrong figure. */
async function runExample(index: number): Promise<void> {
  const block = blocks[index] as string;
  expect(block.match(PACKAGE_IMPORT)?.length, 'the example imports the package by its published name').toBe(1);
  const file = files[index] as string;
  expect([...(diagnostics.get(file) ?? []), ...(diagnostics.get('(program)') ?? [])]).toEqual([]);
  await expect(import(/* @vite-ignore */ file)).resolves.toBeDefined();
}

describe('README: three ways to use it', () => {
  it('R-ST-4 R-FEE-4 the README has exactly the three examples: service, widget, billing script', () => {
    expect(blocks).toHaveLength(3);
  });

  it('R-ST-4 R-FEE-4 README service example runs: an administrator may change settings before expiry, nobody after; $50.00 at 9 days, $230.00 at 45', async () => {
    expect(blocks[0]).toContain("'230.00'");
    await runExample(0);
  });

  it('R-FEE-4 R-FEE-3 README widget example runs and prints 230,00 € for €300, 45 days late under a Berlin policy', async () => {
    expect(blocks[1]).toContain("timeZone: 'Europe/Berlin'");
    expect(blocks[1]).toContain('230,00');
    await runExample(1);
  });

  it('R-RM-4 R-RM-3 README billing-script example runs: [from, to) windows meet, keys make a re-run send nothing twice', async () => {
    expect(blocks[2]).toContain('getRemindersDue');
    await runExample(2);
  });
});
