// Demo data for a local trial and for tests: Bến Tre's 2023 tree, a campaign covering the
// current weeks, and plausible weekly counts for every unit (departments, districts and
// communes; the province and teams record nothing of their own). Deterministic: the same
// `now` always gives the same figures.
import { readFileSync } from 'node:fs';
import { projectPath } from '../paths.js';
import type { Store } from '../store/index.js';
import { CampaignDefinitionSchema } from './definition/schema.js';
import { readCsvTable } from './sourceTable/csv.js';
import type { StatisticRow } from './statistics/types.js';
import { importUnitTable } from './units/importUnits.js';
import type { Unit } from './units/types.js';
import { addDays, provinceDay, weekStartOf } from './weeks.js';

export const DEMO_UNITS_FILE = projectPath('data', 'units', 'ben-tre-2023-units.csv');
export const DEMO_CAMPAIGN_ID = 'demo-cao-diem';
/** Full weeks of history before the current one. */
const DEMO_WEEKS_BEFORE = 3;

/** A small seeded generator (mulberry32), so demo figures (and test latencies) repeat exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedOf(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** Weekly volume of dossiers by kind of unit (roughly the plan's yearly totals per week), spread over days. */
const VOLUME: Partial<Record<Unit['kind'], [number, number]>> = {
  department: [60, 260],
  district: [40, 120],
  commune: [8, 45],
};

export function demoStatistics(units: readonly Unit[], startsOn: string, today: string): StatisticRow[] {
  const rows: StatisticRow[] = [];
  for (const unit of units) {
    const volume = VOLUME[unit.kind];
    if (!volume) continue;
    const random = seededRandom(seedOf(unit.code));
    // Each unit starts from its own level and improves at its own pace.
    const online0 = 0.15 + random() * 0.3;
    const pay0 = 0.02 + random() * 0.12;
    const digit0 = 0.2 + random() * 0.4;
    const pace = 0.02 + random() * 0.05;
    // One row a day, as the provincial system exports them, so any reporting period adds up.
    for (let day = startsOn, index = 0; day <= today; day = addDays(day, 1), index++) {
      const week = Math.floor(index / 7);
      const total = Math.round((volume[0] + random() * (volume[1] - volume[0])) / 7);
      const fee = Math.round(total * (0.35 + random() * 0.2));
      const share = (base: number) => Math.min(1, Math.max(0, base + pace * week + (random() - 0.5) * 0.06));
      rows.push({
        unitCode: unit.code,
        from: day,
        to: day,
        receivedTotal: total,
        receivedOnline: Math.round(total * share(online0)),
        digitized: Math.round(total * share(digit0)),
        feeDossiers: fee,
        paidOnline: Math.round(fee * share(pay0)),
      });
    }
  }
  return rows;
}

/**
 * When no unit is loaded yet: the Bến Tre tree, a campaign from the Monday three weeks
 * before `now` for five weeks, and demo counts for every week so far. Returns false when
 * the store already had units (nothing is touched then).
 */
export async function seedDemoData(store: Pick<Store, 'units' | 'campaigns' | 'statistics'>, now: Date): Promise<boolean> {
  if ((await store.units.countUnits()) > 0) return false;
  const outcome = await importUnitTable(store, readCsvTable(readFileSync(DEMO_UNITS_FILE, 'utf8')));
  if (!outcome.ok) throw new Error(`demo unit list is broken: ${JSON.stringify(outcome.issues.slice(0, 3))}`);
  const today = provinceDay(now);
  const startsOn = addDays(weekStartOf(today), -7 * DEMO_WEEKS_BEFORE);
  const campaign = CampaignDefinitionSchema.parse({
    id: DEMO_CAMPAIGN_ID,
    reference: 'KH 7386/KH-UBND',
    root: 'BT',
    starts_on: startsOn,
    ends_on: addDays(startsOn, 34),
    targets: { online: 50, payment: 30, digitization: 100 },
    compiled_by: 'BT-SO-TTTT',
  });
  await store.campaigns.saveCampaign(campaign, now);
  await store.statistics.saveStatistics(demoStatistics(await store.units.allUnits(), startsOn, today), now, 'demo');
  return true;
}
