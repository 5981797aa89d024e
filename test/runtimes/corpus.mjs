// The conformance corpus: thousands of seeded cases through every export of the package,
// each answered as one JSON line. Every runtime (Node 20/22/24, Bun, Deno, Chromium,
// Firefox) runs this same module against the built package and the lines are compared
// byte for byte (scripts/runtimes/compare.mjs). Plain JavaScript with no imports, so a
// browser can load it as it is; the library comes in as an argument (its public entry).
// Nothing runs at import time.

/** The corpus every runtime answers: its seed and its size. */
export const SEED = 20_260_427;
export const CASES = 6000;

/** Everything one runtime reports: who it is, the corpus's lines, and its zones' transitions. */
export function conformanceReport(lib) {
  return {
    ...describeRuntime(),
    lines: runCorpus(lib, generateCases(SEED, CASES)),
    zones: zoneTransitions(ZONES),
    locales: localeSamples(LOCALES),
  };
}

/** The zones of the corpus: everyday ones, and ones whose histories are odd. */
export const ZONES = Object.freeze([
  'America/New_York',
  'Europe/Berlin',
  'UTC',
  'Europe/London',
  'Europe/Dublin',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Sydney',
  'America/Sao_Paulo',
  'America/St_Johns',
  'America/Mexico_City',
  'America/Asuncion',
  'America/Nuuk',
  'Asia/Gaza',
  'Asia/Almaty',
  'Europe/Moscow',
  'Pacific/Kiritimati',
  'Africa/Casablanca',
  'Africa/Monrovia',
  'Pacific/Apia',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/Santiago',
  'Asia/Tehran',
]);

const LOCALES = Object.freeze(['en-US', 'en-GB', 'de-DE', 'fr-FR', 'ja-JP', 'de-CH', 'en-IN', 'es-ES', 'pt-BR', 'nl-NL']);
const CURRENCIES = Object.freeze(['USD', 'EUR', 'JPY', 'GBP', 'BHD', 'CHF', 'INR', 'BRL', 'KWD', 'CLP']);
const ROLES = Object.freeze(['owner', 'administrator', 'admin', 'member', 'billing', 'viewer', 'Owner', '']);

const MS_PER_DAY = 86_400_000;
/** Day numbers (days since 1970-01-01) of 1900-01-01 and 2999-12-31, the supported years. */
const FIRST_DAY = -25_567;
const LAST_DAY = 376_199;

/** mulberry32: a tiny seeded generator; integer arithmetic only, so every engine draws the same numbers. */
function generator(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const int = (min, max) => min + (next() % (max - min + 1));
  return {
    int,
    pick: (items) => items[int(0, items.length - 1)],
    chance: (percent) => int(0, 99) < percent,
  };
}

const pad = (value, width) => String(value).padStart(width, '0');

