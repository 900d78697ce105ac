// A national-size two-tier tree for the /tiendo and compilation benchmarks: a country
// root, provinces, and communes beneath them, with a year of weekly counts for every
// commune. Deterministic, written straight into the store's tables in one transaction.
import type { Db } from '../../src/store/database.js';
import { saveCampaign } from '../../src/campaign/definition/repository.js';
import { CampaignDefinitionSchema } from '../../src/campaign/definition/schema.js';
import { saveUnits, type UnitWrite } from '../../src/campaign/units/repository.js';
import { addDays, weekEndOf, weekStartOf } from '../../src/campaign/weeks.js';

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

export function generateTree(db: Db, options: { units: number; provinces: number; weeks: number; root?: string }): GeneratedTree {
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
  saveUnits(db, writes);

  const today = TREE_TODAY;
  const startsOn = addDays(weekStartOf(today), -7 * (options.weeks - 1));
  saveCampaign(
    db,
    CampaignDefinitionSchema.parse({
      id: 'bench-national',
      root,
      starts_on: startsOn,
      ends_on: addDays(startsOn, 7 * options.weeks - 1),
      targets: { online: 50, payment: 30, digitization: 100 },
    }),
    new Date(`${today}T08:00:00+07:00`),
  );

  const insert = db.prepare(`INSERT INTO unit_statistic (unit_code, from_date, to_date, week_end, received_total,
      received_online, digitized, fee_dossiers, paid_online, imported_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench')`);
  let rows = 0;
  let seed = 12345;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  db.transaction(() => {
    for (const code of communes)
      for (let w = 0; w < options.weeks; w++) {
        const from = addDays(startsOn, 7 * w);
        const to = addDays(from, 6);
        const total = 8 + Math.floor(random() * 40);
        const fee = Math.floor(total * 0.45);
        insert.run(
          code,
          from,
          to,
          weekEndOf(to),
          total,
          Math.floor(total * (0.2 + random() * 0.5)),
          Math.floor(total * (0.5 + random() * 0.5)),
          fee,
          Math.floor(fee * random() * 0.5),
          `${today}T08:00:00.000Z`,
        );
        rows++;
      }
  })();
  db.exec('ANALYZE');
  return { root, provinces, communes, startsOn, today, rows };
}
