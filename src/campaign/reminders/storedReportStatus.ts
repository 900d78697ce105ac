// Report status as the reports module keeps it.
import type { Store } from '../../store/index.js';
import type { ReportStatusSource } from './reportStatus.js';

/** What the reports module holds: a late report counts as filed. */
export function storedReportStatus(store: Pick<Store, 'reports'>): ReportStatusSource {
  return {
    submittedUnits: async (kind, day) =>
      new Set(
        kind === 'weekly'
          ? (await store.reports.reportStatusForWeek(day)).keys()
          : (await store.reports.reportsForPeriod('final', day)).keys(),
      ),
  };
}
