// Reports in the store: each submission is a new version in one transaction with its
// report row; nothing is ever overwritten, so who filed what and when stays on record.
import { z } from 'zod';
import type { Db } from '../../store/database.js';
import type { ReportAnswers, ReportFigures } from './figures.js';
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

const VERSION_COLUMNS = `v.version, v.submitted_at, v.submitted_by, v.late AS version_late, v.received_total, v.received_online,
  v.digitized, v.fee_dossiers, v.paid_online, v.accounts_helped, v.payments_helped, v.difficulties, v.proposals`;

interface VersionRow {
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

interface ReportRow extends VersionRow {
  unit_code: string;
  kind: ReportKind;
  deadline_day: string;
  period_from: string;
  period_to: string;
  first_submitted_at: string;
  late: number;
}

function versionFrom(row: VersionRow): ReportVersion {
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

function reportFrom(row: ReportRow): UnitReport {
  return {
    unitCode: row.unit_code,
    kind: row.kind,
    deadlineDay: row.deadline_day,
    from: row.period_from,
    to: row.period_to,
    firstSubmittedAt: row.first_submitted_at,
    late: row.late === 1,
    latest: versionFrom(row),
  };
}

const REPORT_SELECT = `SELECT r.unit_code, r.kind, r.deadline_day, r.period_from, r.period_to, r.first_submitted_at, r.late, ${VERSION_COLUMNS}
  FROM unit_report r JOIN unit_report_version v ON v.report_id = r.id AND v.version = r.latest_version`;

export interface Submission {
  unitCode: string;
  period: ReportingPeriod;
  figures: ReportFigures;
  personId: number;
  at: Date;
}

/** Saves a new version; the first makes the report, later ones are corrections. */
export function submitReport(db: Db, s: Submission): { version: number; late: boolean; corrected: boolean } {
  return db.transaction(() => {
    const late = s.at > s.period.deadline ? 1 : 0;
    const existing = db
      .prepare('SELECT id, latest_version FROM unit_report WHERE unit_code = ? AND kind = ? AND deadline_day = ?')
      .get(s.unitCode, s.period.kind, s.period.deadlineDay) as { id: number; latest_version: number } | undefined;
    let reportId: number;
    let version: number;
    if (existing) {
      reportId = existing.id;
      version = existing.latest_version + 1;
      db.prepare('UPDATE unit_report SET latest_version = ? WHERE id = ?').run(version, reportId);
    } else {
      version = 1;
      reportId = Number(
        db
          .prepare(
            `INSERT INTO unit_report (unit_code, kind, deadline_day, period_from, period_to, first_submitted_at, late, latest_version)
             VALUES (?, ?, ?, ?, ?, ?, ?, 1)`,
          )
          .run(s.unitCode, s.period.kind, s.period.deadlineDay, s.period.from, s.period.to, s.at.toISOString(), late)
          .lastInsertRowid,
      );
    }
    const f = s.figures;
    db.prepare(
      `INSERT INTO unit_report_version (report_id, version, submitted_at, submitted_by, late, received_total, received_online,
         digitized, fee_dossiers, paid_online, accounts_helped, payments_helped, difficulties, proposals)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      reportId,
      version,
      s.at.toISOString(),
      s.personId,
      late,
      f.receivedTotal,
      f.receivedOnline,
      f.digitized,
      f.feeDossiers,
      f.paidOnline,
      f.accountsHelped,
      f.paymentsHelped,
      f.difficulties,
      f.proposals,
    );
    return { version, late: late === 1, corrected: existing !== undefined };
  })();
}

export function reportOf(db: Db, unitCode: string, kind: ReportKind, deadlineDay: string): UnitReport | undefined {
  const row = db
    .prepare(`${REPORT_SELECT} WHERE r.unit_code = ? AND r.kind = ? AND r.deadline_day = ?`)
    .get(unitCode, kind, deadlineDay) as ReportRow | undefined;
  return row ? reportFrom(row) : undefined;
}

/** Every report filed for a period, by unit code. */
export function reportsForPeriod(db: Db, kind: ReportKind, deadlineDay: string): Map<string, UnitReport> {
  const rows = db.prepare(`${REPORT_SELECT} WHERE r.kind = ? AND r.deadline_day = ?`).all(kind, deadlineDay) as ReportRow[];
  return new Map(rows.map((r) => [r.unit_code, reportFrom(r)]));
}

/** Every weekly report with a deadline day in [from, to], latest versions. */
export function weeklyReportsBetween(db: Db, from: string, to: string): UnitReport[] {
  const rows = db
    .prepare(`${REPORT_SELECT} WHERE r.kind = 'weekly' AND r.deadline_day BETWEEN ? AND ? ORDER BY r.deadline_day, r.unit_code`)
    .all(from, to) as ReportRow[];
  return rows.map(reportFrom);
}

export function versionsOf(db: Db, unitCode: string, kind: ReportKind, deadlineDay: string): ReportVersion[] {
  const rows = db
    .prepare(
      `SELECT ${VERSION_COLUMNS} FROM unit_report r JOIN unit_report_version v ON v.report_id = r.id
       WHERE r.unit_code = ? AND r.kind = ? AND r.deadline_day = ? ORDER BY v.version`,
    )
    .all(unitCode, kind, deadlineDay) as VersionRow[];
  return rows.map(versionFrom);
}

// Drafts are read back through zod: a row written by an older version of the form, or
// edited by hand, is dropped rather than trusted.
const count = z.number().int().nonnegative();
const DraftAnswersSchema = z.object({
  receivedTotal: count.optional(),
  receivedOnline: count.optional(),
  digitized: count.optional(),
  feeDossiers: count.optional(),
  paidOnline: count.optional(),
  accountsHelped: count.optional(),
  paymentsHelped: count.optional(),
  difficulties: z.string().optional(),
  proposals: z.string().optional(),
});

export interface DraftKey {
  personId: number;
  unitCode: string;
  kind: ReportKind;
  deadlineDay: string;
}

export function draftOf(db: Db, key: DraftKey): ReportAnswers | undefined {
  const row = db
    .prepare('SELECT answers FROM unit_report_draft WHERE person_id = ? AND unit_code = ? AND kind = ? AND deadline_day = ?')
    .get(key.personId, key.unitCode, key.kind, key.deadlineDay) as { answers: string } | undefined;
  if (!row) return undefined;
  const parsed = DraftAnswersSchema.safeParse(JSON.parse(row.answers));
  return parsed.success ? parsed.data : undefined;
}

export function saveDraft(db: Db, key: DraftKey, answers: ReportAnswers, at: Date): void {
  db.prepare(
    `INSERT INTO unit_report_draft (person_id, unit_code, kind, deadline_day, answers, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(person_id, unit_code, kind, deadline_day) DO UPDATE SET answers = excluded.answers, updated_at = excluded.updated_at`,
  ).run(key.personId, key.unitCode, key.kind, key.deadlineDay, JSON.stringify(answers), at.toISOString());
}

export function deleteDraft(db: Db, key: DraftKey): void {
  db.prepare('DELETE FROM unit_report_draft WHERE person_id = ? AND unit_code = ? AND kind = ? AND deadline_day = ?').run(
    key.personId,
    key.unitCode,
    key.kind,
    key.deadlineDay,
  );
}
