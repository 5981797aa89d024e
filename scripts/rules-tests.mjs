// Rewrites each rule's "Code:" and "Tests:" lines in docs/rules.md: Code lists the files
// under src/ that name the rule's id, Tests the test files with a title that names it, the
// same way test/docs/rules.test.ts checks them. Usage: node scripts/rules-tests.mjs
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';

const ID = /R-[A-Z]+-\d+/g;
const TITLE = /\b(?:it|test|describe)(?:\.\w+)*(?:\.each\([\s\S]*?\))?\(\s*(['"`])((?:\\.|(?!\1)[\s\S])*)\1/g;
const filesUnder = (folder) =>
  readdirSync(folder).flatMap((name) => {
    const path = `${folder}/${name}`;
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
const testedIn = new Map();
for (const file of filesUnder('test')
  .filter((path) => path.endsWith('.test.ts'))
  .sort()) {
  const named = new Set();
  for (const [, , title] of readFileSync(file, 'utf8').matchAll(TITLE)) for (const id of title.match(ID) ?? []) named.add(id);
  for (const id of named) testedIn.set(id, [...(testedIn.get(id) ?? []), file]);
}
const codeIn = new Map();
for (const file of filesUnder('src').sort()) {
  for (const id of new Set(readFileSync(file, 'utf8').match(ID) ?? [])) codeIn.set(id, [...(codeIn.get(id) ?? []), file]);
}
const listed = (files, none) => (files === undefined ? none : files.map((file) => `\`${file}\``).join(', '));
const page = readFileSync('docs/rules.md', 'utf8');
const sections = page.split(/^### /m);
const rewritten = sections.map((section, index) => {
  if (index === 0) return section;
  const id = section.slice(0, section.indexOf('\n')).trim();
  const code = `Code: ${listed(codeIn.get(id), 'none yet')}`;
  const tests = `Tests: ${listed(testedIn.get(id), 'none yet (pending)')}`;
  const withCode = /^Code: .*$/m.test(section) ? section.replace(/^Code: .*$/m, code) : section.replace(/^Tests: /m, `${code}\n\nTests: `);
  return withCode.replace(/^Tests: .*$/m, tests);
});
writeFileSync('docs/rules.md', rewritten.join('### '));
