/**
 * The library's one bounded memo for values keyed by other values: a `Map` cleared whole
 * when it reaches its limit. O(1), exact (a cleared entry is only recomputed), and memory
 * stays bounded however long a batch runs. Its one user today is `formatMoney`'s
 * `Intl.NumberFormat` per locale and currency. The other things built once are not memos
 * of answers and need no bound: each policy's compiled form, fee decimals and reminder plan
 * live in `WeakMap`s keyed by the policy (they go when it goes), and the clock keeps one
 * engine per time zone that exists (docs/performance.md lists them all, with their gains).
 */
const MEMO_LIMIT = 65_536;

/** Stores `value` under `key`, clearing the memo first when it is full; returns `value`. */
export function remember<K, V>(memo: Map<K, V>, key: K, value: V, limit = MEMO_LIMIT): V {
  if (memo.size >= limit) memo.clear();
  memo.set(key, value);
  return value;
}
