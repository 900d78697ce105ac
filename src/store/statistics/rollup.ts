// unit_statistic_rollup follows unit_statistic by triggers (migration 011 on SQLite,
// PL/pgSQL on PostgreSQL); when the unit tree itself changes, every subtree sum changes
// with it and the table is recomputed here.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Recomputes every subtree sum; `db` is the transaction that changed the tree (its closure). */
export async function rebuildStatisticRollup(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('unit_statistic_rollup').execute();
  await db
    .insertInto('unit_statistic_rollup')
    .columns([
      'ancestor_code',
      'to_date',
      'week_end',
      'source_rows',
      'received_total',
      'received_online',
      'digitized',
      'fee_dossiers',
      'paid_online',
    ])
    .expression(
      db
        .selectFrom('unit_closure as c')
        .innerJoin('unit_statistic as s', 's.unit_code', 'c.descendant_code')
        .select((eb) => [
          'c.ancestor_code',
          's.to_date',
          // The same for every row of a day (the week holding it); the triggers keep the first.
          eb.fn.min('s.week_end').as('week_end'),
          eb.fn.countAll<number>().as('source_rows'),
          eb.fn.sum<number>('s.received_total').as('received_total'),
          eb.fn.sum<number>('s.received_online').as('received_online'),
          eb.fn.sum<number>('s.digitized').as('digitized'),
          eb.fn.sum<number>('s.fee_dossiers').as('fee_dossiers'),
          eb.fn.sum<number>('s.paid_online').as('paid_online'),
        ])
        .groupBy(['c.ancestor_code', 's.to_date']),
    )
    .execute();
}
