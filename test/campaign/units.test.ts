import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openDatabase } from '../../src/store/database.js';
import { readCsvTable } from '../../src/campaign/sourceTable/csv.js';
import { importUnitTable } from '../../src/campaign/units/importUnits.js';
import { ancestorCodes, childrenOf, countUnits, getUnit } from '../../src/campaign/units/repository.js';
import { findUnitsByName } from '../../src/campaign/units/search.js';
import { projectPath } from '../../src/paths.js';

const benTre = () => readCsvTable(readFileSync(projectPath('data/units/ben-tre-2023-units.csv'), 'utf8'));
const vinhLong = () => readCsvTable(readFileSync(projectPath('data/units/vinh-long-2025-units.csv'), 'utf8'));

function loadedDb() {
  const db = openDatabase(':memory:');
  expect(importUnitTable(db, benTre(), { validTo: '2025-06-30' }).ok).toBe(true);
  return db;
}

describe('units:import', () => {
  it('loads the three-tier 2023 Bến Tre tree', () => {
    const db = loadedDb();
    expect(countUnits(db)).toBe(183);
    expect(childrenOf(db, 'BT')).toHaveLength(25);
    expect(childrenOf(db, 'BT-BATRI')).toHaveLength(23);
    expect(ancestorCodes(db, 'BT-BATRI-TANXUAN')).toEqual(['BT', 'BT-BATRI', 'BT-BATRI-TANXUAN']);
    expect(getUnit(db, 'BT')?.validTo).toBe('2025-06-30');
  });

  it('loads the two-tier 2025 Vĩnh Long tree beside it, linking old communes to their successors', () => {
    const db = loadedDb();
    const outcome = importUnitTable(db, vinhLong(), { validFrom: '2025-07-01' });
    expect(outcome).toMatchObject({ ok: true, summary: { added: 125 } });
    expect(childrenOf(db, 'VL')).toHaveLength(124);
    expect(ancestorCodes(db, 'VL-ANHOI')).toEqual(['VL', 'VL-ANHOI']);
    // Phường 4 and Phường 5 of Bến Tre city went into An Hội.
    expect(getUnit(db, 'BT-TPBENTRE-PHUONG4')?.successorCodes).toContain('VL-ANHOI');
  });

  it('is idempotent: importing the same file again changes nothing', () => {
    const db = loadedDb();
    const again = importUnitTable(db, benTre(), { validTo: '2025-06-30' });
    expect(again).toEqual({ ok: true, rows: 183, summary: { added: 0, updated: 0, unchanged: 183 } });
    expect(countUnits(db)).toBe(183);
  });

  it('reports every broken row with its line and saves nothing from that file', () => {
    const db = loadedDb();
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
    const outcome = importUnitTable(db, broken);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.issues.map((i) => [i.line, i.key])).toEqual([
      [3, 'campaign:import.badKind'],
      [4, 'campaign:import.required'],
      [5, 'campaign:import.unknownParent'],
      [6, 'campaign:import.duplicateCode'],
    ]);
    expect(getUnit(db, 'BT-BATRI-MOI')).toBeUndefined();
    expect(countUnits(db)).toBe(183);
  });

  it('refuses a file that would make a unit its own ancestor', () => {
    const db = loadedDb();
    const outcome = importUnitTable(db, readCsvTable('code,name,kind,parent_code\nBT,Tỉnh Bến Tre,province,BT-BATRI-TANXUAN\n'));
    expect(outcome.ok).toBe(false);
    expect(ancestorCodes(db, 'BT-BATRI')).toEqual(['BT', 'BT-BATRI']);
  });

  it('names a missing column', () => {
    const db = loadedDb();
    const outcome = importUnitTable(db, readCsvTable('code,name,parent_code\nBT-Q,Q,BT\n'));
    expect(outcome).toEqual({ ok: false, issues: [{ line: 1, key: 'campaign:import.missingColumn', vars: { column: 'kind' } }] });
  });
});

describe('findUnitsByName', () => {
  const db = loadedDb();
  importUnitTable(db, vinhLong());

  it('finds a code exactly, before any name', () => {
    expect(findUnitsByName(db, 'bt-batri').map((u) => u.code)).toEqual(['BT-BATRI']);
  });

  it('ignores diacritics and the kind word', () => {
    expect(findUnitsByName(db, 'xa phu hung').map((u) => u.name)).toEqual(['Xã Phú Hưng']);
    expect(findUnitsByName(db, 'Phú Hưng').map((u) => u.code)).toEqual(['BT-TPBENTRE-PHUHUNG']);
  });

  it('offers every unit of the same name, and narrows to a subtree or kind', () => {
    expect(findUnitsByName(db, 'ba tri').map((u) => u.code)).toEqual(['BT-BATRI', 'BT-BATRI-BATRI', 'VL-BATRI']);
    expect(findUnitsByName(db, 'ba tri', { under: 'VL' }).map((u) => u.code)).toEqual(['VL-BATRI']);
    expect(findUnitsByName(db, 'ba tri', { kinds: ['district'] }).map((u) => u.code)).toEqual(['BT-BATRI']);
  });

  it('matches whole words only', () => {
    expect(findUnitsByName(db, 'thanh phu', { under: 'BT-THANHPHU' }).map((u) => u.code)).toEqual([
      'BT-THANHPHU',
      'BT-THANHPHU-THANHPHU',
    ]);
    expect(findUnitsByName(db, 'tri xyz')).toEqual([]);
  });
});
