// Timing and summarising: percentiles over repeated samples, and the ratio every result is
// reported as (absolute times on a shared machine are noise; ratios in one run are not).

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface Timing {
  p50: number;
  p95: number;
  n: number;
}

/** Runs `task` after `warmup` unmeasured runs, `runs` times or until `budgetMs` is spent; milliseconds. */
export async function timeRuns(task: () => unknown, opts: { runs: number; warmup?: number; budgetMs?: number }): Promise<Timing> {
  for (let i = 0; i < (opts.warmup ?? 3); i++) await task();
  const samples: number[] = [];
  const deadline = performance.now() + (opts.budgetMs ?? 20_000);
  while (samples.length < opts.runs && (samples.length < 5 || performance.now() < deadline)) {
    const t0 = performance.now();
    await task();
    samples.push(performance.now() - t0);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), n: samples.length };
}

/** Operations per second of a synchronous task, over about `ms` of wall time. */
export function throughput(task: (i: number) => unknown, ms: number): number {
  let i = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    for (let k = 0; k < 100; k++) task(i++);
    elapsed = performance.now() - t0;
  } while (elapsed < ms);
  return (i / elapsed) * 1000;
}
