// The counts the provincial system already holds for a unit's own reporting period, to be
// offered as answers so a reporter confirms rather than retypes; but only when they cover
// the whole period: figures up to Monday are never offered as the week's.
import type { Store } from '../../store/index.js';
import { type Counts, sumCounts } from '../kpi.js';
import { addDays } from '../weeks.js';
import type { ReportingPeriod } from './week.js';

export interface SystemFigures {
  /** Summed over the days covered without a gap from the period's first day. */
  counts: Counts;
  /** The last of those days. */
  coveredUntil: string;
  /** True when they reach the period's last day. */
  complete: boolean;
}

/** One of the system's rows: its counts over the days from `from` to `to`. */
export interface StatisticSpan extends Counts {
  from: string;
  to: string;
}

type Period = Pick<ReportingPeriod, 'from' | 'to'>;

/**
 * The system's rows that lie inside the period (by first day, the longest first), walked
 * from its first day: each row that continues the covered days is counted; a gap or a row
 * reaching outside the period ends it.
 */
export function systemFiguresFrom(rows: readonly StatisticSpan[], period: Period): SystemFigures | undefined {
  let next = period.from;
  const counted: Counts[] = [];
  for (const row of rows) {
    if (row.from > next) break;
    if (row.to < next) continue; // inside days already counted (an overlapping row): never twice
    if (row.from < next) break; // overlaps counted days partly: cannot be split
    counted.push(row);
    next = addDays(row.to, 1);
  }
  if (counted.length === 0) return undefined;
  const coveredUntil = addDays(next, -1);
  return { counts: sumCounts(counted), coveredUntil, complete: coveredUntil >= period.to };
}

/** The counts of the rows when they cover the whole period, else undefined. */
export function importedCountsFrom(rows: readonly StatisticSpan[], period: Period): Counts | undefined {
  const figures = systemFiguresFrom(rows, period);
  return figures?.complete ? figures.counts : undefined;
}

/** What the system holds for a unit's period, complete or not. */
export async function systemFiguresFor(
  store: Pick<Store, 'reports'>,
  unitCode: string,
  period: Period,
): Promise<SystemFigures | undefined> {
  return systemFiguresFrom(await store.reports.statisticSpansWithin(unitCode, period), period);
}
