import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findOrderId } from '../../src/extensions/findOrderId.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import type { Policy } from '../../src/policy/types.js';
import { policyArbitrary } from '../support/policies.js';

const ALPHANUMERIC = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'];
/** A one-character separator as a `u`-mode escape. */
const escapeOf = (character: string) => `\\u{${(character.codePointAt(0) as number).toString(16)}}`;

/**
 * An independent reading of R-EXT-6 as a regular expression (fine for tests, not for
 * 1 MB tickets): the groups of the policy, with no letter, digit or mark and no
 * separator-joined letter, digit or mark on either side; not the all-X placeholder.
 */
function referenceFind(text: string, policy: Policy): string | undefined {
  const { groups, separator } = policy.extensions.orderId;
  const word = '[\\p{L}\\p{N}\\p{M}]';
  const sep = escapeOf(separator);
  const body = groups.map((length) => `[A-Za-z0-9]{${length}}`).join(sep);
  const pattern = new RegExp(`(?<!${word})(?<!${word}${sep})(${body})(?!${word})(?!${sep}${word})`, 'gu');
  for (const match of text.matchAll(pattern)) {
    const id = (match[1] as string).toUpperCase();
    if (id !== groups.map((length) => 'X'.repeat(length)).join(separator)) return id;
  }
  return undefined;
}

function orderIdArbitrary(policy: Policy, extraLength = 0): fc.Arbitrary<string> {
  const { groups, separator } = policy.extensions.orderId;
  return fc
    .tuple(
      ...groups.map((length) =>
        fc
          .array(fc.constantFrom(...ALPHANUMERIC), {
            minLength: Math.max(1, length + extraLength),
            maxLength: Math.max(1, length + extraLength),
          })
          .map((chars) => chars.join('')),
      ),
    )
    .map((parts) => parts.join(separator));
}

/** Ticket text built from ids, near misses, placeholders, separators, other scripts and noise. */
function ticketArbitrary(policy: Policy): fc.Arbitrary<string> {
  const { groups, separator } = policy.extensions.orderId;
  const piece = fc.oneof(
    orderIdArbitrary(policy),
    orderIdArbitrary(policy, 1),
    orderIdArbitrary(policy, -1),
    fc.constant(groups.map((length) => 'x'.repeat(length)).join(separator)),
    fc.constantFrom(
      separator,
      separator,
      ' ',
      '\n',
      '\r\n',
      '.',
      ',',
      '(',
      ')',
      '"',
      '#',
      ':',
      '+1',
      '-',
      'é',
      'Ω',
      '٣',
      '８',
      '\u0301',
      '🙂',
      '\u{1D400}',
      '\uD800',
      'order ID ',
      '2026-03-08',
      '555-123-4567',
    ),
    fc.string({ maxLength: 4 }),
    fc.array(fc.constantFrom(...ALPHANUMERIC), { minLength: 1, maxLength: 6 }).map((chars) => chars.join('')),
  );
  return fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''));
}

const caseArbitrary = fc
  .oneof(fc.constant(defaultPolicy), policyArbitrary)
  .chain((policy) => fc.tuple(fc.constant(policy), ticketArbitrary(policy)));

describe('findOrderId (properties)', () => {
  it('R-EXT-6 finds exactly what an independent regular-expression reading finds, first valid candidate first', () => {
    fc.assert(
      fc.property(caseArbitrary, ([policy, text]) => {
        expect(findOrderId(text, policy)).toBe(referenceFind(text, policy));
      }),
      { numRuns: 200 },
    );
  });

  it('R-EXT-6 finds an id (in any case) between ordinary delimiters in text that holds no other letters or digits', () => {
    const noise = fc.string({ unit: fc.constantFrom(' ', '\n', '!', '?', '(', ')', '"', ',', ';', '🙂', '…'), maxLength: 20 });
    const delimiter = fc.constantFrom(' ', '\n', '\t', '(', ')', '"', ',', '!', '«', '»');
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(defaultPolicy), policyArbitrary).chain((policy) => fc.tuple(fc.constant(policy), orderIdArbitrary(policy))),
        noise,
        delimiter,
        delimiter,
        noise,
        ([policy, id], before, left, right, after) => {
          fc.pre(!/^[xX]+$/.test(id.split(policy.extensions.orderId.separator).join('')));
          expect(findOrderId(`${before}${left}${id}${right}${after}`, policy)).toBe(id.toUpperCase());
        },
      ),
      { numRuns: 200 },
    );
  });
});
