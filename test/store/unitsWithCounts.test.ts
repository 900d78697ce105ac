// The dashboard's unit table, on both engines: the units below a root with their parent's
// name and subtree sums, zeros where nothing was imported, filtered by kind and parent,
// never reaching outside the root, and only units in force on the range's last day; and
// which kinds of unit lie below a unit, for the table's filter.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Counts } from '../../src/campaign/kpi.js';
import type { StatisticRow, UnitRowCounts } from '../../src/campaign/statistics/types.js';
import type { UnitKind } from '../../src/campaign/units/types.js';
import { repositories } from '../../src/store/assemble.js';
import { ENGINES, type OpenEngine } from '../support/engines.js';

const DECEMBER = { from: '2023-12-01', to: '2023-12-31' };

const unit = (code: string, name: string, kind: UnitKind, parentCode?: string, validTo?: string) => ({
  unit: { code, name, kind, successorCodes: [], ...(parentCode ? { parentCode } : {}), ...(validTo ? { validTo } : {}) },
  predecessorCodes: [],
});

// Two communes named Tân Xuân under different districts; a commune merged away in June; a
// department nothing is imported for; and a second province beside the first.
const TREE = [
  unit('BT', 'Tỉnh Bến Tre', 'province'),
  unit('BT-BATRI', 'Huyện Ba Tri', 'district', 'BT'),
  unit('BT-BATRI-TANXUAN', 'Xã Tân Xuân', 'commune', 'BT-BATRI'),
  unit('BT-BATRI-ANDUC', 'Xã An Đức', 'commune', 'BT-BATRI'),
  unit('BT-GIONGTROM', 'Huyện Giồng Trôm', 'district', 'BT'),
  unit('BT-GIONGTROM-TANXUAN', 'Xã Tân Xuân', 'commune', 'BT-GIONGTROM'),
  unit('BT-GIONGTROM-CU', 'Xã Cũ', 'commune', 'BT-GIONGTROM', '2023-06-30'),
  unit('BT-SNV', 'Sở Nội vụ', 'department', 'BT'),
  unit('VL', 'Tỉnh Vĩnh Long', 'province'),
  unit('VL-LONGHO', 'Huyện Long Hồ', 'district', 'VL'),
];

const week = (unitCode: string, to: string, receivedTotal: number): StatisticRow => ({
  unitCode,
  from: `${to.slice(0, 8)}${String(Number(to.slice(8)) - 6).padStart(2, '0')}`,
  to,
  receivedTotal,
  receivedOnline: receivedTotal / 2,
  digitized: receivedTotal - 1,
  feeDossiers: 10,
  paidOnline: 4,
});

const ROWS = [
  week('BT-BATRI-TANXUAN', '2023-12-10', 100),
  week('BT-BATRI-TANXUAN', '2023-12-17', 120),
  // Before the range: left out of every sum.
  week('BT-BATRI-TANXUAN', '2023-11-26', 1000),
  week('BT-BATRI-ANDUC', '2023-12-10', 40),
  week('BT-GIONGTROM-TANXUAN', '2023-12-17', 60),
  week('BT-GIONGTROM-CU', '2023-06-25', 30),
  week('VL-LONGHO', '2023-12-10', 500),
];

const counts = (receivedTotal: number, weeks: number): Counts => ({
  receivedTotal,
  receivedOnline: receivedTotal / 2,
  digitized: receivedTotal - weeks,
  feeDossiers: 10 * weeks,
  paidOnline: 4 * weeks,
});
const ZERO: Counts = { receivedTotal: 0, receivedOnline: 0, digitized: 0, feeDossiers: 0, paidOnline: 0 };

const byCode = (rows: UnitRowCounts[]) => [...rows].sort((a, b) => (a.unit.code < b.unit.code ? -1 : 1));
const codes = (rows: UnitRowCounts[]) => byCode(rows).map((r) => r.unit.code);

