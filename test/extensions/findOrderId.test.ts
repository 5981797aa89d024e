import { describe, expect, it } from 'vitest';
import { ExpiryInputError } from '../../src/errors.js';
import { findOrderId } from '../../src/extensions/findOrderId.js';
import { definePolicy } from '../../src/policy/definePolicy.js';
import { thrown } from '../support/errors.js';

/** Seed 001's template message, verbatim, with its placeholder. */
const TEMPLATE =
  'My subscription has expired. Can you please create a support ticket for me to request a temporary extension for my order ID XXX-XXX-XXXXX ?';

describe('findOrderId', () => {
  it("R-EXT-6 finds the order id in seed 001's template message once the customer fills it in", () => {
    expect(findOrderId(TEMPLATE.replace('XXX-XXX-XXXXX', 'ABC-123-45678'))).toBe('ABC-123-45678');
  });

  it("R-EXT-6 does not take the template's placeholder XXX-XXX-XXXXX for an order id", () => {
    expect(findOrderId(TEMPLATE)).toBeUndefined();
    expect(findOrderId('order xxx-xxx-xxxxx, sorry: the real one is K7Q-2M9-ZZ001')).toBe('K7Q-2M9-ZZ001');
  });

  it('R-EXT-1 reads lower and mixed case and reports the id upper-case', () => {
    expect(findOrderId('my order id is abc-123-4567z')).toBe('ABC-123-4567Z');
    expect(findOrderId('order aBc-1d3-45F78')).toBe('ABC-1D3-45F78');
  });

  it('R-EXT-6 accepts surrounding punctuation and line breaks', () => {
    for (const text of [
      '(ABC-123-45678)',
      '"ABC-123-45678"',
      'order #ABC-123-45678.',
      'Order ID:ABC-123-45678, thanks!',
      'order ID\r\nABC-123-45678\r\nregards',
      'ABC-123-45678',
      '--ABC-123-45678--',
      '🙂ABC-123-45678🙂',
      '«ABC-123-45678»',
    ]) {
      expect(findOrderId(text), text).toBe('ABC-123-45678');
    }
  });

  it('R-EXT-6 ignores lookalikes: phone numbers, dates, groups too long or short, ids glued to letters or to a longer chain', () => {
    for (const text of [
      'call me at 555-123-4567',
      'call +1-555-123-45678',
      'or (555) 123-45678',
      'expired on 2026-03-08',
      'ABCD-123-45678',
      'ABC-123-456789',
      'AB-123-45678',
      'ABC-1234-5678',
      'x-ABC-123-45678',
      'ABC-123-45678-9',
      'ABC-123-45678-ABC-123-45678',
      'ABC--123-45678',
      'ABC 123 45678',
      'ABC_123_45678',
      'orderABC-123-45678',
      'ABC-123-45678x',
      'éABC-123-45678',
      'ABC-123-45678é',
      'ABC-123-4567８',
      '',
    ]) {
      expect(findOrderId(text), text).toBeUndefined();
    }
  });

  it('R-EXT-6 takes the first valid candidate when there are several', () => {
    expect(findOrderId('ABCD-123-45678 is wrong, try abc-123-45678 or DEF-456-78901')).toBe('ABC-123-45678');
    expect(findOrderId('DEF-456-78901\nABC-123-45678')).toBe('DEF-456-78901');
  });

  it("R-POL-2 follows the policy's groups and separator", () => {
    const policy = definePolicy({ extensions: { orderId: { groups: [4, 4], separator: '/' } } });
    expect(findOrderId('order abcd/1234.', policy)).toBe('ABCD/1234');
    expect(findOrderId('order ABC-123-45678', policy)).toBeUndefined();
    expect(findOrderId('date 2026/03/08 or ABCD/1234/5', policy)).toBeUndefined();
  });

  // No stopwatch here (speed belongs to benchmarks): a backtracking pattern would take hours on
  // these inputs, so the test's own timeout is the bound; the single pass takes ~0.1 s.
  it('R-EXT-6 scans 1 MB adversarial inputs in one pass and finds exactly the right id', () => {
    const megabyte = 1 << 20;
    const cases: [string, string | undefined][] = [
      // One endless separator-joined chain: never an id.
      ['A-'.repeat(megabyte / 2), undefined],
      ['ABC-123-45678-'.repeat(megabyte / 14), undefined],
      // Near misses over and over, then the real id at the very end.
      [`${'ABC-123-4567 '.repeat(megabyte / 13)}abc-123-45678`, 'ABC-123-45678'],
      [`${'1'.repeat(megabyte)} ABC-123-45678`, 'ABC-123-45678'],
      [`${'-'.repeat(megabyte)}ABC-123-45678`, 'ABC-123-45678'],
      ['é'.repeat(megabyte), undefined],
      [`${'\u{1F642}'.repeat(megabyte / 2)}ABC-123-45678`, 'ABC-123-45678'],
      ['XXX-XXX-XXXXX '.repeat(megabyte / 14), undefined],
    ];
    for (const [text, expected] of cases) {
      expect(findOrderId(text)).toBe(expected);
    }
  });

  it('R-IN-4 rejects a text that is not a string with ExpiryInputError', () => {
    expect(thrown(() => findOrderId(42 as never))).toMatchObject({ code: 'wrong-type', path: 'text' });
    expect(thrown(() => findOrderId(undefined as never))).toMatchObject({ code: 'missing', path: 'text' });
    expect(thrown(() => findOrderId(null as never))).toBeInstanceOf(ExpiryInputError);
  });
});
