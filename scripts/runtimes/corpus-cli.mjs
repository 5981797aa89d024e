// Answers the conformance corpus in whatever runtime runs this file (Node, Bun or Deno) and
// writes the report as JSON to the path given: `<runtime> scripts/runtimes/corpus-cli.mjs OUT`.
// It imports the package's public entry, the built dist/index.js, as a consumer would.
import { writeFileSync } from 'node:fs';
import process from 'node:process';
import * as lib from '../../dist/index.js';
import { conformanceReport } from '../../test/runtimes/corpus.mjs';

const out = process.argv[2];
if (out === undefined) {
  console.error('usage: <runtime> scripts/runtimes/corpus-cli.mjs OUT.json');
  process.exit(2);
}
writeFileSync(out, JSON.stringify(conformanceReport(lib)));
