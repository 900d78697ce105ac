// What each measurement hands to the runner: rows for the summary table (each a value, its
// baseline from the same run, and a goal when the brief sets one) and notes for the report.

export interface ResultRow {
  part: string;
  what: string;
  value: string;
  baseline: string;
  /** value ÷ baseline, or a ratio asked for directly (achieved rate ÷ 30). */
  ratio?: number;
  goal?: string;
  met?: boolean;
}

export interface PartResult {
  part: string;
  title: string;
  rows: ResultRow[];
  /** Markdown paragraphs or tables with the detail behind the rows. */
  details: string[];
}

/** A measurement script prints its result as one line with this prefix; the runner reads it. */
export const RESULT_PREFIX = 'BENCH_RESULT ';

export function emit(result: PartResult): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

export const ms = (v: number): string =>
  Number.isFinite(v) ? (v >= 100 ? `${v.toFixed(0)} ms` : v >= 10 ? `${v.toFixed(1)} ms` : `${v.toFixed(2)} ms`) : '—';
export const perSecond = (v: number): string => (Number.isFinite(v) ? `${Math.round(v).toLocaleString('en-US')}/s` : '—');
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const x = (r: number | undefined): string =>
  r === undefined || !Number.isFinite(r) ? '—' : `${r < 0.1 ? r.toFixed(3) : r.toFixed(2)}×`;
