// The counts the provincial system already holds for a unit's own reporting period, to be
// offered as answers so a reporter confirms rather than retypes.
import type { Db } from '../../store/database.js';
import type { Counts } from '../kpi.js';
import { weekEndOf } from '../weeks.js';
import type { ReportingPeriod } from './week.js';

export function importedCountsFor(db: Db, unitCode: string, period: ReportingPeriod): Counts | undefined {
  const where = period.kind === 'weekly' ? 'week_end = @weekEnd' : 'to_date BETWEEN @from AND @to';
  const row = db
    .prepare(
      `SELECT count(*) AS n, SUM(received_total) AS receivedTotal, SUM(received_online) AS receivedOnline,
         SUM(digitized) AS digitized, SUM(fee_dossiers) AS feeDossiers, SUM(paid_online) AS paidOnline
       FROM unit_statistic WHERE unit_code = @unit AND ${where}`,
    )
    .get({ unit: unitCode, weekEnd: weekEndOf(period.deadlineDay), from: period.from, to: period.to }) as Record<string, number>;
  if (!row || row.n === 0) return undefined;
  return {
    receivedTotal: row.receivedTotal ?? 0,
    receivedOnline: row.receivedOnline ?? 0,
    digitized: row.digitized ?? 0,
    feeDossiers: row.feeDossiers ?? 0,
    paidOnline: row.paidOnline ?? 0,
  };
}
