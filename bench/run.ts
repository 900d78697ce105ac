// `npm run bench`: runs every measurement three times, each in its own Node process and
// bounded in time, prints the summary table and writes docs/benchmarks.md. Every figure is
// set against a baseline measured in the same run on the same machine, and every row is
// the run with the median ratio, its spread shown. `npm run bench -- --quick` runs each part
// once at reduced size, to check the benchmarks work; it writes no report. Part 8 needs a
// PostgreSQL server (BENCH_DATABASE_URL, else TEST_DATABASE_URL) and says so without one.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { describeMachine } from './support/machine.js';
import { BENCH_DIR, ROOT } from './support/processes.js';
import { RESULT_PREFIX, x, type PartResult, type ResultRow } from './support/result.js';

interface Part {
  file: string;
  title: string;
  timeoutMs: number;
  nodeArgs?: string[];
}

const PARTS: Part[] = [
  { file: 'ingest.ts', title: '1. Webhook ingest', timeoutMs: 240_000 },
  { file: 'tiendo.ts', title: '2. /tiendo at national scale', timeoutMs: 150_000 },
  { file: 'compilation.ts', title: '3. Compilation', timeoutMs: 90_000 },
  { file: 'fanout.ts', title: '4. Fan-out', timeoutMs: 90_000 },
  { file: 'memory.ts', title: '5. Memory and start', timeoutMs: 120_000, nodeArgs: ['--expose-gc'] },
  { file: 'flows.ts', title: '6. Flows', timeoutMs: 60_000 },
  { file: 'masking.ts', title: '7. Masking personal data', timeoutMs: 60_000 },
  { file: 'postgres.ts', title: '8. PostgreSQL and replicas', timeoutMs: 330_000 },
  { file: 'dashboard.ts', title: '9. Dashboard overview at national scale', timeoutMs: 150_000 },
];

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const quick = process.argv.includes('--quick');
const selected = only.length ? PARTS.filter((p) => only.some((o) => p.file.startsWith(o))) : PARTS;
/** Runs of each part; a row is the median of them. */
const REPEATS = quick ? 1 : 3;
/** Sizes for --quick: every part still runs, in a fraction of the time. */
const QUICK_ENV: Record<string, string> = {
  // Parts 2 and 9 (the national tree).
  BENCH_TREE_UNITS: '1500',
  BENCH_POSTGRES_TREE_UNITS: '800',
  BENCH_INGEST_SECONDS: '1',
  BENCH_INGEST_WARMUP: '1',
  BENCH_ZALO_BURST: '300',
  BENCH_PEOPLE: '1000',
  BENCH_RETURNING_PEOPLE: '150',
  BENCH_FANOUT_PER_CHAT: '3',
  BENCH_FANOUT_REMINDERS: '60',
};
// The runner repeats each part, so a part need not repeat itself.
const PART_ENV: Record<string, string> = { BENCH_FANOUT_RUNS: '1', ...(quick ? QUICK_ENV : {}) };

function runPart(part: Part): Promise<PartResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...(part.nodeArgs ?? []), '--import', 'tsx', join(BENCH_DIR, part.file)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...PART_ENV },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      if (child.exitCode !== null) return;
      timedOut = true;
      // SIGTERM first, so a part can undo what it made (postgres.ts drops its schemas).
      child.kill('SIGTERM');
      setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'), 10_000).unref();
    }, part.timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      const line = out.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (line) {
        const result = JSON.parse(line.slice(RESULT_PREFIX.length)) as PartResult;
        console.error(`${part.title}: done in ${seconds} s`);
        resolve(result);
        return;
      }
      const why = timedOut ? `stopped after ${part.timeoutMs / 1000} s` : `exited with ${code ?? signal}`;
      console.error(`${part.title}: no result (${why})`);
      resolve({
        part: part.file,
        title: part.title,
        rows: [{ part: part.title, what: 'not measured', value: why, baseline: '—' }],
        details: [`Not measured: ${why}.`],
      });
    });
  });
}

interface Repeated {
  result: PartResult;
  /** The 1-minute load average before each run. */
  loads: number[];
}

async function runRepeated(part: Part): Promise<Repeated> {
  const runs: PartResult[] = [];
  const loads: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    loads.push(loadavg()[0]!);
    runs.push(await runPart(part));
  }
  return { result: mergeRuns(runs), loads };
}

/**
 * One row per measure across the runs: the run whose ratio is the median gives the value,
 * with the ratios' spread; a goal without a ratio (a count that must be 0) is met only if
 * every run met it, and shows the worst run.
 */
function mergeRuns(runs: PartResult[]): PartResult {
  const last = runs.at(-1)!;
  if (runs.length === 1) return last;
  const rows = last.rows.map((row) => {
    const same = runs.flatMap((r) => r.rows.filter((o) => o.what === row.what));
    const ratios = same.flatMap((o) => (o.ratio !== undefined && Number.isFinite(o.ratio) ? [o] : []));
    if (ratios.length === 0) {
      const worst = same.find((o) => o.met === false) ?? same[0]!;
      return { ...worst, what: `${row.what} (${same.length} runs)` };
    }
    const sorted = [...ratios].sort((a, b) => a.ratio! - b.ratio!);
    const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
    const spread = `${x(sorted[0]!.ratio)}–${x(sorted.at(-1)!.ratio)}`;
    return { ...median, what: `${row.what} (median of ${ratios.length}, ratio ${spread})` };
  });
  return { ...last, rows };
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function table(rows: ResultRow[]): string[] {
  return [
    '| part | measure | value | baseline (same run) | ratio | goal | met |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${cell(r.part)} | ${cell(r.what)} | ${cell(r.value)} | ${cell(r.baseline)} | ${x(r.ratio)} | ${cell(r.goal ?? '—')} | ${r.met === undefined ? '—' : r.met ? 'yes' : '**no**'} |`,
    ),
  ];
}

const machine = describeMachine();
const started = new Date();
const t0 = performance.now();
const repeated: Repeated[] = [];
for (const part of selected) repeated.push(await runRepeated(part));
const results = repeated.map((r) => r.result);
const totalS = (performance.now() - t0) / 1000;

const rows = results.flatMap((r) => r.rows);
const summary = table(rows);
console.log(summary.join('\n'));

const analysis = readFileSync(join(BENCH_DIR, 'analysis.md'), 'utf8').trim();
const doc = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (bench/run.ts). Every figure is set against a baseline measured in the same run on the',
  'same machine; on a shared machine the ratios are what carry over, the absolute times are not.',
  '',
  `Run of ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${totalS.toFixed(0)} s in all, on: ${machine}.`,
  '',
  '## Summary',
  '',
  ...summary,
  '',
  ...repeated.flatMap(({ result: r, loads }) => [
    `## ${r.title}`,
    '',
    `Load average (1 min) before each run: ${loads.map((l) => l.toFixed(2)).join(', ')}. The detail below is the last run's.`,
    '',
    ...r.details,
    '',
  ]),
  analysis,
  '',
].join('\n');
if (only.length === 0 && !quick) writeFileSync(join(ROOT, 'docs', 'benchmarks.md'), doc);
else console.error(`${quick ? 'A quick run' : 'Only some parts were run'}: docs/benchmarks.md is left as it was.`);
console.error(`bench: ${totalS.toFixed(0)} s`);
