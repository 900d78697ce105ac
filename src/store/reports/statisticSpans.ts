// The provincial system's statistic rows for one unit inside a period, which the report
// form offers as answers (src/campaign/reports/imported.ts decides which of them count).
import type { Kysely } from 'kysely';
import type { StatisticSpan } from '../../campaign/reports/imported.js';
import type { DB } from '../schema.js';

/** The system's rows for the report form, over one Kysely connection (or pool). */
export function statisticSpanQueries(db: Kysely<DB>) {
  return {
    /** A unit's rows lying wholly inside [from, to], by first day, the longest first. */
    async statisticSpansWithin(unitCode: string, period: { from: string; to: string }): Promise<StatisticSpan[]> {
      const rows = await db
        .selectFrom('unit_statistic')
        .select(['from_date', 'to_date', 'received_total', 'received_online', 'digitized', 'fee_dossiers', 'paid_online'])
        .where('unit_code', '=', unitCode)
        .where('from_date', '>=', period.from)
        .where('to_date', '<=', period.to)
        .orderBy('from_date')
        .orderBy('to_date', 'desc')
        .execute();
      return rows.map((r) => ({
        from: r.from_date,
        to: r.to_date,
        receivedTotal: r.received_total,
        receivedOnline: r.received_online,
        digitized: r.digitized,
        feeDossiers: r.fee_dossiers,
        paidOnline: r.paid_online,
      }));
    },
  };
}
