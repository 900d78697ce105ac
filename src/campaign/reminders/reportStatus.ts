// Which units have already filed the report of a round: they are not reminded, and they
// are not listed as missing.
import type { Db } from '../../store/database.js';
import { reportsForPeriod } from '../reports/repository.js';
import { reportStatusForWeek } from '../reports/status.js';
import type { ReportKind } from '../reports/week.js';

export interface ReportStatusSource {
  /** Units that have filed the report of this kind whose deadline falls on `deadlineDay`. */
  submittedUnits(kind: ReportKind, deadlineDay: string): ReadonlySet<string>;
}

/** What the reports module holds: a late report counts as filed. */
export function storedReportStatus(db: Db): ReportStatusSource {
  return {
    submittedUnits: (kind, day) =>
      new Set(kind === 'weekly' ? reportStatusForWeek(db, day).keys() : reportsForPeriod(db, 'final', day).keys()),
  };
}

/** Reads each round once per planning pass, however many rules ask. */
export function cachedReportStatus(source: ReportStatusSource): ReportStatusSource {
  const seen = new Map<string, ReadonlySet<string>>();
  return {
    submittedUnits(kind, day) {
      const key = `${kind}/${day}`;
      let units = seen.get(key);
      if (!units) seen.set(key, (units = source.submittedUnits(kind, day)));
      return units;
    },
  };
}
