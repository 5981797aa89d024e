/**
 * End-to-end: builds examples/pricing-widget with Vite against the built package, serves it
 * on 127.0.0.1 and drives it in Debian's headless Chromium through playwright-core. The
 * browser runs in Asia/Tokyo on purpose: every figure must follow the policy's zone, never
 * the browser's. Expected figures are worked out by hand from SPEC.md, not by the library.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const BROWSER_TIME_ZONE = 'Asia/Tokyo';
const root = fileURLToPath(new URL('../../', import.meta.url));
const widget = join(root, 'examples/pricing-widget');
const hasChromium = existsSync(CHROMIUM);

describe.skipIf(!hasChromium)(
  hasChromium
    ? 'pricing widget in headless Chromium'
    : `pricing widget in headless Chromium — SKIPPED: ${CHROMIUM} is missing (CI installs it: apt-get install -y chromium)`,
  () => {
    let server: Server | undefined;
    let context: BrowserContext | undefined;
    let page: Page;
    let origin = '';
    let userDataDir = '';
    const pageErrors: string[] = [];

    beforeAll(async () => {
      const library = join(root, 'dist/index.js');
      if (!existsSync(library)) {
        await promisify(execFile)('npx', ['tsup'], { cwd: root });
      } else if (newestMtime(join(root, 'src')) > statSync(library).mtimeMs) {
        // Not rebuilt here: tsup cleans dist/, which other test files (the CLI's) run from in parallel.
        console.warn('pricing widget e2e: dist/index.js is older than src/; it tests the old build (run `npm run build`)');
      }
      await build({ configFile: join(widget, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
      server = await serve(join(widget, 'dist'));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      userDataDir = mkdtempSync(join(tmpdir(), 'pricing-widget-chromium-'));
      context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        timezoneId: BROWSER_TIME_ZONE,
        locale: 'en-US',
        viewport: { width: 900, height: 1100 },
      });
      page = context.pages()[0] ?? (await context.newPage());
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') pageErrors.push(message.text());
      });
    }, 120_000);

    afterEach(() => {
      expect(pageErrors, 'the page logged errors').toEqual([]);
    });

    afterAll(async () => {
      await context?.close();
      await new Promise<void>((done) => (server === undefined ? done() : server.close(() => done())));
      if (userDataDir !== '') rmSync(userDataDir, { recursive: true, force: true });
    });

    /** Opens the widget with its inputs pinned by the query string. */
    async function open(params: Record<string, string>): Promise<void> {
      await page.goto(`${origin}/?${new URLSearchParams(params).toString()}`);
    }

    /** The text of an output, with Intl's non-breaking spaces made plain. */
    async function read(testId: string): Promise<string> {
      const content = await page.getByTestId(testId).first().textContent();
      return (content ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();
    }

    async function readAll(testIds: readonly string[]): Promise<Record<string, string>> {
      const entries = await Promise.all(testIds.map(async (testId) => [testId, await read(testId)] as const));
      return Object.fromEntries(entries);
    }

    it('R-FEE-4 shows recovery for $300 expired 2026-03-08, 45 days late: fee $230.00 = $50.00 + 45 × $4.00, total $530.00', async () => {
      await open({ now: '2026-04-22T12:00:00-04:00' });
      await page.getByTestId('amount').fill('300.00');
      await page.getByTestId('expiration-input').fill('2026-03-08');
      await page.getByTestId('policy').selectOption('new-york');

      expect(
        await readAll([
          'phase',
          'access',
          'days-label',
          'days',
          'fee-kind',
          'working-invoice',
          'working-rate',
          'working-percentage-fee',
          'working-minimum',
          'working-minimum-applied',
          'working-days',
          'working-daily-rate',
          'working-daily-charge',
          'fee',
          'total',
        ]),
      ).toEqual({
        phase: 'deleted',
        access: 'none',
        'days-label': 'Days past expiry',
        days: '45',
        'fee-kind': 'recovery',
        'working-invoice': '$300.00',
        'working-rate': '15%',
        'working-percentage-fee': '$45.00',
        'working-minimum': '$50.00',
        'working-minimum-applied': 'yes',
        'working-days': '45',
        'working-daily-rate': '$4.00',
        'working-daily-charge': '$180.00',
        fee: '$230.00',
        total: '$530.00',
      });
      await expect.poll(() => page.getByTestId('working-daily-charge').isVisible()).toBe(true);
      // In recovery the fee rises by the daily rate at the next New York midnight (EDT, UTC−4).
      expect(await read('next-increase')).toBe('2026-04-23 00:00');
      expect(await page.getByTestId('next-increase').getAttribute('datetime')).toBe('2026-04-23T04:00:00.000Z');
      expect(await read('next-fee')).toBe('$234.00');
      expect(await read('reminders-count')).toBe('0');
      expect(await page.getByTestId('error').isVisible()).toBe(false);
      if (process.env.WIDGET_SCREENSHOT !== undefined) await page.screenshot({ path: process.env.WIDGET_SCREENSHOT, fullPage: true });
    });

    it('R-FEE-1 shows a $30.00 reactivation fee 2 days late (10 % of $300 is above the $25.00 minimum) and the day-7 rise to $50.00', async () => {
      await open({ now: '2026-03-12T12:00:00-04:00', expires: '2026-03-10', amount: '300.00' });

      expect(
        await readAll([
          'phase',
          'days',
          'fee-kind',
          'working-rate',
          'working-percentage-fee',
          'working-minimum',
          'working-minimum-applied',
          'fee',
          'total',
        ]),
      ).toEqual({
        phase: 'expired',
        days: '2',
        'fee-kind': 'reactivation',
        'working-rate': '10%',
        'working-percentage-fee': '$30.00',
        'working-minimum': '$25.00',
        'working-minimum-applied': 'no',
        fee: '$30.00',
        total: '$330.00',
      });
      expect(await page.getByTestId('working-daily-charge').isVisible()).toBe(false);
      // R-TZ-2: expired at 23:59:59 New York time on the expiration date (EDT since 2026-03-08).
      expect(await read('expires-at')).toBe('2026-03-10 23:59:59');
      expect(await page.getByTestId('expires-at').getAttribute('datetime')).toBe('2026-03-11T03:59:59.000Z');
      // Day 7 (2026-03-17) starts the 15 % tier: max($45.00, $50.00).
      expect(await read('next-increase')).toBe('2026-03-17 00:00');
      expect(await page.getByTestId('next-increase').getAttribute('datetime')).toBe('2026-03-17T04:00:00.000Z');
      expect(await read('next-fee')).toBe('$50.00');
    });

    it('R-POL-2 R-TZ-1 counts days, dates and euros on the Berlin clock with a Europe/Berlin policy', async () => {
      // 2026-03-16 20:00 in New York is already 2026-03-17 01:00 in Berlin: day 7 there, day 6 in New York.
      await open({ now: '2026-03-16T20:00:00-04:00', expires: '2026-03-10', amount: '300.00', policy: 'berlin' });

      expect(
        await readAll([
          'time-zone',
          'currency',
          'now-local',
          'expires-at',
          'phase',
          'days',
          'fee-kind',
          'working-percentage-fee',
          'working-minimum',
          'working-minimum-applied',
          'fee',
          'total',
        ]),
      ).toEqual({
        'time-zone': 'Europe/Berlin',
        currency: 'EUR',
        'now-local': '2026-03-17 01:00',
        'expires-at': '2026-03-10 23:59:59',
        phase: 'expired',
        days: '7',
        'fee-kind': 'reactivation',
        'working-percentage-fee': '€45.00',
        'working-minimum': '€50.00',
        'working-minimum-applied': 'yes',
        fee: '€50.00',
        total: '€350.00',
      });
      expect(await page.getByTestId('expires-at').getAttribute('datetime')).toBe('2026-03-10T22:59:59.000Z');
      // Data is deleted at the start of day 15 in Berlin (CET, UTC+1): recovery then costs €50.00 + 15 × €4.00.
      expect(await read('next-increase')).toBe('2026-03-25 00:00');
      expect(await page.getByTestId('next-increase').getAttribute('datetime')).toBe('2026-03-24T23:00:00.000Z');
      expect(await read('next-fee')).toBe('€110.00');

      await page.getByTestId('locale').selectOption('de-DE');
      expect(await readAll(['fee', 'total', 'working-rate'])).toEqual({ fee: '50,00 €', total: '350,00 €', 'working-rate': '15 %' });

      // The same instant on the New York policy is only day 6: the 10 % tier in dollars.
      await page.getByTestId('locale').selectOption('en-US');
      await page.getByTestId('policy').selectOption('new-york');
      expect(await readAll(['time-zone', 'now-local', 'days', 'fee', 'total'])).toEqual({
        'time-zone': 'America/New_York',
        'now-local': '2026-03-16 20:00',
        days: '6',
        fee: '$30.00',
        total: '$330.00',
      });
    });

    it('R-RM-1 R-RM-2 R-RM-4 lists the 16 reminders still to come 9 days before expiry, and when a fee starts', async () => {
      await open({ now: '2026-04-22T12:00:00-04:00', expires: '2026-05-01', amount: '300.00' });

      expect(await readAll(['phase', 'days-label', 'days', 'fee-kind', 'next-increase-label', 'next-increase', 'next-fee'])).toEqual({
        phase: 'renewal-due',
        'days-label': 'Days until expiry',
        days: '9',
        'fee-kind': 'none',
        'next-increase-label': 'A fee applies from',
        'next-increase': '2026-05-01 23:59:59',
        'next-fee': '$30.00',
      });
      // Email daily from 7 days before (04-24 … 05-01: 8), sms and phone daily from 3 days before (4 each).
      expect(await read('reminders-count')).toBe('16');
      const reminders = (await page.getByTestId('reminder').allTextContents()).map((line) => line.trim());
      expect(reminders).toHaveLength(16);
      expect(reminders[0]).toBe('2026-04-24 09:00 email · daily · 7 days before');
      expect(reminders.slice(-3)).toEqual([
        '2026-05-01 09:00 email · daily · on the expiration date',
        '2026-05-01 10:00 sms · daily · on the expiration date',
        '2026-05-01 11:00 phone · daily · on the expiration date',
      ]);
      expect(reminders.filter((line) => line.includes(' email ')).length).toBe(8);
    });

    it('R-TZ-1 reads the Now input on the browser’s own clock (Tokyo here) and computes on the policy’s', async () => {
      await open({ expires: '2026-03-08', amount: '300.00' });
      // 2026-04-23 01:00 in Tokyo is 2026-04-22 12:00 in New York: 45 days past expiry there.
      await page.getByTestId('now-input').fill('2026-04-23T01:00:00');
      expect(await readAll(['now-local', 'days', 'fee', 'total'])).toEqual({
        'now-local': '2026-04-22 12:00',
        days: '45',
        fee: '$230.00',
        total: '$530.00',
      });
    });

    it('R-IN-3 R-IN-4 shows the error code, path and message for an amount with too many decimals, and recovers', async () => {
      await open({ now: '2026-04-22T12:00:00-04:00', expires: '2026-03-08', amount: '300.00' });
      await page.getByTestId('amount').fill('0.1234');

      expect(await page.getByTestId('error').isVisible()).toBe(true);
      expect(await page.getByTestId('results').isVisible()).toBe(false);
      expect(await readAll(['error-code', 'error-path'])).toEqual({
        'error-code': 'too-many-fraction-digits',
        'error-path': 'subscription.invoiceAmount',
      });
      expect(await read('error-message')).toContain('round it first');

      await page.getByTestId('amount').fill('300.00');
      expect(await page.getByTestId('error').isVisible()).toBe(false);
      expect(await read('fee')).toBe('$230.00');
    });

    it('R-IN-2 reports a ?now= without an offset as ambiguous, at path now', async () => {
      await open({ now: '2026-04-22T12:00:00', expires: '2026-03-08', amount: '300.00' });
      expect(await readAll(['error-code', 'error-path'])).toEqual({ 'error-code': 'ambiguous-instant', 'error-path': 'now' });
    });
  },
);

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** A tiny static server for the built widget, on an ephemeral port of 127.0.0.1. */
function serve(directory: string): Promise<Server> {
  const base = resolve(directory);
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = resolve(base, `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`);
    if (file !== base && !file.startsWith(base + sep)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end('not found'),
    );
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done(server));
  });
}

/** The latest modification time of any file under `directory`. */
function newestMtime(directory: string): number {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((newest, entry) => Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs), 0);
}
