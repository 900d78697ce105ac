// A national-size two-tier tree for the /tiendo and compilation benchmarks: a country
// root, provinces, and communes beneath them, with a year of weekly counts for every
// commune. Deterministic, written through the store (the counts straight into their table,
// in one transaction on SQLite, as a bulk load would).
import { type Insertable, type Kysely, sql } from 'kysely';
import { CampaignDefinitionSchema } from '../../src/campaign/definition/schema.js';
import type { UnitWrite } from '../../src/campaign/units/types.js';
import { addDays, weekEndOf, weekStartOf } from '../../src/campaign/weeks.js';
import type { Store } from '../../src/store/index.js';
import type { DB, UnitStatistic } from '../../src/store/schema.js';

export interface GeneratedTree {
  root: string;
  provinces: string[];
  communes: string[];
  startsOn: string;
  today: string;
  rows: number;
}

/** A Friday, so the current week is complete up to today. */
export const TREE_TODAY = '2025-12-26';

/** Rows per INSERT: well under any engine's limit on bound values (11 a row). */
const ROWS_PER_INSERT = 500;

export async function generateTree(
  store: Pick<Store, 'engine' | 'units' | 'campaigns' | 'sql'>,
  options: { units: number; provinces: number; weeks: number; root?: string },
): Promise<GeneratedTree> {
  const root = options.root ?? 'VN';
  const writes: UnitWrite[] = [
    { unit: { code: root, name: 'Cả nước', kind: 'province', successorCodes: [] }, predecessorCodes: [] },
  ];
  const provinces: string[] = [];
  const communes: string[] = [];
  for (let p = 0; p < options.provinces; p++) {
    const code = `${root}-P${String(p + 1).padStart(2, '0')}`;
    provinces.push(code);
    writes.push({
      unit: { code, name: `Tỉnh Số ${p + 1}`, kind: 'province', parentCode: root, successorCodes: [] },
      predecessorCodes: [],
    });
  }
  const communeCount = options.units - 1 - options.provinces;
  for (let c = 0; c < communeCount; c++) {
    const parent = provinces[c % provinces.length]!;
    const code = `${parent}-X${String(Math.floor(c / provinces.length) + 1).padStart(3, '0')}`;
    communes.push(code);
    writes.push({
      unit: { code, name: `Xã Thử ${c + 1}`, kind: 'commune', parentCode: parent, successorCodes: [] },
      predecessorCodes: [],
    });
  }
  await store.units.saveUnits(writes);

  const today = TREE_TODAY;
  const startsOn = addDays(weekStartOf(today), -7 * (options.weeks - 1));
  await store.campaigns.saveCampaign(
    CampaignDefinitionSchema.parse({
      id: 'bench-national',
      root,
      starts_on: startsOn,
      ends_on: addDays(startsOn, 7 * options.weeks - 1),
      targets: { online: 50, payment: 30, digitization: 100 },
    }),
    new Date(`${today}T08:00:00+07:00`),
  );

  let seed = 12345;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  const rows: Insertable<UnitStatistic>[] = [];
  for (const code of communes)
    for (let w = 0; w < options.weeks; w++) {
      const from = addDays(startsOn, 7 * w);
      const to = addDays(from, 6);
      const total = 8 + Math.floor(random() * 40);
      const fee = Math.floor(total * 0.45);
      rows.push({
        unit_code: code,
        from_date: from,
        to_date: to,
        week_end: weekEndOf(to),
        received_total: total,
        received_online: Math.floor(total * (0.2 + random() * 0.5)),
        digitized: Math.floor(total * (0.5 + random() * 0.5)),
        fee_dossiers: fee,
        paid_online: Math.floor(fee * random() * 0.5),
        imported_at: `${today}T08:00:00.000Z`,
        source: 'bench',
      });
    }
  const insert = async (db: Kysely<DB>) => {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
      await db
        .insertInto('unit_statistic')
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        .execute();
  };
  // PostgreSQL's roll-up trigger upserts every ancestor's sum for each row: in one
  // transaction the country's and provinces' rows pile up thousands of dead versions that
  // nothing may prune before the commit, and the load takes several times longer (about
  // 7× at 1.500 units). There each INSERT commits on its own.
  if (store.engine === 'postgres') await insert(store.sql);
  else await store.sql.transaction().execute(insert);
  // Fresh statistics for the planner, as a long-running database would have; on PostgreSQL
  // also the dead row versions the roll-up's upserts left vacuumed away, as autovacuum would,
  // table by table (a bare ANALYZE would visit every schema in the database).
  if (store.engine === 'postgres') {
    const { rows: tables } = await sql<{ name: string }>`
      SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`.execute(store.sql);
    for (const { name } of tables) await sql`VACUUM ANALYZE ${sql.table(name)}`.execute(store.sql);
  } else await sql`ANALYZE`.execute(store.sql);
  return { root, provinces, communes, startsOn, today, rows: rows.length };
}
