// Report status as the reports module keeps it.
import type { Db } from '../../store/database.js';
import { reportsForPeriod } from '../reports/repository.js';
import { reportStatusForWeek } from '../reports/status.js';
import type { ReportStatusSource } from './reportStatus.js';

/** What the reports module holds: a late report counts as filed. */
export function storedReportStatus(db: Db): ReportStatusSource {
  return {
    submittedUnits: (kind, day) =>
      new Set(kind === 'weekly' ? reportStatusForWeek(db, day).keys() : reportsForPeriod(db, 'final', day).keys()),
  };
}
