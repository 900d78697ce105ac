// Saving imported counts (all rows of a file in one transaction) and reading them summed
// over subtrees from the roll-up that triggers keep beside them: the work per question
// grows with the weeks and the children asked about, not with the units below.
import type { Db } from '../../store/database.js';
import { statement } from '../../store/statements.js';
import type { Unit, UnitKind } from '../units/types.js';
import { type Counts, ZERO_COUNTS, addCounts } from '../kpi.js';
import { weekEndOf } from '../weeks.js';
import type { SavedPeriod } from './statisticTable.js';
import type { StatisticRow } from './types.js';

export function saveStatistics(
  db: Db,
  rows: StatisticRow[],
  importedAt: Date,
  source?: string,
): { added: number; replaced: number } {
  const exists = db.prepare('SELECT 1 FROM unit_statistic WHERE unit_code = ? AND from_date = ? AND to_date = ?');
  const upsert = db.prepare(`INSERT INTO unit_statistic (unit_code, from_date, to_date, week_end, received_total,
      received_online, digitized, fee_dossiers, paid_online, imported_at, source)
    VALUES (@unitCode, @from, @to, @weekEnd, @receivedTotal, @receivedOnline, @digitized, @feeDossiers, @paidOnline, @importedAt, @source)
    ON CONFLICT(unit_code, from_date, to_date) DO UPDATE SET week_end = excluded.week_end,
      received_total = excluded.received_total, received_online = excluded.received_online,
      digitized = excluded.digitized, fee_dossiers = excluded.fee_dossiers, paid_online = excluded.paid_online,
      imported_at = excluded.imported_at, source = excluded.source`);
  let added = 0;
  let replaced = 0;
  db.transaction(() => {
    for (const row of rows) {
      if (exists.get(row.unitCode, row.from, row.to)) replaced++;
      else added++;
      upsert.run({ ...row, weekEnd: weekEndOf(row.to), importedAt: importedAt.toISOString(), source: source ?? null });
    }
  })();
  return { added, replaced };
}

export function savedPeriodsOf(db: Db): (code: string) => SavedPeriod[] {
  const query = db.prepare(
    'SELECT unit_code AS unitCode, from_date AS "from", to_date AS "to" FROM unit_statistic WHERE unit_code = ?',
  );
  return (code) => query.all(code) as SavedPeriod[];
}

const SUMS = `COALESCE(SUM(r.received_total), 0) AS receivedTotal, COALESCE(SUM(r.received_online), 0) AS receivedOnline,
  COALESCE(SUM(r.digitized), 0) AS digitized, COALESCE(SUM(r.fee_dossiers), 0) AS feeDossiers,
  COALESCE(SUM(r.paid_online), 0) AS paidOnline`;

function countsOf(row: Record<string, unknown> | undefined): Counts {
  if (!row) return { ...ZERO_COUNTS };
  return {
    receivedTotal: Number(row.receivedTotal ?? 0),
    receivedOnline: Number(row.receivedOnline ?? 0),
    digitized: Number(row.digitized ?? 0),
    feeDossiers: Number(row.feeDossiers ?? 0),
    paidOnline: Number(row.paidOnline ?? 0),
  };
}

export interface DayRange {
  /** Rows whose last day (`to`) lies in [from, to]. */
  from: string;
  to: string;
}

export interface WeeklyCounts {
  /** The period's last day (the reporting period's, or the ISO week's Sunday). */
  weekEnd: string;
  /** The last day any row of this week covers. */
  lastDay: string;
  counts: Counts;
}

/**
 * The subtree's counts per period (only periods that have rows), with each period's last
 * day. `periodEnd` names the period a day belongs to by its last day: the campaign's
 * reporting period, or an ISO week.
 */
export function periodCountsUnder(db: Db, unitCode: string, range: DayRange, periodEnd: (day: string) => string): WeeklyCounts[] {
  const days = statement(
    db,
    `SELECT r.to_date AS day, ${SUMS} FROM unit_statistic_rollup r
     WHERE r.ancestor_code = ? AND r.to_date BETWEEN ? AND ?
     GROUP BY r.to_date ORDER BY r.to_date`,
  ).all(unitCode, range.from, range.to) as Record<string, unknown>[];
  const periods: WeeklyCounts[] = [];
  for (const row of days) {
    const day = String(row.day);
    const end = periodEnd(day);
    const last = periods.at(-1);
    if (last && last.weekEnd === end) {
      last.lastDay = day;
      last.counts = addCounts(last.counts, countsOf(row));
    } else periods.push({ weekEnd: end, lastDay: day, counts: countsOf(row) });
  }
  return periods;
}

// Children are grouped by rowid, not code: the parent index hands each child's rows over in
// rowid order, so they are summed as they come instead of sorted first (half the time).

/** Each child's subtree counts over the range (only children of that kind, if given); children without rows get zeros. */
export function childCountsUnder(db: Db, parentCode: string, range: DayRange, kind?: UnitKind): Map<string, Counts> {
  const rows = statement(
    db,
    `SELECT ch.code AS code, ${SUMS} FROM unit ch
       LEFT JOIN unit_statistic_rollup r ON r.ancestor_code = ch.code AND r.to_date BETWEEN @from AND @to
     WHERE ch.parent_code = @parent ${kind ? 'AND ch.kind = @kind' : ''}
     GROUP BY ch.rowid`,
  ).all({ from: range.from, to: range.to, parent: parentCode, ...(kind ? { kind } : {}) }) as Record<string, unknown>[];
  return new Map(rows.map((r) => [String(r.code), countsOf(r)]));
}

export interface ChildCounts {
  unit: Pick<Unit, 'code' | 'name'>;
  counts: Counts;
}

/**
 * The children (by name) with their subtree counts over the range, zeros for those without
 * rows: one statement. Only the columns /tiendo shows: a grouped query copies every column
 * it returns for each row it sums, and a country sums thousands.
 */
export function childrenWithCountsUnder(db: Db, parentCode: string, range: DayRange): ChildCounts[] {
  const rows = statement(
    db,
    `SELECT u.code AS code, u.name AS name, ${SUMS} FROM unit u
       LEFT JOIN unit_statistic_rollup r ON r.ancestor_code = u.code AND r.to_date BETWEEN ? AND ?
     WHERE u.parent_code = ?
     GROUP BY u.rowid ORDER BY u.name`,
  ).all(range.from, range.to, parentCode) as ({ code: string; name: string } & Record<string, unknown>)[];
  return rows.map((r) => ({ unit: { code: r.code, name: r.name }, counts: countsOf(r) }));
}
