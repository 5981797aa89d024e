/**
 * "Did you mean": the closest of `candidates` to a misspelt `word`, when one is close
 * enough to be a slip of the keyboard (at most a third of the word's letters wrong, case
 * ignored), else `undefined`. Ties go to the first candidate, so the answer is stable.
 *
 * @example
 * closest('invoiceAmout', ['id', 'invoiceAmount']); //=> 'invoiceAmount'
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` (did you mean X?)` for a close candidate, written after `prefix` (`--` for a flag), or nothing. */
export function didYouMean(word: string, candidates: readonly string[], prefix = ''): string {
  const match = closest(word, candidates);
  return match === undefined ? '' : ` (did you mean ${prefix}${match}?)`;
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.
 *
 * @internal exported for tests only
 */
export function editDistance(a: string, b: string): number {
  // Three rows of the dynamic programme: two back (for swaps), one back, and this one.
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, (before[j - 2] as number) + 1);
      row.push(distance);
    }
    before = previous;
    previous = row;
  }
  return previous[b.length] as number;
}
