/**
 * Amounts as the customer's locale writes them: `300,00` and `1.234,50` in German,
 * `1,234.50` in American English, `1 234,50` in French. Read into the plain decimal text the
 * library takes (`"1234.50"`), or written back from it. Grouping is optional, but where it
 * is used it must be right (groups of three), so `300.00` in German is not read as 30000.
 */

export type AmountReading = { readonly amount: string } | { readonly problem: 'missing' | 'format' };

interface Separators {
  readonly group: string;
  readonly decimal: string;
}

const SPACES = /[ \u00a0\u202f]/g;
const DIGITS = /^\d+$/;

function separatorsOf(locale: string): Separators {
  const parts = new Intl.NumberFormat(locale).formatToParts(12_345.6);
  return {
    group: parts.find((part) => part.type === 'group')?.value ?? '',
    decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.',
  };
}

/** Reads `text` as `locale` writes numbers; a leading minus is kept for the library to refuse. */
export function readAmount(text: string, locale: string): AmountReading {
  const trimmed = text.trim();
  if (trimmed === '') return { problem: 'missing' };
  const { group, decimal } = separatorsOf(locale);
  const sign = trimmed.startsWith('-') ? '-' : '';
  // Whatever space the customer types stands for a locale's space-like group separator.
  const spaced = group.replace(SPACES, ' ') === ' ';
  const unsigned = sign === '' ? trimmed : trimmed.slice(1);
  const body = spaced ? unsigned.replace(SPACES, ' ') : unsigned;
  const pieces = body.split(decimal);
  if (pieces.length > 2) return { problem: 'format' };
  const [whole = '', fraction] = pieces;
  const groups = whole.split(spaced ? ' ' : group);
  const grouped = groups.length > 1;
  const wholeOk = grouped
    ? groups.every((digits, index) => DIGITS.test(digits) && (index === 0 ? digits.length <= 3 : digits.length === 3))
    : DIGITS.test(whole);
  if (!wholeOk || (fraction !== undefined && !DIGITS.test(fraction))) return { problem: 'format' };
  return { amount: `${sign}${groups.join('')}${fraction === undefined ? '' : `.${fraction}`}` };
}

/** Writes the library's decimal text (`"300.00"`) as `locale` writes it, without grouping (`300,00`). */
export function writeAmount(amount: string, locale: string): string {
  return amount.replace('.', separatorsOf(locale).decimal);
}
