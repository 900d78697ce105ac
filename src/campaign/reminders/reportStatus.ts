// Which units have already filed the report of a round: they are not reminded, and they
// are not listed as missing.
import type { ReportKind } from '../reports/week.js';

export interface ReportStatusSource {
  /** Units that have filed the report of this kind whose deadline falls on `deadlineDay`. */
  submittedUnits(kind: ReportKind, deadlineDay: string): Promise<ReadonlySet<string>>;
}

/** Reads each round once per planning pass, however many rules ask. */
export function cachedReportStatus(source: ReportStatusSource): ReportStatusSource {
  const seen = new Map<string, Promise<ReadonlySet<string>>>();
  return {
    submittedUnits(kind, day) {
      const key = `${kind}/${day}`;
      let units = seen.get(key);
      if (!units) seen.set(key, (units = source.submittedUnits(kind, day)));
      return units;
    },
  };
}
