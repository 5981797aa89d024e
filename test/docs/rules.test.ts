import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * docs/rules.md is the map from a rule id to its rule and to the tests that prove it. This
 * keeps the map true while code and tests move: every id used in src/, test/, docs/ or the
 * README is defined there, every rule has a test whose title names it, each rule's "Code:"
 * line lists the source files that name its id, and its "Tests:" line lists exactly the
 * test files whose titles name its id. `node scripts/rules-tests.mjs` rewrites both lines.
 */

/** Rules whose tests are still to be written; docs/rules.md says "none yet (pending)" for them. */
const PENDING: string[] = [];

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ID = /R-[A-Z]+-\d+/g;
/** The title of an `it`, `test` or `describe` call (`.each(...)`, `.skip` and the like included). */
const TITLE = /\b(?:it|test|describe)(?:\.\w+)*(?:\.each\([\s\S]*?\))?\(\s*(['"`])((?:\\.|(?!\1)[\s\S])*)\1/g;

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const filesUnder = (folder: string): string[] =>
  readdirSync(join(ROOT, folder)).flatMap((name) => {
    const path = `${folder}/${name}`;
    return statSync(join(ROOT, path)).isDirectory() ? filesUnder(path) : [path];
  });
const idsIn = (text: string) => new Set(text.match(ID) ?? []);

/** Each `### R-…` section of docs/rules.md, with its "Tests:" and "Code:" lines. */
const rules = new Map<string, string>();
const codeLines = new Map<string, string>();
for (const section of read('docs/rules.md').split(/^### /m).slice(1)) {
  const id = section.slice(0, section.indexOf('\n')).trim();
  rules.set(id, /^Tests: (.*)$/m.exec(section)?.[1] ?? '');
  codeLines.set(id, /^Code: (.*)$/m.exec(section)?.[1] ?? '');
}

/** For each id, the files under src/ that name it (in a comment or a message). */
const codeIn = new Map<string, string[]>();
for (const file of filesUnder('src').sort()) {
  for (const id of idsIn(read(file))) codeIn.set(id, [...(codeIn.get(id) ?? []), file]);
}
const expectedCodeLine = (id: string) => (codeIn.get(id) ?? []).map((file) => `\`${file}\``).join(', ');

/** For each id, the test files with a test whose title names it. */
const testedIn = new Map<string, string[]>();
for (const file of filesUnder('test')
  .filter((path) => path.endsWith('.test.ts'))
  .sort()) {
  const named = new Set<string>();
  for (const [, , title] of read(file).matchAll(TITLE)) for (const id of idsIn(title ?? '')) named.add(id);
  for (const id of named) testedIn.set(id, [...(testedIn.get(id) ?? []), file]);
}

const expectedTestsLine = (id: string) =>
  testedIn.has(id) ? (testedIn.get(id) ?? []).map((file) => `\`${file}\``).join(', ') : 'none yet (pending)';

describe('docs/rules.md', () => {
  it('defines every rule id that src/, test/, docs/ and the README use', () => {
    const files = [...filesUnder('src'), ...filesUnder('test'), ...filesUnder('docs'), 'README.md'];
    const undefinedIds = files.flatMap((file) => [...idsIn(read(file))].filter((id) => !rules.has(id)).map((id) => `${id} (${file})`));
    expect(undefinedIds).toEqual([]);
  });

  it('has a test whose title names each rule, except the few listed as pending', () => {
    const untested = [...rules.keys()].filter((id) => !testedIn.has(id));
    expect(untested.sort()).toEqual([...PENDING].sort());
  });

  it('lists, under each rule, the source files that implement it (those naming its id), and every rule has one', () => {
    expect([...rules.keys()].filter((id) => !codeIn.has(id))).toEqual([]);
    const wrong = [...codeLines]
      .filter(([id, line]) => line !== expectedCodeLine(id))
      .map(([id]) => `### ${id}\nCode: ${expectedCodeLine(id)}`);
    expect(wrong).toEqual([]);
  });

  it('lists, under each rule, exactly the test files whose titles name it', () => {
    const wrong = [...rules]
      .filter(([id, line]) => line !== expectedTestsLine(id))
      .map(([id]) => `### ${id}\nTests: ${expectedTestsLine(id)}`);
    expect(wrong).toEqual([]);
  });
});

describe('the public TSDoc', () => {
  it('speaks to users: the built declarations (dist/index.d.ts) name no rule id, seed or SPEC section', () => {
    // `npm test` builds dist/ first; the ids stay in tests, docs/rules.md and internal comments.
    const internalWords = read('dist/index.d.ts')
      .split('\n')
      .filter((line) => /R-[A-Z]+-\d|\bseeds?\b|SPEC/.test(line));
    expect(internalWords).toEqual([]);
  });
});
