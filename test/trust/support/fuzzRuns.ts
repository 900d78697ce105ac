// How many inputs each property tries: small enough for `npm test` on two cores, larger
// with FUZZ_RUNS (a multiplier, e.g. FUZZ_RUNS=50 from scripts/fuzz.sh).
const scale = Number(process.env.FUZZ_RUNS ?? '1');

export function fuzzRuns(base: number): number {
  return Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

/** Per-test time limit that grows with the number of runs. */
export function fuzzTimeout(baseMs: number): number {
  return Math.max(baseMs, Math.round(baseMs * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}
