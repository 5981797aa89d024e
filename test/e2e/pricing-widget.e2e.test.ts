/**
 * End-to-end: builds examples/pricing-widget with Vite against the built package, serves it
 * on 127.0.0.1 and uses it as a customer would in Debian's headless Chromium and Firefox ESR,
 * both driven by puppeteer-core (Firefox over WebDriver BiDi). The browsers run in Asia/Tokyo
 * on purpose: every figure must follow the policy's zone, never the browser's. Expected
 * figures are worked out by hand from SPEC.md, not by the library. axe-core checks each view
 * for accessibility violations (zero allowed); screenshots at 390 and 1200 px go to
 * reports/widget/ for review.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import axe from 'axe-core';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const BROWSERS = [
  {
    name: 'Chromium',
    browser: 'chrome',
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
  { name: 'Firefox ESR', browser: 'firefox', executablePath: '/usr/bin/firefox-esr', args: [] },
] as const;
const BROWSER_TIME_ZONE = 'Asia/Tokyo';
const root = fileURLToPath(new URL('../../', import.meta.url));
const widget = join(root, 'examples/pricing-widget');
const screenshots = join(root, 'reports/widget');

/** Words of the library meant for developers, which a customer must never see. */
const DEVELOPER_WORDS = [
  'renewal-due',
  'read-only',
  'unrecoverable',
  'subscription.',
  'invoiceAmount',
  'NaN',
  'invalid-',
  'Fee none',
  'undefined',
];

let origin = '';
let server: Server | undefined;

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
  mkdirSync(screenshots, { recursive: true });
}, 120_000);

afterAll(async () => {
  await new Promise<void>((done) => (server === undefined ? done() : server.close(() => done())));
});

