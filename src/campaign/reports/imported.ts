// The counts the provincial system already holds for a unit's own reporting period, to be
// offered as answers so a reporter confirms rather than retypes; but only when they cover
// the whole period: figures up to Monday are never offered as the week's.
import type { Db } from '../../store/database.js';
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

interface StatisticSpan extends Counts {
  from: string;
  to: string;
}

/**
 * The system's rows that lie inside the period, walked from its first day: each row that
 * continues the covered days is counted; a gap or a row reaching outside the period ends it.
 */
export function systemFiguresFor(
  db: Db,
  unitCode: string,
  period: Pick<ReportingPeriod, 'from' | 'to'>,
): SystemFigures | undefined {
  const rows = db
    .prepare(
      `SELECT from_date AS "from", to_date AS "to", received_total AS receivedTotal, received_online AS receivedOnline,
         digitized, fee_dossiers AS feeDossiers, paid_online AS paidOnline
       FROM unit_statistic WHERE unit_code = ? AND from_date >= ? AND to_date <= ? ORDER BY from_date, to_date DESC`,
    )
    .all(unitCode, period.from, period.to) as StatisticSpan[];
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

/** The system's counts for the whole period, or undefined when it does not cover all of it. */
export function importedCountsFor(db: Db, unitCode: string, period: Pick<ReportingPeriod, 'from' | 'to'>): Counts | undefined {
  const figures = systemFiguresFor(db, unitCode, period);
  return figures?.complete ? figures.counts : undefined;
}
