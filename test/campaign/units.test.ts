import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Store } from '../../src/store/index.js';
import { readCsvTable } from '../../src/campaign/sourceTable/csv.js';
import { importUnitTable } from '../../src/campaign/units/importUnits.js';
import { projectPath } from '../../src/paths.js';
import { openTestStore } from '../support/testStore.js';

const benTre = () => readCsvTable(readFileSync(projectPath('data/units/ben-tre-2023-units.csv'), 'utf8'));
const vinhLong = () => readCsvTable(readFileSync(projectPath('data/units/vinh-long-2025-units.csv'), 'utf8'));

async function loadedDb(): Promise<Store> {
  const db = await openTestStore();
  expect((await importUnitTable(db, benTre(), { validTo: '2025-06-30' })).ok).toBe(true);
  return db;
}

describe('units:import', () => {
  it('loads the three-tier 2023 Bến Tre tree', async () => {
    const db = await loadedDb();
    expect(await db.units.countUnits()).toBe(183);
    expect(await db.units.childrenOf('BT')).toHaveLength(25);
    expect(await db.units.childrenOf('BT-BATRI')).toHaveLength(23);
    expect(await db.units.ancestorCodes('BT-BATRI-TANXUAN')).toEqual(['BT', 'BT-BATRI', 'BT-BATRI-TANXUAN']);
    expect((await db.units.getUnit('BT'))?.validTo).toBe('2025-06-30');
  });

  it('loads the two-tier 2025 Vĩnh Long tree beside it, linking old communes to their successors', async () => {
    const db = await loadedDb();
    const outcome = await importUnitTable(db, vinhLong(), { validFrom: '2025-07-01' });
    expect(outcome).toMatchObject({ ok: true, summary: { added: 125 } });
    expect(await db.units.childrenOf('VL')).toHaveLength(124);
    expect(await db.units.ancestorCodes('VL-ANHOI')).toEqual(['VL', 'VL-ANHOI']);
    // Phường 4 and Phường 5 of Bến Tre city went into An Hội.
    expect((await db.units.getUnit('BT-TPBENTRE-PHUONG4'))?.successorCodes).toContain('VL-ANHOI');
  });

  it('is idempotent: importing the same file again changes nothing', async () => {
    const db = await loadedDb();
    const again = await importUnitTable(db, benTre(), { validTo: '2025-06-30' });
    expect(again).toEqual({ ok: true, rows: 183, summary: { added: 0, updated: 0, unchanged: 183 } });
    expect(await db.units.countUnits()).toBe(183);
  });

  it('reports every broken row with its line and saves nothing from that file', async () => {
    const db = await loadedDb();
    const broken = readCsvTable(
      [
        'code,name,kind,parent_code',
        'BT-BATRI-MOI,Xã Mới,commune,BT-BATRI',
        'BT-X,Xã X,village,BT',
        'BT-Y,,commune,BT',
        'BT-Z,Xã Z,commune,BT-KHONGCO',
        'BT-BATRI-MOI,Xã Mới lặp,commune,BT-BATRI',
      ].join('\n'),
    );
    const outcome = await importUnitTable(db, broken);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.issues.map((i) => [i.line, i.key])).toEqual([
      [3, 'campaign:import.badKind'],
      [4, 'campaign:import.required'],
      [5, 'campaign:import.unknownParent'],
      [6, 'campaign:import.duplicateCode'],
    ]);
    expect(await db.units.getUnit('BT-BATRI-MOI')).toBeUndefined();
    expect(await db.units.countUnits()).toBe(183);
  });

  it('refuses a file that would make a unit its own ancestor', async () => {
    const db = await loadedDb();
    const outcome = await importUnitTable(
      db,
      readCsvTable('code,name,kind,parent_code\nBT,Tỉnh Bến Tre,province,BT-BATRI-TANXUAN\n'),
    );
    expect(outcome.ok).toBe(false);
    expect(await db.units.ancestorCodes('BT-BATRI')).toEqual(['BT', 'BT-BATRI']);
  });

  it('names a missing column', async () => {
    const db = await loadedDb();
    const outcome = await importUnitTable(db, readCsvTable('code,name,parent_code\nBT-Q,Q,BT\n'));
    expect(outcome).toEqual({ ok: false, issues: [{ line: 1, key: 'campaign:import.missingColumn', vars: { column: 'kind' } }] });
  });
});

describe('findUnitsByName', () => {
  let db: Store;
  beforeAll(async () => {
    db = await loadedDb();
    await importUnitTable(db, vinhLong());
  });

  it('finds a code exactly, before any name', async () => {
    expect((await db.units.findUnitsByName('bt-batri')).map((u) => u.code)).toEqual(['BT-BATRI']);
  });

  it('ignores diacritics and the kind word', async () => {
    expect((await db.units.findUnitsByName('xa phu hung')).map((u) => u.name)).toEqual(['Xã Phú Hưng']);
    expect((await db.units.findUnitsByName('Phú Hưng')).map((u) => u.code)).toEqual(['BT-TPBENTRE-PHUHUNG']);
  });

  it('offers every unit of the same name, and narrows to a subtree or kind', async () => {
    expect((await db.units.findUnitsByName('ba tri')).map((u) => u.code)).toEqual(['BT-BATRI', 'BT-BATRI-BATRI', 'VL-BATRI']);
    expect((await db.units.findUnitsByName('ba tri', { under: 'VL' })).map((u) => u.code)).toEqual(['VL-BATRI']);
    expect((await db.units.findUnitsByName('ba tri', { kinds: ['district'] })).map((u) => u.code)).toEqual(['BT-BATRI']);
  });

  it('matches whole words only', async () => {
    expect((await db.units.findUnitsByName('thanh phu', { under: 'BT-THANHPHU' })).map((u) => u.code)).toEqual([
      'BT-THANHPHU',
      'BT-THANHPHU-THANHPHU',
    ]);
    expect(await db.units.findUnitsByName('tri xyz')).toEqual([]);
  });
});