describe.each(ENGINES)('the dashboard unit table on $name', (engine) => {
  let db: OpenEngine;
  let store: ReturnType<typeof repositories>;
  beforeEach(async () => {
    db = await engine.open();
    store = repositories(db.sql);
    await store.units.saveUnits(TREE);
    await store.statistics.saveStatistics(ROWS, new Date('2023-12-20T00:00:00Z'));
  });
  afterEach(async () => {
    await db.close();
  });

  it("lists the root's children with their subtree sums, zeros where nothing was imported", async () => {
    const rows = await store.statistics.unitsWithCountsUnder('BT', DECEMBER, {});
    expect(byCode(rows)).toEqual([
      {
        unit: { code: 'BT-BATRI', name: 'Huyện Ba Tri', kind: 'district', parentCode: 'BT' },
        parentName: 'Tỉnh Bến Tre',
        counts: counts(260, 3),
      },
      {
        unit: { code: 'BT-GIONGTROM', name: 'Huyện Giồng Trôm', kind: 'district', parentCode: 'BT' },
        parentName: 'Tỉnh Bến Tre',
        counts: counts(60, 1),
      },
      {
        unit: { code: 'BT-SNV', name: 'Sở Nội vụ', kind: 'department', parentCode: 'BT' },
        parentName: 'Tỉnh Bến Tre',
        counts: ZERO,
      },
    ]);
  });

  it('lists every unit of a kind below the root, told apart by their parents', async () => {
    const rows = byCode(await store.statistics.unitsWithCountsUnder('BT', DECEMBER, { kind: 'commune' }));
    expect(rows.map((r) => [r.unit.name, r.parentName, r.counts.receivedTotal])).toEqual([
      ['Xã An Đức', 'Huyện Ba Tri', 40],
      ['Xã Tân Xuân', 'Huyện Ba Tri', 220],
      ['Xã Tân Xuân', 'Huyện Giồng Trôm', 60],
    ]);
    expect(codes(await store.statistics.unitsWithCountsUnder('BT', DECEMBER, { kind: 'district' }))).toEqual([
      'BT-BATRI',
      'BT-GIONGTROM',
    ]);
  });

  it('lists only units in force on the last day of the range', async () => {
    const june = { from: '2023-06-01', to: '2023-06-30' };
    const rows = byCode(await store.statistics.unitsWithCountsUnder('BT', june, { parentCode: 'BT-GIONGTROM' }));
    expect(rows.map((r) => [r.unit.code, r.counts.receivedTotal])).toEqual([
      ['BT-GIONGTROM-CU', 30],
      ['BT-GIONGTROM-TANXUAN', 0],
    ]);
    expect(codes(await store.statistics.unitsWithCountsUnder('BT', DECEMBER, { parentCode: 'BT-GIONGTROM' }))).toEqual([
      'BT-GIONGTROM-TANXUAN',
    ]);
  });

  it("lists a parent's children, of a kind when asked", async () => {
    const rows = await store.statistics.unitsWithCountsUnder('BT', DECEMBER, { parentCode: 'BT-BATRI' });
    expect(byCode(rows).map((r) => [r.unit.code, r.unit.parentCode, r.parentName, r.counts])).toEqual([
      ['BT-BATRI-ANDUC', 'BT-BATRI', 'Huyện Ba Tri', counts(40, 1)],
      ['BT-BATRI-TANXUAN', 'BT-BATRI', 'Huyện Ba Tri', counts(220, 2)],
    ]);
    expect(
      codes(await store.statistics.unitsWithCountsUnder('BT', DECEMBER, { kind: 'commune', parentCode: 'BT-GIONGTROM' })),
    ).toEqual(['BT-GIONGTROM-TANXUAN']);
    expect(await store.statistics.unitsWithCountsUnder('BT', DECEMBER, { kind: 'district', parentCode: 'BT-BATRI' })).toEqual([]);
  });

  it('never reaches outside the root', async () => {
    const list = (root: string, filter: { kind?: UnitKind; parentCode?: string }) =>
      store.statistics.unitsWithCountsUnder(root, DECEMBER, filter);
    expect(codes(await list('BT-BATRI', {}))).toEqual(['BT-BATRI-ANDUC', 'BT-BATRI-TANXUAN']);
    expect(codes(await list('BT-BATRI', { kind: 'commune' }))).toEqual(['BT-BATRI-ANDUC', 'BT-BATRI-TANXUAN']);
    // A sibling of the root, the root's own parent, another province: not at or below the root.
    expect(await list('BT-BATRI', { parentCode: 'BT-GIONGTROM' })).toEqual([]);
    expect(await list('BT-BATRI', { parentCode: 'BT' })).toEqual([]);
    expect(await list('BT', { parentCode: 'VL' })).toEqual([]);
    expect(codes(await list('BT', { kind: 'province' }))).toEqual([]);
    expect(await list('BT-BATRI-ANDUC', {})).toEqual([]);
  });

  it('knows which kinds of unit lie below a unit on a day, for the filter to offer only those', async () => {
    expect(await store.units.kindsBelow('BT', '2023-12-31')).toEqual(['department', 'district', 'commune']);
    expect(await store.units.kindsBelow('BT-BATRI', '2023-12-31')).toEqual(['commune']);
    expect(await store.units.kindsBelow('VL', '2023-12-31')).toEqual(['district']);
    expect(await store.units.kindsBelow('BT-BATRI-ANDUC', '2023-12-31')).toEqual([]);
    expect(await store.units.kindsBelow('NOWHERE', '2023-12-31')).toEqual([]);
    // Kept up with the tree: a team, and a commune merged away in June.
    await store.units.saveUnits([
      unit('BT-BATRI-ANDUC-T1', 'Tổ công nghệ số ấp 1', 'team', 'BT-BATRI-ANDUC'),
      unit('VL-LONGHO-CU', 'Xã Cũ', 'commune', 'VL-LONGHO', '2023-06-30'),
    ]);
    expect(await store.units.kindsBelow('BT-BATRI', '2023-12-31')).toEqual(['commune', 'team']);
    expect(await store.units.kindsBelow('VL', '2023-06-15')).toEqual(['district', 'commune']);
    expect(await store.units.kindsBelow('VL', '2023-12-31')).toEqual(['district']);
  });
});
