// A unit's report as the rest of the bot sees it: every submission is a version, kept for
// good; the latest one counts. The store (src/store/reports) reads and writes them.
import type { ReportFigures } from './figures.js';
import type { ReportingPeriod, ReportKind } from './week.js';

export interface ReportVersion {
  version: number;
  submittedAt: string;
  submittedBy: number | null;
  late: boolean;
  figures: ReportFigures;
}

export interface UnitReport {
  unitCode: string;
  kind: ReportKind;
  deadlineDay: string;
  from: string;
  to: string;
  firstSubmittedAt: string;
  late: boolean;
  /** The version that counts: the latest. */
  latest: ReportVersion;
}

export interface Submission {
  unitCode: string;
  period: ReportingPeriod;
  figures: ReportFigures;
  personId: number;
  at: Date;
}

/** What a submission did: its version number, whether late, whether it corrected an earlier one. */
export interface SubmissionOutcome {
  version: number;
  late: boolean;
  corrected: boolean;
}

/** One person's half-filled form for one unit and period. */
export interface DraftKey {
  personId: number;
  unitCode: string;
  kind: ReportKind;
  deadlineDay: string;
}