function dateOfDay(day) {
  const date = new Date(day * MS_PER_DAY);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

/** A day in 1900–2999: a third anywhere, most near today, some in DST months, a few at the edges or beyond. */
function drawDay(random) {
  const roll = random.int(0, 99);
  if (roll < 30) return random.int(FIRST_DAY, LAST_DAY);
  if (roll < 80) return random.int(-3653, 29_220); // 1960–2050
  if (roll < 95) {
    const year = random.int(1900, 2999);
    const month = random.pick([3, 4, 9, 10, 11]);
    return Math.floor(Date.UTC(year, month - 1, random.int(1, 28)) / MS_PER_DAY);
  }
  return random.pick([FIRST_DAY, FIRST_DAY + 1, LAST_DAY - 1, LAST_DAY, FIRST_DAY - 1, LAST_DAY + 1, LAST_DAY - 20]);
}

/** An instant near `day` (−60 … +220 days), written as the library's callers write instants. */
function drawInstant(random, day) {
  const ms = (day + random.int(-60, 220)) * MS_PER_DAY + random.int(0, 47) * 1_800_000 + random.int(0, 1) * 59_999;
  const form = random.int(0, 9);
  if (form < 5) return new Date(ms).toISOString();
  if (form < 7) return ms;
  const minutes = random.pick([-600, -330, -240, 0, 60, 345, 630, 765, 840]);
  const local = new Date(ms + minutes * 60_000).toISOString().slice(0, 19);
  const sign = minutes < 0 ? '-' : '+';
  return `${local}${sign}${pad(Math.floor(Math.abs(minutes) / 60), 2)}:${pad(Math.abs(minutes) % 60, 2)}`;
}

function drawAmount(random) {
  const roll = random.int(0, 19);
  if (roll === 0) return random.pick(['-5.00', '1e3', 'abc', '0.123456', '', '99999999999999999999.99']);
  if (roll === 1) return random.int(0, 100_000);
  const digits = random.pick([0, 2, 2, 2, 3]);
  const whole = random.int(0, random.chance(80) ? 5000 : 9_999_999);
  return digits === 0 ? String(whole) : `${whole}.${pad(random.int(0, 10 ** digits - 1), digits)}`;
}

/** The policies a case may use: a few variants per zone, built lazily and kept. */
function policyVariants(lib) {
  const built = new Map();
  const overridesOf = (zone, variant) => {
    switch (variant) {
      case 0:
        return { timeZone: zone };
      case 1:
        return { timeZone: zone, currency: 'EUR', expiryTime: '00:00:00', deletionDay: 30, rounding: 'half-even' };
      case 2:
        return {
          timeZone: zone,
          fees: {
            reactivationTiers: [
              { fromDay: 0, rate: '0.10', minimum: '25.00', maximum: '100.00', maximumRate: '0.35' },
              { fromDay: 3, rate: '0.12', minimum: '30.00', maximum: '120.00', maximumRate: '0.40' },
              { fromDay: 7, rate: '0.15', minimum: '50.00', maximum: '150.00', maximumRate: '0.50' },
            ],
            recovery: { rate: '0.15', minimum: '50.00', dailyRate: '4.00', maximum: '200.00', maximumRate: '0.60' },
          },
        };
      case 3:
        return {
          timeZone: zone,
          currency: 'JPY',
          rounding: 'down',
          fees: {
            reactivationTiers: [{ fromDay: 0, rate: '0.10', minimum: '2500' }],
            recovery: { rate: '0.15', minimum: '5000', dailyRate: '400' },
          },
        };
      default:
        return {
          timeZone: zone,
          currency: 'BHD',
          expiryTime: '12:30:00',
          recoveryWindowMonths: 1,
          reminders: {
            cadences: [
              { channel: 'email', cadence: 'weekly', from: -3, through: 2 },
              { channel: 'sms', cadence: 'daily', from: -2, through: 5 },
              { channel: 'phone', cadence: 'monthly', from: -2, through: 1 },
            ],
            sendTimes: { email: '00:30', sms: '07:45', phone: '22:15' },
            quietHours: { channels: ['sms', 'phone'], start: '09:00', end: '20:00' },
          },
        };
    }
  };
  return (zone, variant) => {
    const key = `${zone}|${variant}`;
    if (!built.has(key)) built.set(key, lib.definePolicy(overridesOf(zone, variant)));
    return built.get(key);
  };
}

/** Overrides definePolicy must refuse (and some it must accept), each with a seeded twist. */
function drawPolicyOverrides(random, zone) {
  const n = random.int(1, 40);
  const candidates = [
    { timeZone: random.pick(['Mars/Olympus_Mons', 'EST5EDT', 'utc', 'America/new_york', '+05:00', zone]) },
    { expiryTime: random.pick(['24:00:00', '23:59:60', '7:00:00', '00:00:00', `${pad(n % 24, 2)}:${pad(n, 2)}:00`]) },
    { currency: random.pick(['usd', 'XXX', 'EURO', 'CLF', 'JPY', 'ABC']) },
    { deletionDay: random.pick([0, -1, 1.5, n, 10_000, '15']) },
    { recoveryWindowMonths: random.pick([0, n, 1200, Number.NaN]) },
    { rounding: random.pick(['half-up', 'bankers', 'HALF-UP', 'down']) },
    { currencyDigits: { IDR: random.pick([0, 5, -1, 2]) } },
    {
      fees: {
        reactivationTiers: [
          { fromDay: 0, rate: '0.15', minimum: '50.00' },
          { fromDay: random.pick([0, 3, 7]), rate: random.pick(['0.10', '0.20', '1.5', 'x']), minimum: '25.00' },
        ],
      },
    },
    {
      fees: {
        reactivationTiers: [
          { fromDay: 0, rate: '0.10', minimum: '25.00', maximum: random.pick(['20.00', '100.00', '-1']) },
          { fromDay: 7, rate: '0.15', minimum: '50.00' },
        ],
      },
    },
    { reminders: { sendTimes: { email: random.pick(['9:00', '25:00', '09:00']) } } },
    {
      reminders: {
        cadences: [{ channel: random.pick(['fax', 'email']), cadence: random.pick(['daily', 'hourly']), from: n, through: -n }],
      },
    },
    { extensions: { durationDays: random.pick([0, n, -n]), orderId: { groups: [n % 6, 3], separator: random.pick(['-', '', '/']) } } },
    { surprise: true },
  ];
  return random.pick(candidates);
}

function drawOrderId(random) {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const group = (length) => Array.from({ length }, () => alphabet[random.int(0, alphabet.length - 1)]).join('');
  const roll = random.int(0, 9);
  if (roll === 0) return undefined;
  if (roll === 1) return `${group(3)}-${group(4)}-${group(5)}`;
  if (roll === 2) return `order ${group(3)}-${group(3)}-${group(5)} please`;
  if (roll === 3) return 'XXX-XXX-XXXXX';
  return `${group(3)}-${group(3)}-${group(5)}`;
}

/** The seeded cases, in order: plain JSON-able data saying what to call with what. */
export function generateCases(seed, count) {
  const random = generator(seed);
  const cases = [];
  const kinds = [
    ['status', 14],
    ['capabilities', 8],
    ['timeline', 8],
    ['schedule', 8],
    ['remindersDue', 12],
    ['quote', 16],
    ['extension', 10],
    ['findOrderId', 3],
    ['formatMoney', 12],
    ['definePolicy', 9],
  ];
  const total = kinds.reduce((sum, [, weight]) => sum + weight, 0);
  for (let index = 0; index < count; index += 1) {
    let roll = random.int(0, total - 1);
    let k = 0;
    while (roll >= kinds[k][1]) {
      roll -= kinds[k][1];
      k += 1;
    }
    const kind = kinds[k][0];
    const zone = random.pick(ZONES);
    const variant = random.int(0, 4);
    const day = drawDay(random);
    const subscription = { id: `sub-${index}`, expirationDate: dateOfDay(day) };
    if (kind === 'quote' || random.chance(30)) subscription.invoiceAmount = drawAmount(random);
    if (random.chance(15)) subscription.extension = { endsOn: dateOfDay(day + random.int(-3, 20)) };
    if (random.chance(15)) subscription.paymentMethod = random.pick(['card', 'bank-transfer', 'invoice']);
    if (random.chance(25)) subscription.recipientTimeZone = random.pick(ZONES);
    const base = { n: index, kind, zone, variant, subscription };
    switch (kind) {
      case 'status':
      case 'quote':
        cases.push({ ...base, now: drawInstant(random, day) });
        break;
      case 'capabilities':
        cases.push({ ...base, now: drawInstant(random, day), role: random.pick(ROLES) });
        break;
      case 'timeline':
      case 'schedule':
        cases.push(base);
        break;
      case 'remindersDue': {
        const from = drawInstant(random, day - 70);
        const fromMs = typeof from === 'number' ? from : Date.parse(from);
        const to = Number.isNaN(fromMs) ? from : new Date(fromMs + random.int(1, 96) * 3_600_000).toISOString();
        cases.push({ ...base, from, to });
        break;
      }
      case 'extension': {
        const previous = Array.from({ length: random.int(0, 2) }, () => drawInstant(random, day - 120));
        cases.push({ ...base, orderId: drawOrderId(random), requestedAt: drawInstant(random, day - 60), previous });
        break;
      }
      case 'findOrderId':
        cases.push({ ...base, text: `Ticket ${random.int(1, 9999)}: ${drawOrderId(random) ?? 'no id'} / ${drawOrderId(random) ?? ''}` });
        break;
      case 'formatMoney': {
        const currency = random.pick(CURRENCIES);
        cases.push({ ...base, money: { amount: String(drawAmount(random)), currency }, locale: random.pick(LOCALES) });
        break;
      }
      default:
        cases.push({ ...base, overrides: drawPolicyOverrides(random, zone) });
    }
  }
  return cases;
}

/** One case's answer: the result, or the typed error's name, code, path and message. */
function answer(compute) {
  try {
    return { ok: compute() };
  } catch (error) {
    if (error !== null && typeof error === 'object' && 'code' in error && 'path' in error) {
      return { error: error.name, code: error.code, path: error.path, message: error.message };
    }
    return { crash: String(error) };
  }
}

/** Runs every case against `lib` (the package's public entry) and returns the JSON lines, newline-terminated. */
export function runCorpus(lib, cases) {
  const policyFor = policyVariants(lib);
  const lines = [];
  for (const c of cases) {
    const policy = c.kind === 'definePolicy' ? undefined : policyFor(c.zone, c.variant);
    const s = c.subscription;
    const result = answer(() => {
      switch (c.kind) {
        case 'status':
          return lib.getExpiryStatus(s, c.now, policy);
        case 'capabilities':
          return lib.getCapabilities(s, c.now, c.role, policy);
        case 'timeline':
          return lib.getTimeline(s, policy);
        case 'schedule':
          return lib.getReminderSchedule(s, policy);
        case 'remindersDue':
          return lib.getRemindersDue(s, { from: c.from, to: c.to }, policy);
        case 'quote':
          return lib.quoteReactivationFee(s, c.now, policy);
        case 'extension':
          return lib.checkExtensionEligibility(
            { orderId: c.orderId, requestedAt: c.requestedAt, subscription: s, previousRequests: c.previous },
            policy,
          );
        case 'findOrderId':
          return lib.findOrderId(c.text, policy) ?? null;
        case 'formatMoney':
          return lib.formatMoney(c.money, c.locale);
        default:
          return lib.definePolicy({ timeZone: c.zone, ...c.overrides });
      }
    });
    // What the answer may depend on besides the library: the zones' rules, or for money text the locale's data.
    const zones = s.recipientTimeZone === undefined || s.recipientTimeZone === c.zone ? [c.zone] : [c.zone, s.recipientTimeZone];
    const data = c.kind === 'formatMoney' ? { locale: c.locale } : { zones };
    lines.push(JSON.stringify({ n: c.n, kind: c.kind, ...data, ...result }));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The offset transitions of each zone from 1900 through 2999 as this runtime's Intl sees
 * them: offsets sampled weekly, each change narrowed to its minute. Two runtimes whose
 * tables for a zone differ have different rules for it in their tz data; that, not a list
 * written by hand, decides which corpus lines may differ.
 */
export function zoneTransitions(zones) {
  const start = Date.UTC(1900, 0, 1) - MS_PER_DAY;
  const end = Date.UTC(3000, 0, 1) + MS_PER_DAY;
  const step = 7 * MS_PER_DAY;
  const table = {};
  for (const zone of zones) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    // format() and the digits of en-US's "M/D/YYYY, HH:MM:SS": a third of formatToParts' cost.
    const offsetAt = (ms) => {
      const [month, day, year, hour, minute, second] = format.format(ms).match(/\d+/g).map(Number);
      const local = Date.UTC(year, month - 1, day, hour, minute, second);
      return Math.round((local - Math.floor(ms / 1000) * 1000) / 1000);
    };
    const transitions = [];
    let before = start;
    let offset = offsetAt(before);
    transitions.push(`${new Date(before).toISOString().slice(0, 16)} ${offset}`);
    for (let after = before + step; after <= end; after += step) {
      const next = offsetAt(after);
      if (next !== offset) {
        let low = before;
        let high = after;
        while (high - low > 60_000) {
          const middle = low + Math.floor((high - low) / 120_000) * 60_000;
          if (offsetAt(middle) === offset) low = middle;
          else high = middle;
        }
        transitions.push(`${new Date(high).toISOString().slice(0, 16)} ${next}`);
        offset = next;
      }
      before = after;
    }
    table[zone] = transitions;
  }
  return table;
}

/**
 * How this runtime's Intl writes money in each locale of the corpus (CLDR data: symbols,
 * separators, patterns), every currency of the corpus at 0 to 4 fraction digits. Two
 * runtimes whose samples for a locale differ have different locale data for it; only then
 * may their formatMoney lines for that locale differ.
 */
export function localeSamples(locales) {
  const table = {};
  for (const locale of locales) {
    table[locale] = CURRENCIES.flatMap((currency) =>
      [0, 1, 2, 3, 4].map((digits) =>
        new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
          '1234567.8912',
        ),
      ),
    );
  }
  return table;
}

/** What this runtime says about itself: its name and version, and its tz database version where it exposes one. */
export function describeRuntime() {
  const g = globalThis;
  const versions = g.process?.versions ?? {};
  let runtime = 'unknown';
  let version = '';
  if (g.Deno !== undefined) [runtime, version] = ['deno', g.Deno.version.deno];
  else if (g.Bun !== undefined) [runtime, version] = ['bun', g.Bun.version];
  else if (versions.node !== undefined) [runtime, version] = ['node', versions.node];
  else if (g.navigator !== undefined) [runtime, version] = ['browser', g.navigator.userAgent];
  return { runtime, version, tz: versions.tz ?? null, icu: versions.icu ?? null };
}
