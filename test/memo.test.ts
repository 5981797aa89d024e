import { describe, expect, it } from 'vitest';
import { memoised } from '../src/memo.js';

describe('memoised', () => {
  it('builds a value once per key and hands the same one back', () => {
    const memo = new WeakMap<object, { built: number }>();
    const key = {};
    let builds = 0;
    const build = () => ({ built: ++builds });
    const first = memoised(memo, key, build);
    expect(memoised(memo, key, build)).toBe(first);
    expect(builds).toBe(1);
    expect(memoised(memo, {}, build)).toEqual({ built: 2 });
  });

  it('passes the key to the builder and keeps nothing when the builder throws', () => {
    const memo = new Map<string, string>();
    expect(memoised(memo, 'a', (key) => `built from ${key}`)).toBe('built from a');
    expect(() =>
      memoised(memo, 'b', () => {
        throw new Error('no');
      }),
    ).toThrow('no');
    expect([...memo.keys()]).toEqual(['a']);
  });

  it('R-PURE-2 a bounded memo is cleared whole before the entry past its limit (65,536 here) is stored', () => {
    const memo = new Map<number, string>();
    for (let key = 0; key < 65_536; key += 1) memoised(memo, key, (k) => `value ${k}`, 65_536);
    expect(memo.size).toBe(65_536);
    expect(memoised(memo, 65_536, () => 'the next', 65_536)).toBe('the next');
    expect([...memo]).toEqual([[65_536, 'the next']]);
  });

  it('never clears a memo without a limit', () => {
    const memo = new Map<number, number>();
    for (let key = 0; key < 1_000; key += 1) memoised(memo, key, (k) => k);
    expect(memo.size).toBe(1_000);
  });
});
