/**
 * The library's one memo helper: what is built once per policy or per formatter key, never
 * an answer per input (docs/performance.md lists each use and why it is kept). A `WeakMap`
 * keyed by a policy keeps a value as long as the policy lives; a `Map` is cleared whole when
 * it reaches `limit`, so memory stays bounded however long a batch runs (a cleared entry is
 * only built again).
 */
interface Store<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
  /** A `Map`'s; a `WeakMap` has neither and is never cleared. */
  readonly size?: number;
  clear?(): void;
}

/** The value kept for `key`, built by `build` on first need (a `build` that throws keeps nothing). */
export function memoised<K, V>(store: Store<K, V>, key: K, build: (key: K) => V, limit?: number): V {
  let value = store.get(key);
  if (value === undefined) {
    value = build(key);
    // Without a limit, or for a WeakMap (no size), the comparison is with undefined: false.
    if ((store.size as number) >= (limit as number)) (store as Map<K, V>).clear();
    store.set(key, value);
  }
  return value;
}
