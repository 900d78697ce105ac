// The requests for a person counted for /tiendo, from their roll-up per subtree and day.
import type { Kysely } from 'kysely';
import type { HandoffFigures } from '../../community/progressSection.js';
import type { DB } from '../schema.js';

/** The community figures /tiendo reads. */
export class CommunityFigures {
  constructor(private readonly db: Kysely<DB>) {}

  /** The requests opened in the range under the unit (itself included), from their roll-up (migration 014). */
  async handoffFiguresUnder(unitCode: string, range: { from: string; to: string }): Promise<HandoffFigures> {
    const row = await this.db
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
      .where('opened_day', '>=', range.from)
      .where('opened_day', '<=', range.to)
      .executeTakeFirstOrThrow();
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
