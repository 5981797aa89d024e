// Rewrites each "Tests:" line of docs/rules.md from the test titles that name the rule's id,
// the same way test/docs/rules.test.ts checks them. Usage: node scripts/rules-tests.mjs
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
const page = readFileSync('docs/rules.md', 'utf8');
const sections = page.split(/^### /m);
const rewritten = sections.map((section, index) => {
  if (index === 0) return section;
  const id = section.slice(0, section.indexOf('\n')).trim();
  const files = testedIn.get(id);
  const line = files === undefined ? 'none yet (pending)' : files.map((file) => `\`${file}\``).join(', ');
  return section.replace(/^Tests: .*$/m, `Tests: ${line}`);
});
writeFileSync('docs/rules.md', rewritten.join('### '));
