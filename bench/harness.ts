import { Bench } from 'tinybench';

/**
 * A small harness over tinybench: each task runs a batch of `perSample` calls per
 * sample (single sub-microsecond calls are below the timer's resolution), and the
 * report gives the median per call and its ratio to the group's baseline, all
 * measured in the same run on the same machine.
 */
export interface BenchTask {
  readonly name: string;
  /** Runs `perSample` calls. */
  readonly run: () => unknown;
  readonly baseline?: boolean;
}

export interface BenchGroup {
  readonly title: string;
  readonly perSample: number;
  readonly tasks: readonly BenchTask[];
}

export interface BenchRow {
  readonly group: string;
  readonly task: string;
  readonly medianMicroseconds: number;
  readonly ratioToBaseline: number | undefined;
}

let sink: unknown;

export async function runGroup(group: BenchGroup, time = 1500): Promise<BenchRow[]> {
  const bench = new Bench({ time, warmup: true, warmupTime: 300 });
  for (const task of group.tasks)
    bench.add(task.name, () => {
      sink = task.run();
    });
  await bench.run();
  const medians = new Map<string, number>();
  for (const task of bench.tasks) {
    const result = task.result as { latency?: { p50?: number } } | undefined;
    medians.set(task.name, ((result?.latency?.p50 ?? Number.NaN) * 1000) / group.perSample);
  }
  const baseline = group.tasks.find((task) => task.baseline);
  const baselineMedian = baseline === undefined ? undefined : medians.get(baseline.name);
  return group.tasks.map((task) => {
    const median = medians.get(task.name) ?? Number.NaN;
    return {
      group: group.title,
      task: task.name,
      medianMicroseconds: median,
      ratioToBaseline: baselineMedian === undefined || task.baseline ? undefined : baselineMedian / median,
    };
  });
}

export function printRows(rows: readonly BenchRow[]): void {
  let group = '';
  for (const row of rows) {
    if (row.group !== group) {
      group = row.group;
      console.log(`\n${group}`);
    }
    const ratio = row.ratioToBaseline === undefined ? 'baseline' : `${row.ratioToBaseline.toFixed(1)}× faster than baseline`;
    console.log(`  ${row.task.padEnd(58)} ${formatMicros(row.medianMicroseconds).padStart(10)}  ${ratio}`);
  }
  void sink;
}

function formatMicros(value: number): string {
  return value >= 10 ? `${value.toFixed(1)} µs` : `${value.toFixed(3)} µs`;
}
