// Reports in the store: each submission is a new version, written in one transaction with
// its report row and its audit record; nothing is ever overwritten, so who filed what and
// when stays on record.
import type { Kysely } from 'kysely';
import { countsOf } from '../../campaign/reports/figures.js';
import type { ReportVersion, Submission, SubmissionOutcome, UnitReport } from '../../campaign/reports/types.js';
import type { ReportKind } from '../../campaign/reports/week.js';
import type { AuditAction } from '../core/audit.js';
import type { DB } from '../schema.js';
import { REPORT_COLUMNS, reportFrom, VERSION_COLUMNS, versionFrom } from './rows.js';

/** The reports and their versions, over one Kysely connection (or pool). */
export function reportQueries(db: Kysely<DB>) {
  /** Every report with its latest version. */
  const latest = () =>
    db
      .selectFrom('unit_report as r')
      .innerJoin('unit_report_version as v', (join) =>
        join.onRef('v.report_id', '=', 'r.id').onRef('v.version', '=', 'r.latest_version'),
      )
      .select([...REPORT_COLUMNS, ...VERSION_COLUMNS]);

  return {
    /** Saves a new version; the first makes the report, later ones are corrections. */
    async submitReport(s: Submission): Promise<SubmissionOutcome> {
      const at = s.at.toISOString();
      const late = s.at > s.period.deadline ? 1 : 0;
      return await db.transaction().execute(async (trx) => {
        // One statement numbers the version: concurrent corrections queue on the report row.
        const report = await trx
          .insertInto('unit_report')
          .values({
            unit_code: s.unitCode,
            kind: s.period.kind,
            deadline_day: s.period.deadlineDay,
            period_from: s.period.from,
            period_to: s.period.to,
            first_submitted_at: at,
            late,
            latest_version: 1,
          })
          .onConflict((oc) =>
            oc
              .columns(['unit_code', 'kind', 'deadline_day'])
              .doUpdateSet({ latest_version: (eb) => eb('unit_report.latest_version', '+', 1) }),
          )
          .returning(['id', 'latest_version'])
          .executeTakeFirstOrThrow();
        const version = report.latest_version;
        const f = s.figures;
        await trx
          .insertInto('unit_report_version')
          .values({
            report_id: report.id,
            version,
            submitted_at: at,
            submitted_by: s.personId,
            late,
            received_total: f.receivedTotal,
            received_online: f.receivedOnline,
            digitized: f.digitized,
            fee_dossiers: f.feeDossiers,
            paid_online: f.paidOnline,
            accounts_helped: f.accountsHelped,
            payments_helped: f.paymentsHelped,
            difficulties: f.difficulties,
            proposals: f.proposals,
          })
          .execute();
        const outcome: SubmissionOutcome = { version, late: late === 1, corrected: version > 1 };
        // The audit log is append-only: this row is only ever inserted.
        const action: AuditAction = outcome.corrected ? 'report.corrected' : 'report.submitted';
        await trx
          .insertInto('audit_event')
          .values({
            at,
            actor_id: s.personId,
            action,
            unit_code: s.unitCode,
            subject: `${s.period.kind}:${s.period.deadlineDay}`,
            details: JSON.stringify({
              version,
              late: outcome.late,
              ...countsOf(f),
              accountsHelped: f.accountsHelped,
              paymentsHelped: f.paymentsHelped,
            }),
          })
          .execute();
        return outcome;
      });
    },

    /** A unit's report for a period, with its latest version. */
    async reportOf(unitCode: string, kind: ReportKind, deadlineDay: string): Promise<UnitReport | undefined> {
      const row = await latest()
        .where('r.unit_code', '=', unitCode)
        .where('r.kind', '=', kind)
        .where('r.deadline_day', '=', deadlineDay)
        .executeTakeFirst();
      return row ? reportFrom(row) : undefined;
    },

    /** Every report filed for a period, by unit code. */
    async reportsForPeriod(kind: ReportKind, deadlineDay: string): Promise<Map<string, UnitReport>> {
      const rows = await latest().where('r.kind', '=', kind).where('r.deadline_day', '=', deadlineDay).execute();
      return new Map(rows.map((r) => [r.unit_code, reportFrom(r)]));
    },

    /** Every weekly report with a deadline day in [from, to], latest versions. */
    async weeklyReportsBetween(from: string, to: string): Promise<UnitReport[]> {
      const rows = await latest()
        .where('r.kind', '=', 'weekly')
        .where('r.deadline_day', '>=', from)
        .where('r.deadline_day', '<=', to)
        .orderBy('r.deadline_day')
        .orderBy('r.unit_code')
        .execute();
      return rows.map(reportFrom);
    },

    /** Every version of a unit's report, first to latest. */
    async versionsOf(unitCode: string, kind: ReportKind, deadlineDay: string): Promise<ReportVersion[]> {
      const rows = await db
        .selectFrom('unit_report as r')
        .innerJoin('unit_report_version as v', 'v.report_id', 'r.id')
        .select(VERSION_COLUMNS)
        .where('r.unit_code', '=', unitCode)
        .where('r.kind', '=', kind)
        .where('r.deadline_day', '=', deadlineDay)
        .orderBy('v.version')
        .execute();
      return rows.map(versionFrom);
    },

    /**
     * Units that have submitted the weekly report whose deadline falls on `deadlineDay`
     * (YYYY-MM-DD): when they first submitted, and whether that was after the deadline.
     */
    async reportStatusForWeek(deadlineDay: string): Promise<Map<string, { submittedAt: string; late: boolean }>> {
      const rows = await db
        .selectFrom('unit_report')
        .select(['unit_code', 'first_submitted_at', 'late'])
        .where('kind', '=', 'weekly')
        .where('deadline_day', '=', deadlineDay)
        .execute();
      return new Map(rows.map((r) => [r.unit_code, { submittedAt: r.first_submitted_at, late: r.late === 1 }]));
    },

    /** How many versions a person submitted (the record kept about them). */
    async versionsSubmittedBy(personId: number): Promise<number> {
      const row = await db
        .selectFrom('unit_report_version')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('submitted_by', '=', personId)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}
