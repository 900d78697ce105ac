// How guides ended, counted per day, guide, commune and outcome. Only counts are kept:
// nothing here can tell who the person was.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { reusableQuery } from '../reusableQuery.js';
import {
  type GuideOutcome,
  type OutcomeCount,
  type OutcomeEvent,
  type OutcomeFilter,
  provinceDay,
} from '../../guides/outcomes.js';

/** Code order, the same on every engine (codes, not names: no collation wanted). */
function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The guides' outcome counts: one more per ended guide, and totals for the reports. */
export class GuideOutcomeRepository {
  // Asked on every /tiendo: compiled once (reusableQuery.ts).
  private readonly totalsUnder;

  constructor(private readonly db: Kysely<DB>) {
    this.totalsUnder = reusableQuery(db, (unitCode: string, from: string, to: string) =>
      db
        .selectFrom('guide_outcome_rollup')
        .select((eb) => ['outcome', eb.fn.sum<number>('count').as('count')])
        .where('ancestor_code', '=', unitCode)
        .where('day', '>=', from)
        .where('day', '<=', to)
        .groupBy('outcome'),
    );
  }

  async recordGuideOutcome(event: OutcomeEvent): Promise<void> {
    await this.db
      .insertInto('guide_outcome')
      .values({
        day: provinceDay(event.at),
        guide: event.guide,
        unit_code: event.unitCode ?? '',
        outcome: event.outcome,
        count: 1,
      })
      // Qualified: on PostgreSQL a bare `count` is ambiguous between the row and `excluded`.
      .onConflict((oc) =>
        oc
          .columns(['day', 'guide', 'unit_code', 'outcome'])
          .doUpdateSet((eb) => ({ count: eb(eb.ref('guide_outcome.count'), '+', 1) })),
      )
      .execute();
  }

  /** Totals per guide, commune and outcome over a period. */
  async guideOutcomeCounts(filter: OutcomeFilter = {}): Promise<OutcomeCount[]> {
    let query = this.db
      .selectFrom('guide_outcome')
      .select((eb) => ['guide', 'unit_code', 'outcome', eb.fn.sum<number>('count').as('count')])
      .groupBy(['guide', 'unit_code', 'outcome']);
    if (filter.from) query = query.where('day', '>=', filter.from);
    if (filter.to) query = query.where('day', '<=', filter.to);
    const under = filter.under;
    if (under)
      // Probed per counted row, not a list of the whole subtree (10.000 codes for a country).
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('unit_closure as c')
            .select('c.descendant_code')
            .where('c.ancestor_code', '=', under)
            .whereRef('c.descendant_code', '=', 'guide_outcome.unit_code'),
        ),
      );
    const rows = await query.execute();
    return rows
      .sort((a, b) => byCode(a.guide, b.guide) || byCode(a.unit_code, b.unit_code) || byCode(a.outcome, b.outcome))
      .map((r) => ({
        guide: r.guide,
        ...(r.unit_code ? { unitCode: r.unit_code } : {}),
        outcome: r.outcome as GuideOutcome,
        count: Number(r.count),
      }));
  }

  /** Outcomes over the range for people who chose a commune under the unit (itself included), from their roll-up (migration 014). */
  async guideOutcomeTotalsUnder(unitCode: string, range: { from: string; to: string }): Promise<Record<GuideOutcome, number>> {
    const totals: Record<GuideOutcome, number> = { worked: 0, stuck: 0, gave_up: 0 };
    const rows = await this.totalsUnder(unitCode, range.from, range.to);
    for (const r of rows) totals[r.outcome as GuideOutcome] += Number(r.count);
    return totals;
  }
}
