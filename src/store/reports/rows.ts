// Reading report rows: the version columns every report query selects, and the domain
// objects made from them.
import type { ReportVersion, UnitReport } from '../../campaign/reports/types.js';
import type { ReportKind } from '../../campaign/reports/week.js';

/** The columns of a version (`v`), selected as they are named below. */
export const VERSION_COLUMNS = [
  'v.version',
  'v.submitted_at',
  'v.submitted_by',
  'v.late as version_late',
  'v.received_total',
  'v.received_online',
  'v.digitized',
  'v.fee_dossiers',
  'v.paid_online',
  'v.accounts_helped',
  'v.payments_helped',
  'v.difficulties',
  'v.proposals',
] as const;

/** The columns of a report (`r`) read with its latest version. */
export const REPORT_COLUMNS = [
  'r.unit_code',
  'r.kind',
  'r.deadline_day',
  'r.period_from',
  'r.period_to',
  'r.first_submitted_at',
  'r.late',
] as const;

export interface VersionRow {
  version: number;
  submitted_at: string;
  submitted_by: number | null;
  version_late: number;
  received_total: number;
  received_online: number;
  digitized: number;
  fee_dossiers: number;
  paid_online: number;
  accounts_helped: number;
  payments_helped: number;
  difficulties: string;
  proposals: string;
}

export interface ReportRow extends VersionRow {
  unit_code: string;
  kind: string;
  deadline_day: string;
  period_from: string;
  period_to: string;
  first_submitted_at: string;
  late: number;
}

/** A version row as the domain's version. */
export function versionFrom(row: VersionRow): ReportVersion {
  return {
    version: row.version,
    submittedAt: row.submitted_at,
    submittedBy: row.submitted_by,
    late: row.version_late === 1,
    figures: {
      receivedTotal: row.received_total,
      receivedOnline: row.received_online,
      digitized: row.digitized,
      feeDossiers: row.fee_dossiers,
      paidOnline: row.paid_online,
      accountsHelped: row.accounts_helped,
      paymentsHelped: row.payments_helped,
      difficulties: row.difficulties,
      proposals: row.proposals,
    },
  };
}

/** A report row joined with its latest version as the domain's report. */
export function reportFrom(row: ReportRow): UnitReport {
  return {
    unitCode: row.unit_code,
    kind: row.kind as ReportKind,
    deadlineDay: row.deadline_day,
    from: row.period_from,
    to: row.period_to,
    firstSubmittedAt: row.first_submitted_at,
    late: row.late === 1,
    latest: versionFrom(row),
  };
}
