/**
 * The library's one bounded memo: a `Map` cleared whole when it reaches its limit. O(1),
 * exact (a cleared entry is only recomputed), and memory stays bounded however long a
 * batch runs. Every cache in the library goes through this.
 */
export const MEMO_LIMIT = 65_536;

/** Stores `value` under `key`, clearing the memo first when it is full; returns `value`. */
export function remember<K, V>(memo: Map<K, V>, key: K, value: V, limit = MEMO_LIMIT): V {
  if (memo.size >= limit) memo.clear();
  memo.set(key, value);
  return value;
}
