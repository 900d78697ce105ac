// The requests for a person counted for /tiendo, from their roll-up per subtree and day.
import type { Kysely } from 'kysely';
import type { HandoffFigures } from '../../community/progressSection.js';
import type { DB } from '../schema.js';
import { reusableQuery } from '../reusableQuery.js';

/** The community figures /tiendo reads. */
export class CommunityFigures {
  // Asked on every /tiendo: compiled once (reusableQuery.ts).
  private readonly sums;

  constructor(db: Kysely<DB>) {
    this.sums = reusableQuery(db, (unitCode: string, from: string, to: string) =>
      db
        .selectFrom('handoff_rollup')
        .select((eb) => [
          eb.fn.coalesce(eb.fn.sum('opened'), eb.lit(0)).as('opened'),
          eb.fn.coalesce(eb.fn.sum('answered'), eb.lit(0)).as('answered'),
          eb.fn.coalesce(eb.fn.sum('waited'), eb.lit(0)).as('waited'),
          eb.fn.coalesce(eb.fn.sum('wait_ms'), eb.lit(0)).as('waitMs'),
          eb.fn.coalesce(eb.fn.sum('rated'), eb.lit(0)).as('rated'),
          eb.fn.coalesce(eb.fn.sum('rating_sum'), eb.lit(0)).as('ratingSum'),
        ])
        .where('ancestor_code', '=', unitCode)
        .where('opened_day', '>=', from)
        .where('opened_day', '<=', to),
    );
  }

  /** The requests opened in the range under the unit (itself included), from their roll-up (migration 014). */
  async handoffFiguresUnder(unitCode: string, range: { from: string; to: string }): Promise<HandoffFigures> {
    // An aggregate without GROUP BY: always one row.
    const row = (await this.sums(unitCode, range.from, range.to))[0]!;
    const waited = Number(row.waited);
    const rated = Number(row.rated);
    return {
      opened: Number(row.opened),
      answered: Number(row.answered),
      ...(waited > 0 ? { meanMinutesToAnswer: Number(row.waitMs) / waited / 60_000 } : {}),
      ...(rated > 0 ? { meanRating: Number(row.ratingSum) / rated } : {}),
      ratings: rated,
    };
  }
}
