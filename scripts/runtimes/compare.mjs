// Compares the conformance reports of several runtimes (test/runtimes/corpus.mjs).
// Rule: two runtimes whose zone tables are the same (the same tz rules, as their own Intl
// shows them from 1900 through 2999) must write every corpus line byte for byte alike;
// where the tables differ, a line may differ only if it is about a zone whose table differs
// (those zones are named). Anything else is a failure.

/**
 * The entries of a table (`zones` or `locales`) that differ between two reports, each with
 * its first differing item and how many differ.
 */
export function entriesThatDiffer(a, b, table) {
  const differing = [];
  const names = [...new Set([...Object.keys(a[table]), ...Object.keys(b[table])])].sort();
  for (const name of names) {
    const left = a[table][name] ?? [];
    const right = b[table][name] ?? [];
    if (left.length === right.length && left.every((transition, index) => transition === right[index])) continue;
    const rightSet = new Set(right);
    const leftSet = new Set(left);
    const onlyLeft = left.filter((transition) => !rightSet.has(transition));
    const onlyRight = right.filter((transition) => !leftSet.has(transition));
    differing.push({ name, first: [...onlyLeft, ...onlyRight].sort()[0] ?? '', count: onlyLeft.length + onlyRight.length });
  }
  return differing;
}

/** Compares report `b` against report `a` line by line. */
export function comparePair(a, b) {
  const differing = entriesThatDiffer(a, b, 'zones');
  const differingLocales = entriesThatDiffer(a, b, 'locales');
  const differingNames = new Set([...differing, ...differingLocales].map((entry) => entry.name));
  const left = a.lines.split('\n');
  const right = b.lines.split('\n');
  const result = { matched: 0, explained: 0, explainedBy: {}, unexplained: [], differing, differingLocales, total: left.length - 1 };
  if (left.length !== right.length) {
    result.unexplained.push({ line: 0, a: `${left.length - 1} lines`, b: `${right.length - 1} lines` });
    return result;
  }
  for (let index = 0; index < left.length - 1; index += 1) {
    if (left[index] === right[index]) {
      result.matched += 1;
      continue;
    }
    const line = JSON.parse(left[index]);
    const cause = [...(line.zones ?? []), ...(line.locale === undefined ? [] : [line.locale])].find((name) => differingNames.has(name));
    if (cause === undefined) {
      result.unexplained.push({ line: index + 1, a: left[index], b: right[index] });
    } else {
      result.explained += 1;
      result.explainedBy[cause] = (result.explainedBy[cause] ?? 0) + 1;
    }
  }
  return result;
}

/**
 * Every report against the first (the reference) for the table, and every pair against each
 * other for the verdict: a pair with the same zone tables must agree on every line.
 */
export function compareReports(reports) {
  const [reference] = reports;
  const rows = reports.map((report) => ({ report, against: comparePair(reference, report) }));
  const failures = [];
  for (let i = 0; i < reports.length; i += 1) {
    for (let j = i + 1; j < reports.length; j += 1) {
      const pair = comparePair(reports[i], reports[j]);
      const names = `${reports[i].name} / ${reports[j].name}`;
      const sameTz = reports[i].tz !== null && reports[i].tz === reports[j].tz;
      if (sameTz && pair.differing.length > 0) {
        failures.push(
          `${names}: both say tz ${reports[i].tz}, yet their zones differ: ${pair.differing.map((entry) => entry.name).join(', ')}`,
        );
      }
      for (const line of pair.unexplained.slice(0, 3)) {
        failures.push(
          `${names}: line ${line.line} differs outside the zones and locales whose data differ\n  ${clip(line.a)}\n  ${clip(line.b)}`,
        );
      }
      if (pair.unexplained.length > 3) failures.push(`${names}: ${pair.unexplained.length - 3} more lines differ the same way`);
    }
  }
  return { rows, failures };
}

function clip(text) {
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}
