import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/campaign/demo.js';
import { openStore } from '../../src/store/index.js';

const RAW = `SELECT c.ancestor_code AS unit, s.to_date AS day, SUM(s.received_total) AS t, SUM(s.received_online) AS o,
  SUM(s.digitized) AS d, SUM(s.fee_dossiers) AS f, SUM(s.paid_online) AS p
  FROM unit_closure c JOIN unit_statistic s ON s.unit_code = c.descendant_code GROUP BY 1, 2 ORDER BY 1, 2`;
const ROLLUP = `SELECT ancestor_code AS unit, to_date AS day, received_total AS t, received_online AS o, digitized AS d,
  fee_dossiers AS f, paid_online AS p FROM unit_statistic_rollup ORDER BY 1, 2`;

describe('the statistics roll-up behind /tiendo', () => {
  it('always equals the sum over each subtree, whatever is inserted, changed or deleted', async () => {
    const store = openStore(':memory:');
    await seedDemoData(store, new Date('2023-12-08T08:00:00Z'));
    const rows = store.db.prepare('SELECT unit_code, from_date, to_date FROM unit_statistic').all() as {
      unit_code: string;
      from_date: string;
      to_date: string;
    }[];
    expect(store.db.prepare(ROLLUP).all()).toEqual(store.db.prepare(RAW).all());
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(rows.length - 1), fc.constantFrom('update', 'delete', 'reinsert'), fc.nat(500)), {
          maxLength: 30,
        }),
        (changes) => {
          store.db.transaction(() => {
            for (const [index, change, value] of changes) {
              const row = rows[index]!;
              if (change === 'update')
                store.db
                  .prepare(
                    'UPDATE unit_statistic SET received_total = received_total + ?, received_online = ? WHERE unit_code = ? AND from_date = ? AND to_date = ?',
                  )
                  .run(value, Math.floor(value / 2), row.unit_code, row.from_date, row.to_date);
              else if (change === 'delete')
                store.db
                  .prepare('DELETE FROM unit_statistic WHERE unit_code = ? AND from_date = ? AND to_date = ?')
                  .run(row.unit_code, row.from_date, row.to_date);
              else
                store.db
                  .prepare(
                    `INSERT OR IGNORE INTO unit_statistic (unit_code, from_date, to_date, week_end, received_total, received_online, digitized, fee_dossiers, paid_online, imported_at)
                     VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, '2023-12-08')`,
                  )
                  .run(row.unit_code, row.from_date, row.to_date, row.to_date, value);
            }
          })();
          expect(store.db.prepare(ROLLUP).all()).toEqual(store.db.prepare(RAW).all());
        },
      ),
      { numRuns: 60 },
    );
    await store.statistics.rebuildRollup();
    expect(store.db.prepare(ROLLUP).all()).toEqual(store.db.prepare(RAW).all());
  });
});
