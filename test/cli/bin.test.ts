import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The real executable's wiring (`npm test` builds first): exit codes, standard input, files,
 * the V8 flag it sets, and a reader that closes the pipe. Behaviour is tested in process.
 */
const CLI = join(__dirname, '../../dist/cli.cjs');
const NOW = ['--now', '2026-03-20T12:00:00Z'];
let scratch = '';

function cli(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, TZ: process.env.TZ ?? 'UTC' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'subscription-expiry-bin-'));
});

/** A policy file in the scratch folder. */
function policyFile(name: string, content: unknown): string {
  const path = join(scratch, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('the subscription-expiry executable', () => {
  it('exits 0 with an answer, 2 on a usage error, 2 on bad input', () => {
    const ok = cli(['quote', '--expires', '2026-03-08', '--invoice', '300', '--now', '2026-04-22T12:00:00-04:00']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^fee\s+\$230\.00$/m);
    expect(cli(['status', '--expires', '2026-03-08', '--bogus']).code).toBe(2);
    expect(cli(['demo', '--policy', join(scratch, 'missing.json')]).code).toBe(2);
    expect(cli(['status', '--expires', '2026-02-30', ...NOW]).stderr).toContain('[invalid-date] subscription.expirationDate');
  });

  it('batch reads standard input and FILE arguments; exit 1 when a line failed; stderr is exactly the summary (the V8 flag is known)', () => {
    const good = JSON.stringify({ id: 'a', expirationDate: '2026-03-08', invoiceAmount: '300.00' });
    const fromStdin = cli(['batch', ...NOW], `${good}\n{ not json\n`);
    expect(fromStdin.code).toBe(1);
    expect(
      fromStdin.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).ok),
    ).toEqual([true, false]);
    expect(fromStdin.stderr).toBe('batch: 2 lines read, 1 ok, 1 failed\n');
    const path = join(scratch, 'subs.csv');
    writeFileSync(path, `\ufeffid,expirationDate,invoiceAmount\nb,2026-03-08,300.00\n`);
    const fromFile = cli(['batch', path, '-', ...NOW], `${good}\n`);
    expect(fromFile.code).toBe(0);
    expect(
      fromFile.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).file),
    ).toEqual([path, '<stdin>']);
    expect(fromFile.stderr).toBe('batch: 2 lines read, 2 ok, 0 failed\n');
  });

  it('batch big.ndjson | head -1: a reader that closes the pipe ends the run quietly, status 141', async () => {
    const path = join(scratch, 'big.ndjson');
    writeFileSync(
      path,
      Array.from({ length: 200_000 }, (_, i) =>
        JSON.stringify({ id: `s${i}`, expirationDate: '2026-03-08', invoiceAmount: '300.00' }),
      ).join('\n'),
    );
    const child = spawn(process.execPath, [CLI, 'batch', path, ...NOW], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Like `head -1`: take the first chunk, then close the pipe.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)));
    expect(stderr).toBe('');
    expect(code).toBe(141);
  });
  it('R-POL-1 is wired into the built tool: exit 0 for a valid file, 2 with every problem for an invalid one', () => {
    const bin = CLI;
    const ok = spawnSync(process.execPath, [bin, 'policy', 'check', policyFile('ok.json', { deletionDay: 20 })], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    const bad = policyFile('bad-fields.json', { deletionDays: 20, currency: 'UDS' });
    const failed = spawnSync(process.execPath, [bin, 'policy', 'check', bad], { encoding: 'utf8' });
    expect([failed.status, failed.stdout.split('\n').filter(Boolean).length, failed.stderr]).toEqual([
      2,
      2,
      `subscription-expiry: ${bad}: 2 problems\n`,
    ]);
  });

  it.runIf(existsSync('/dev/full'))(
    '> /dev/full: every command, help and --version exit 2 with one line, not 0 with the output lost',
    () => {
      const runs = [
        ['quote', '--expires', '2026-03-08', '--invoice', '300', ...NOW],
        ['demo'],
        ['--help'],
        ['status', '--help'],
        ['--version'],
        ['policy', 'show'],
        ['batch', ...NOW],
      ];
      for (const args of runs) {
        const full = openSync('/dev/full', 'w');
        try {
          const result = spawnSync(process.execPath, [CLI, ...args], {
            input: '{"expirationDate":"2026-03-08"}\n',
            stdio: ['pipe', full, 'pipe'],
            encoding: 'utf8',
          });
          expect([args[0], result.status, result.stderr]).toEqual([args[0], 2, 'subscription-expiry: cannot write the output: ENOSPC\n']);
        } finally {
          closeSync(full);
        }
      }
    },
  );

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s during batch into a slowly read pipe: every record written is whole, exit %i', async (signal, status) => {
    const path = join(scratch, 'signal.ndjson');
    if (!existsSync(path))
      writeFileSync(
        path,
        Array.from({ length: 300_000 }, (_, i) =>
          JSON.stringify({ id: `s${i}`, expirationDate: '2026-03-08', invoiceAmount: '300.00' }),
        ).join('\n'),
      );
    const child = spawn(process.execPath, [CLI, 'batch', path, ...NOW], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const chunks: Buffer[] = [];
    // A slow reader: take one chunk, pause while the signal arrives, then read everything.
    await new Promise<void>((resolve) =>
      child.stdout.once('data', (chunk: Buffer) => {
        chunks.push(chunk);
        child.stdout.pause();
        resolve();
      }),
    );
    child.kill(signal);
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.on('close', (exit) => resolve(exit)));
    const text = Buffer.concat(chunks).toString('utf8');
    expect(code).toBe(status);
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n');
    expect(lines.length).toBeLessThan(300_000);
    // Every record is whole JSON, in order, with no gap.
    expect(lines.map((line) => (JSON.parse(line) as { line: number }).line)).toEqual(lines.map((_, i) => i + 1));
    expect(stderr).toBe(`batch: stopped by ${signal} after ${lines.length} lines read, ${lines.length} ok, 0 failed\n`);
  });
});