describe.each(BROWSERS)('pricing widget in headless $name', (spec) => {
  const present = existsSync(spec.executablePath);
  let browser: Browser | undefined;
  let page: Page;
  let profile = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!present) return;
    profile = mkdtempSync(join(tmpdir(), 'pricing-widget-browser-'));
    browser = await puppeteer.launch({
      browser: spec.browser,
      executablePath: spec.executablePath,
      headless: true,
      args: [...spec.args],
      userDataDir: profile,
      env: { ...process.env, TZ: BROWSER_TIME_ZONE },
      timeout: 60_000,
      protocolTimeout: 60_000,
    });
    page = await browser.newPage();
    await page.setViewport({ width: 900, height: 1100 });
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  }, 120_000);

  afterEach(() => {
    expect(pageErrors, 'the page logged errors').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    if (profile !== '') rmSync(profile, { recursive: true, force: true });
  });

  const test = present ? it : it.skip;
  if (!present) it(`SKIPPED: ${spec.executablePath} is missing (CI installs it: apt-get install -y chromium firefox-esr)`, () => {});

  /** Opens the widget with its inputs pinned by the query string. */
  async function open(params: Record<string, string>): Promise<void> {
    await page.goto(`${origin}/?${new URLSearchParams(params).toString()}`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelector('[data-testid="time-zone"]')?.textContent !== '', { timeout: 30_000 });
  }

  /** The text of an output, with Intl's non-breaking spaces made plain. */
  async function read(testId: string): Promise<string> {
    const content = await page.$eval(`[data-testid="${testId}"]`, (element) => element.textContent ?? '');
    return content
      .replace(/[\u00a0\u202f]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  }

  async function readAll(testIds: readonly string[]): Promise<Record<string, string>> {
    const entries: [string, string][] = [];
    for (const testId of testIds) entries.push([testId, await read(testId)]);
    return Object.fromEntries(entries);
  }

  async function visible(testId: string): Promise<boolean> {
    return page.$eval(`[data-testid="${testId}"]`, (element) => element.checkVisibility());
  }

  async function attribute(testId: string, name: string): Promise<string | null> {
    return page.$eval(`[data-testid="${testId}"]`, (element, key) => element.getAttribute(key), name);
  }

  /** Types into a text field as a customer does: select what is there, type over it. */
  async function type(testId: string, value: string): Promise<void> {
    await page.$eval(`[data-testid="${testId}"]`, (element) => {
      (element as HTMLInputElement).focus();
      (element as HTMLInputElement).select();
    });
    if (value === '') await page.keyboard.press('Backspace');
    else await page.keyboard.type(value);
  }

  /** Sets a date or date-time field, whose typing differs between browsers, and fires its input event. */
  async function setField(testId: string, value: string): Promise<void> {
    await page.$eval(
      `[data-testid="${testId}"]`,
      (element, text) => {
        (element as HTMLInputElement).value = text;
        element.dispatchEvent(new Event('input', { bubbles: true }));
      },
      value,
    );
  }

  async function choose(testId: string, value: string): Promise<void> {
    await page.select(`[data-testid="${testId}"]`, value);
  }

  /** axe-core's violations in the page as it is now: rule id and the elements it names. */
  async function axeViolations(): Promise<string[]> {
    await page.addScriptTag({ content: axe.source });
    const result = await page.evaluate(async () => {
      type Rule = { id: string; nodes: { target: unknown[] }[] };
      const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: Rule[]; passes: Rule[] }> } }).axe;
      const { violations, passes } = await axe.run(document);
      return {
        passes: passes.length,
        violations: violations.map(
          (violation) => `${violation.id}: ${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`,
        ),
      };
    });
    expect(result.passes, 'axe-core checked nothing').toBeGreaterThan(10);
    return result.violations;
  }

  async function pageText(): Promise<string> {
    // innerText, not textContent: what is shown, without the hidden rows and messages.
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point
    return page.$eval('body', (body) => body.innerText);
  }

  test('R-FEE-4 shows recovery for $300 expired 2026-03-08, 45 days late, in a customer’s words: fee $230.00 = $50.00 + 45 × $4.00', async () => {
    await open({ now: '2026-04-22T12:00:00-04:00' });
    await type('amount', '300.00');
    await setField('expiration-input', '2026-03-08');
    await choose('policy', 'new-york');

    expect(
      await readAll([
        'phase',
        'access',
        'days-label',
        'days',
        'fee-kind',
        'fee-note',
        'working-invoice',
        'working-rate-label',
        'working-percentage-fee',
        'working-minimum',
        'working-minimum-applied',
        'working-daily-label',
        'working-daily-charge',
        'fee',
        'total',
      ]),
    ).toEqual({
      phase: 'Data deleted',
      access: 'no access',
      'days-label': 'Days since expiry',
      days: '45',
      'fee-kind': 'Data recovery fee',
      'fee-note': 'Your data was deleted; to recover it from backup now, you pay:',
      'working-invoice': '$300.00',
      'working-rate-label': '15% of the invoice',
      'working-percentage-fee': '$45.00',
      'working-minimum': '$50.00',
      'working-minimum-applied': 'yes',
      'working-daily-label': '45 days × $4.00',
      'working-daily-charge': '$180.00',
      fee: '$230.00',
      total: '$530.00',
    });
    expect(await visible('working-daily-charge')).toBe(true);
    // In recovery the fee rises by the daily rate at the next New York midnight (EDT, UTC−4).
    expect(await readAll(['next-increase-label', 'next-increase', 'next-fee'])).toEqual({
      'next-increase-label': 'The fee next rises on',
      'next-increase': '2026-04-23 00:00',
      'next-fee': '$234.00',
    });
    expect(await attribute('next-increase', 'datetime')).toBe('2026-04-23T04:00:00.000Z');
    expect(await read('reminders-count')).toBe('0');
    expect(await visible('error')).toBe(false);
    const text = await pageText();
    for (const word of DEVELOPER_WORDS) expect(text, `the page shows "${word}"`).not.toContain(word);
    expect(await axeViolations()).toEqual([]);
  });

  test('R-FEE-1 shows a $30.00 reactivation fee 2 days late (10 % of $300 is above the $25.00 minimum) and the day-7 rise to $50.00', async () => {
    await open({ now: '2026-03-12T12:00:00-04:00', expires: '2026-03-10', amount: '300.00' });

    expect(await readAll(['phase', 'access', 'days', 'fee-kind', 'working-rate-label', 'working-minimum-applied', 'fee', 'total'])).toEqual(
      {
        phase: 'Expired',
        access: 'read only',
        days: '2',
        'fee-kind': 'Reactivation fee',
        'working-rate-label': '10% of the invoice',
        'working-minimum-applied': 'no',
        fee: '$30.00',
        total: '$330.00',
      },
    );
    expect(await visible('working-daily-charge')).toBe(false);
    // R-TZ-2: expired at 23:59:59 New York time on the expiration date (EDT since 2026-03-08).
    expect(await read('expires-at')).toBe('2026-03-10 23:59:59');
    expect(await attribute('expires-at', 'datetime')).toBe('2026-03-11T03:59:59.000Z');
    expect(await readAll(['next-phase', 'next-phase-at', 'next-increase', 'next-fee'])).toEqual({
      'next-phase': 'Data deleted from',
      'next-phase-at': '2026-03-25 00:00',
      'next-increase': '2026-03-17 00:00',
      'next-fee': '$50.00',
    });
  });

  test('R-POL-2 R-TZ-1 counts days, dates and euros on the Berlin clock, and speaks German in German', async () => {
    // 2026-03-16 20:00 in New York is already 2026-03-17 01:00 in Berlin: day 7 there, day 6 in New York.
    await open({ now: '2026-03-16T20:00:00-04:00', expires: '2026-03-10', amount: '300.00', policy: 'berlin' });
    expect(
      await readAll(['time-zone', 'currency', 'now-local', 'expires-at', 'phase', 'days', 'fee', 'total', 'next-increase', 'next-fee']),
    ).toEqual({
      'time-zone': 'Berlin time',
      currency: 'EUR',
      'now-local': '2026-03-17 01:00',
      'expires-at': '2026-03-10 23:59:59',
      phase: 'Expired',
      days: '7',
      fee: '€50.00',
      total: '€350.00',
      // Data is deleted at the start of day 15 in Berlin (CET, UTC+1): recovery then costs €50.00 + 15 × €4.00.
      'next-increase': '2026-03-25 00:00',
      'next-fee': '€110.00',
    });

    expect(await attribute('time-zone', 'data-zone')).toBe('Europe/Berlin');
    await choose('locale', 'de-DE');
    expect(await read('time-zone')).toBe('Berliner Zeit');
    expect(await page.$eval('[data-testid="amount"]', (element) => (element as HTMLInputElement).value)).toBe('300,00');
    expect(await page.$eval('html', (element) => element.lang)).toBe('de-DE');
    expect(
      await readAll(['phase', 'access', 'days-label', 'fee-kind', 'working-rate-label', 'working-minimum-applied', 'fee', 'total']),
    ).toEqual({
      phase: 'Abgelaufen',
      access: 'nur lesen',
      'days-label': 'Tage seit Ablauf',
      'fee-kind': 'Reaktivierungsgebühr',
      'working-rate-label': '15 % des Rechnungsbetrags',
      'working-minimum-applied': 'ja',
      fee: '50,00 €',
      total: '350,00 €',
    });

    // Amounts are read as Germans write them: 1.234,50 is one thousand two hundred and thirty-four euros fifty.
    await type('amount', '1.234,50');
    expect(await readAll(['working-invoice', 'fee', 'total'])).toEqual({
      'working-invoice': '1.234,50 €',
      fee: '185,18 €',
      total: '1.419,68 €',
    });
    await type('amount', '300,00');
    expect(await readAll(['fee', 'total'])).toEqual({ fee: '50,00 €', total: '350,00 €' });
    expect(await axeViolations()).toEqual([]);

    // The same instant on the New York policy is only day 6: the 10 % tier in dollars.
    await choose('locale', 'en-US');
    await choose('policy', 'new-york');
    expect(await readAll(['time-zone', 'now-local', 'days', 'fee', 'total'])).toEqual({
      'time-zone': 'New York time',
      'now-local': '2026-03-16 20:00',
      days: '6',
      fee: '$30.00',
      total: '$330.00',
    });
    expect(await attribute('time-zone', 'data-zone')).toBe('America/New_York');
  });

  test('R-IN-3 in German, 300.00 is refused at the amount field in German words, marked and tied to the field', async () => {
    await open({ now: '2026-04-22T12:00:00-04:00', expires: '2026-03-08', amount: '300.00', policy: 'berlin', locale: 'de-DE' });
    expect(await read('fee')).toBe('230,00 €');
    await type('amount', '300.00');

    expect(await visible('amount-error')).toBe(true);
    expect(await visible('results')).toBe(false);
    expect(await read('amount-error')).toBe('Bitte geben Sie den Betrag in Ziffern ein, etwa 300,00.');
    expect(await attribute('amount', 'aria-invalid')).toBe('true');
    expect(await attribute('amount', 'aria-describedby')).toBe('amount-error');
    expect(await attribute('amount-error', 'id')).toBe('amount-error');
    expect(await attribute('expiration-input', 'aria-invalid')).toBeNull();
    expect(await axeViolations()).toEqual([]);

    await type('amount', '300,00');
    expect(await visible('amount-error')).toBe(false);
    expect(await attribute('amount', 'aria-invalid')).toBeNull();
    expect(await attribute('amount', 'aria-describedby')).toBeNull();
    expect(await read('fee')).toBe('230,00 €');
  });

  test('R-RM-1 R-RM-2 R-RM-4 lists the 16 reminders still to come 9 days before expiry in customer words, and when a fee starts', async () => {
    await open({ now: '2026-04-22T12:00:00-04:00', expires: '2026-05-01', amount: '300.00' });

    expect(
      await readAll(['phase', 'access', 'days-label', 'days', 'fee-kind', 'fee-note', 'next-increase-label', 'next-increase', 'next-fee']),
    ).toEqual({
      phase: 'Renewal due',
      access: 'full access',
      'days-label': 'Days until expiry',
      days: '9',
      'fee-kind': 'No fee',
      'fee-note': 'Nothing to pay yet.',
      'next-increase-label': 'A fee applies from',
      'next-increase': '2026-05-01 23:59:59',
      'next-fee': '$30.00',
    });
    // Email daily from 7 days before (04-24 … 05-01: 8), sms and phone daily from 3 days before (4 each).
    expect(await read('reminders-count')).toBe('16');
    const reminders = (await page.$$eval('[data-testid="reminder"]', (items) => items.map((item) => item.textContent ?? ''))).map((line) =>
      line.trim(),
    );
    expect(reminders).toHaveLength(16);
    expect(reminders[0]).toBe('2026-04-24 09:00 · email · 7 days before');
    expect(reminders.slice(-3)).toEqual([
      '2026-05-01 09:00 · email · on the expiration date',
      '2026-05-01 10:00 · text message · on the expiration date',
      '2026-05-01 11:00 · phone call · on the expiration date',
    ]);
    expect(reminders.filter((line) => line.includes(' email ')).length).toBe(8);
    const text = await pageText();
    for (const word of DEVELOPER_WORDS) expect(text, `the page shows "${word}"`).not.toContain(word);
  });

  test('each language the widget offers speaks its own words, with amounts written its way', async () => {
    const expected = {
      'fr-FR': {
        h1: 'Combien coûte la réactivation ?',
        phase: 'Données supprimées',
        'fee-kind': 'Frais de récupération des données',
        fee: '230,00 $US',
      },
      'ja-JP': { h1: '再開にはいくらかかりますか？', phase: 'データ削除済み', 'fee-kind': 'データ復旧料金', fee: '$230.00' },
      'en-GB': { h1: 'What do I owe to reactivate?', phase: 'Data deleted', 'fee-kind': 'Data recovery fee', fee: 'US$230.00' },
    };
    for (const [locale, words] of Object.entries(expected)) {
      await open({ now: '2026-04-22T12:00:00-04:00', expires: '2026-03-08', amount: '300.00', locale });
      const h1 = await page.$eval('h1', (element) => element.textContent ?? '');
      expect({ h1, ...(await readAll(['phase', 'fee-kind', 'fee'])) }, locale).toEqual(words);
      const text = await pageText();
      for (const word of DEVELOPER_WORDS) expect(text, `${locale}: the page shows "${word}"`).not.toContain(word);
    }
  });

  test('R-TZ-1 reads the Now input on the browser’s own clock (Tokyo here) and computes on the policy’s', async () => {
    await open({ expires: '2026-03-08', amount: '300.00' });
    // 2026-04-23 01:00 in Tokyo is 2026-04-22 12:00 in New York: 45 days past expiry there.
    await setField('now-input', '2026-04-23T01:00:00');
    expect(await readAll(['now-local', 'days', 'fee', 'total'])).toEqual({
      'now-local': '2026-04-22 12:00',
      days: '45',
      fee: '$230.00',
      total: '$530.00',
    });
  });

  test('R-IN-3 R-IN-4 an amount with too many decimals is refused at its field in plain words, and the widget recovers', async () => {
    await open({ now: '2026-04-22T12:00:00-04:00', expires: '2026-03-08', amount: '300.00' });
    await type('amount', '0.1234');

    expect(await visible('amount-error')).toBe(true);
    expect(await visible('results')).toBe(false);
    expect(await read('amount-error')).toBe('Use at most 2 decimal places, such as 300.00.');
    expect(await attribute('amount-error', 'data-code')).toBe('too-many-fraction-digits');
    expect(await attribute('amount', 'aria-invalid')).toBe('true');
    expect(await attribute('amount', 'aria-describedby')).toBe('amount-error');

    await type('amount', '300.00');
    expect(await visible('amount-error')).toBe(false);
    expect(await read('fee')).toBe('$230.00');
  });

  test('R-IN-2 a cleared Now field, or a ?now= without an offset, is refused at the Now field in plain words', async () => {
    await open({ now: '2026-04-22T12:00:00-04:00', expires: '2026-03-08', amount: '300.00' });
    await setField('now-input', '');
    expect(await read('now-error')).toBe('Enter a date and a time, or press “Current time”.');
    expect(await attribute('now-input', 'aria-invalid')).toBe('true');
    expect(await attribute('now-input', 'aria-describedby')).toBe('now-error');
    expect(await pageText()).not.toContain('NaN');

    await open({ now: '2026-04-22T12:00:00', expires: '2026-03-08', amount: '300.00' });
    expect(await read('now-error')).toBe('Enter a date and a time, or press “Current time”.');
    expect(await attribute('now-error', 'data-code')).toBe('ambiguous-instant');
  });

  test('at 390 px the Now field shows its whole date and time and nothing overflows; screenshots at 390 (English and German) and 1200 px; zero axe violations', async () => {
    const slug = spec.name.toLowerCase().replace(/\W+/g, '-');
    await page.setViewport({ width: 390, height: 844 });
    try {
      await open({ now: '2026-04-22T12:00:00-04:00', expires: '2026-03-08', amount: '300.00' });
      const room = await page.$eval('[data-testid="now-input"]', (element) => {
        const input = element as HTMLInputElement;
        const style = getComputedStyle(input);
        const context = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
        context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const inner = input.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
        // The widest a browser writes the value (US order, seconds, AM/PM), plus its calendar button.
        return { inner, needed: context.measureText('04/22/2026, 12:00:00 PM').width + 28 };
      });
      expect(room.inner, 'the Now field is narrower than its text').toBeGreaterThanOrEqual(room.needed);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await axeViolations()).toEqual([]);
      await page.screenshot({ path: join(screenshots, `${slug}-390.png`), fullPage: true });
      // German's long words (Gebühr für die Datenwiederherstellung) must fit as well.
      await open({ now: '2026-04-22T12:00:00-04:00', expires: '2026-03-08', amount: '300.00', policy: 'berlin', locale: 'de-DE' });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await axeViolations()).toEqual([]);
      await page.screenshot({ path: join(screenshots, `${slug}-390-de.png`), fullPage: true });
      await page.setViewport({ width: 1200, height: 900 });
      await open({ now: '2026-04-22T12:00:00-04:00', expires: '2026-03-08', amount: '300.00' });
      expect(await axeViolations()).toEqual([]);
      await page.screenshot({ path: join(screenshots, `${slug}-1200.png`), fullPage: true });
    } finally {
      await page.setViewport({ width: 900, height: 1100 });
    }
  });
});

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
