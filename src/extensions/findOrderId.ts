import { ExpiryInputError } from '../errors.js';
import { atTheDoor, describe } from '../input/read.js';
import { defaultOrderIdFormat } from '../policy/defaultPolicy.js';
import { definedPolicy } from '../policy/defined.js';
import type { OrderIdFormat, Policy } from '../policy/types.js';

/**
 * Finds the order id in the free text of a support ticket, such as the
 * support site's template message, and returns it upper-case; `undefined` when there is none.
 *
 * An order id is a whole token: groups of ASCII letters or digits of the policy's
 * lengths (default 3, 3, 5) joined by its separator (default `-`), with neither a
 * letter or digit nor a separator-joined group on either side. So surrounding
 * punctuation, line breaks and lower case are fine, while lookalikes are not ids:
 * `ABCD-123-45678` (a group too long), `555-123-4567` (a phone number),
 * `+1-555-123-45678` and `x-ABC-123-45678` (part of a longer chain), `2026-03-08` (a
 * date). The template's placeholder `XXX-XXX-XXXXX` is not an id either. When several
 * ids appear, the first wins. One left-to-right pass, no regular expression: linear
 * time on any input.
 *
 * @param text - the ticket's text
 * @param policy - the policy whose `extensions.orderId` gives the groups and separator (default: {@link defaultPolicy})
 * @returns the first order id, upper-case, or `undefined`
 * @throws ExpiryInputError when `text` is not a string; PolicyError for a policy `definePolicy` did not make
 *
 * @example
 * findOrderId('Can you please create a support ticket for me to request a temporary extension for my order ID abc-123-45678 ?');
 * //=> 'ABC-123-45678'
 * findOrderId('Call me on 555-123-4567'); //=> undefined
 */
export function findOrderId(text: string, policy?: Policy): string | undefined {
  const checked = atTheDoor('text', () => parseText(text));
  const shape = orderIdShapeOf(policy === undefined ? defaultOrderIdFormat : definedPolicy(policy).extensions.orderId);
  for (let start = 0; start < checked.length; ) {
    const token = scanToken(checked, start, shape);
    if (token.isOrderId) return checked.slice(start, token.end).toUpperCase();
    start = token.end;
  }
  return undefined;
}

/** A policy's order-id form, with how it is shown in messages. */
export interface OrderIdShape extends OrderIdFormat {
  /** `XXX-XXX-XXXXX` for the default groups. */
  readonly display: string;
}

/** The order-id shape of a policy's `extensions.orderId`. */
export function orderIdShapeOf({ groups, separator }: OrderIdFormat): OrderIdShape {
  return { groups, separator, display: groups.map((length) => 'X'.repeat(length)).join(separator) };
}

/** Is all of `text` (already trimmed) one order id? Returns it upper-case, or `undefined`. */
export function readOrderId(text: string, shape: OrderIdShape): string | undefined {
  const token = scanToken(text, 0, shape);
  return token.isOrderId && token.end === text.length ? text.toUpperCase() : undefined;
}

/** Is a well-formed id only the support template's placeholder, `XXX-XXX-XXXXX`? */
export function isPlaceholder(orderId: string, shape: OrderIdShape): boolean {
  return orderId.toUpperCase() === shape.display;
}

function parseText(text: unknown): string {
  if (typeof text !== 'string') {
    throw new ExpiryInputError(
      text === undefined || text === null ? 'missing' : 'wrong-type',
      'text',
      `expected the ticket's text as a string, got ${describe(text)}`,
    );
  }
  return text;
}

interface Token {
  /** Index just after what was read: the token, or the single non-word character at `start`. */
  readonly end: number;
  readonly isOrderId: boolean;
}

/**
 * The order-id scanner (R-EXT-6). Reads from `start`: one character if it is not a letter or digit; otherwise the
 * whole token there (runs of letters or digits joined by single separators), and
 * whether it is an order id. Each character is read once (the separator check looks
 * one ahead), so a scan of the text is linear. A token starts only where the previous
 * one ended, so it never has a letter, digit or joining separator before it.
 */
function scanToken(text: string, start: number, shape: OrderIdShape): Token {
  if (!isWordCharacter(text, start)) return { end: start + characterLength(text, start), isOrderId: false };
  const { groups, separator } = shape;
  let index = start;
  let group = 0;
  let fits = true;
  for (;;) {
    const runStart = index;
    while (index < text.length && isWordCharacter(text, index)) {
      // Only ASCII letters and digits make an order id; other scripts' letters end no token.
      if (!isAsciiLetterOrDigit(text.charCodeAt(index))) fits = false;
      index += characterLength(text, index);
    }
    if (index - runStart !== groups[group]) fits = false;
    group += 1;
    // A separator between two word characters joins the next run to this token.
    if (text[index] === separator && index + 1 < text.length && isWordCharacter(text, index + 1)) {
      index += 1;
      continue;
    }
    break;
  }
  const isOrderId = fits && group === groups.length && !isPlaceholder(text.slice(start, index), shape);
  return { end: index, isOrderId };
}

function isAsciiLetterOrDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

const OTHER_WORD_CHARACTER = /^[\p{L}\p{N}\p{M}]/u;

/** Is the character at `index` a letter, digit or combining mark of any script? */
function isWordCharacter(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  // Callers only ask for indexes below text.length, so `code` is never NaN.
  if (code < 128) return isAsciiLetterOrDigit(code);
  // The anchored, single-character test reads at most one code point: constant time.
  return OTHER_WORD_CHARACTER.test(String.fromCodePoint(text.codePointAt(index) as number));
}

/** 2 for a surrogate pair, else 1. */
function characterLength(text: string, index: number): number {
  const codePoint = text.codePointAt(index);
  return codePoint !== undefined && codePoint > 0xffff ? 2 : 1;
}
