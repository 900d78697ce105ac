// Half-filled /baocao forms, one per person, unit and period, so a form survives restarts
// and detours. Read back through zod: a row written by an older version of the form, or
// edited by hand, is dropped rather than trusted.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ReportAnswers } from '../../campaign/reports/figures.js';
import type { DraftKey } from '../../campaign/reports/types.js';
import type { DB } from '../schema.js';

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

function parsedAnswers(text: string): ReportAnswers | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = DraftAnswersSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** The drafts of the report form, over one Kysely connection (or pool). */
export function draftQueries(db: Kysely<DB>) {
  const byKey = (key: DraftKey) =>
    db
      .selectFrom('unit_report_draft')
      .where('person_id', '=', key.personId)
      .where('unit_code', '=', key.unitCode)
      .where('kind', '=', key.kind)
      .where('deadline_day', '=', key.deadlineDay);

  return {
    /** The answers saved so far, or undefined when there is no usable draft. */
    async draftOf(key: DraftKey): Promise<ReportAnswers | undefined> {
      const row = await byKey(key).select('answers').executeTakeFirst();
      return row ? parsedAnswers(row.answers) : undefined;
    },

    /** Keeps the answers, replacing the draft's earlier ones. */
    async saveDraft(key: DraftKey, answers: ReportAnswers, at: Date): Promise<void> {
      const values = { answers: JSON.stringify(answers), updated_at: at.toISOString() };
      await db
        .insertInto('unit_report_draft')
        .values({ person_id: key.personId, unit_code: key.unitCode, kind: key.kind, deadline_day: key.deadlineDay, ...values })
        .onConflict((oc) => oc.columns(['person_id', 'unit_code', 'kind', 'deadline_day']).doUpdateSet(values))
        .execute();
    },

    async deleteDraft(key: DraftKey): Promise<void> {
      await db
        .deleteFrom('unit_report_draft')
        .where('person_id', '=', key.personId)
        .where('unit_code', '=', key.unitCode)
        .where('kind', '=', key.kind)
        .where('deadline_day', '=', key.deadlineDay)
        .execute();
    },

    /** How many unfinished drafts a person has. */
    async draftCountOf(personId: number): Promise<number> {
      const row = await db
        .selectFrom('unit_report_draft')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('person_id', '=', personId)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}
