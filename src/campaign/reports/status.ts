// Who has reported for a period and who has not. The units that must report are the
// campaign tree's departments, districts and communes that exist on the deadline day.
import type { Db } from '../../store/database.js';
import { UNIT_COLUMNS, unitFromRow } from '../units/repository.js';
import type { Unit, UnitKind } from '../units/types.js';
import { compareUnitNames } from '../units/nameOrder.js';
import { reportsForPeriod, type UnitReport } from './repository.js';
import type { ReportKind } from './week.js';

export const REPORTING_KINDS: readonly UnitKind[] = ['department', 'district', 'commune'];

/**
 * Units that have submitted the weekly report whose deadline falls on `deadlineDay`
 * (YYYY-MM-DD): when they first submitted, and whether that was after the deadline.
 */
export function reportStatusForWeek(db: Db, deadlineDay: string): Map<string, { submittedAt: string; late: boolean }> {
  const rows = db
    .prepare(`SELECT unit_code, first_submitted_at, late FROM unit_report WHERE kind = 'weekly' AND deadline_day = ?`)
    .all(deadlineDay) as { unit_code: string; first_submitted_at: string; late: number }[];
  return new Map(rows.map((r) => [r.unit_code, { submittedAt: r.first_submitted_at, late: r.late === 1 }]));
}

/** The reporting units at or under `rootCode` on `day`, in tree order (parents before children). */
export function reportingUnitsUnder(db: Db, rootCode: string, day: string): Unit[] {
  const placeholders = REPORTING_KINDS.map(() => '?').join(', ');
  const rows = db
    .prepare(
      `SELECT ${UNIT_COLUMNS}, c.depth FROM unit_closure c JOIN unit u ON u.code = c.descendant_code
       WHERE c.ancestor_code = ? AND u.kind IN (${placeholders})
         AND (u.valid_from IS NULL OR u.valid_from <= ?) AND (u.valid_to IS NULL OR u.valid_to >= ?)
       ORDER BY c.depth`,
    )
    .all(rootCode, ...REPORTING_KINDS, day, day) as (Parameters<typeof unitFromRow>[0] & { depth: number })[];
  return rows.sort((a, b) => a.depth - b.depth || compareUnitNames(a.name, b.name)).map(unitFromRow);
}

export function mustReport(unit: Unit): boolean {
  return REPORTING_KINDS.includes(unit.kind);
}

export type FilingState = 'onTime' | 'late' | 'missing';

export interface UnitFiling {
  unit: Unit;
  state: FilingState;
  report?: UnitReport;
}

/** Each reporting unit under `rootCode` with its filing for the period. */
export function filingsUnder(db: Db, rootCode: string, kind: ReportKind, deadlineDay: string): UnitFiling[] {
  const reports = reportsForPeriod(db, kind, deadlineDay);
  return reportingUnitsUnder(db, rootCode, deadlineDay).map((unit) => {
    const report = reports.get(unit.code);
    if (!report) return { unit, state: 'missing' as const };
    return { unit, state: report.late ? ('late' as const) : ('onTime' as const), report };
  });
}
