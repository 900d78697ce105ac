// Reading and writing the unit table. Writes replace the closure table in the same
// transaction, so roll-ups never see a half-updated tree.
import { rebuildRollup } from '../statistics/rollup.js';
import { rebuildCommunityRollups } from '../../community/rollup.js';
import type { Db } from '../../store/database.js';
import { statement } from '../../store/statements.js';
import { foldDiacritics } from '../../bot/normalize.js';
import type { Unit, UnitKind } from './types.js';
import { compareUnitNames } from './nameOrder.js';

interface UnitRow {
  code: string;
  name: string;
  kind: string;
  parent_code: string | null;
  official_code: string | null;
  valid_from: string | null;
  valid_to: string | null;
  successors: string | null;
}

export const UNIT_COLUMNS = `u.code, u.name, u.kind, u.parent_code, u.official_code, u.valid_from, u.valid_to,
  (SELECT group_concat(successor_code, '|') FROM unit_succession s WHERE s.predecessor_code = u.code) AS successors`;

export function unitFromRow(row: UnitRow): Unit {
  return {
    code: row.code,
    name: row.name,
    kind: row.kind as UnitKind,
    ...(row.parent_code ? { parentCode: row.parent_code } : {}),
    ...(row.official_code ? { officialCode: row.official_code } : {}),
    ...(row.valid_from ? { validFrom: row.valid_from } : {}),
    ...(row.valid_to ? { validTo: row.valid_to } : {}),
    successorCodes: row.successors ? row.successors.split('|').sort() : [],
  };
}

export function getUnit(db: Db, code: string): Unit | undefined {
  const row = statement(db, `SELECT ${UNIT_COLUMNS} FROM unit u WHERE u.code = ?`).get(code) as UnitRow | undefined;
  return row ? unitFromRow(row) : undefined;
}

export function allUnits(db: Db): Unit[] {
  return (db.prepare(`SELECT ${UNIT_COLUMNS} FROM unit u ORDER BY u.code`).all() as UnitRow[]).map(unitFromRow);
}

export function childrenOf(db: Db, code: string): Unit[] {
  const rows = db.prepare(`SELECT ${UNIT_COLUMNS} FROM unit u WHERE u.parent_code = ?`).all(code) as UnitRow[];
  return rows.sort((a, b) => compareUnitNames(a.name, b.name)).map(unitFromRow);
}

export function countUnits(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM unit').get() as { n: number }).n;
}

/**
 * A commune in force that carries an older commune of another name, and that old name,
 * for a prompt's example ("Phú Khương, or an old name such as Phú Hưng"); else any commune.
 */
export function communeNameExample(db: Db, day: string, under?: string): { name: string; oldName?: string } | undefined {
  const scope = under ? 'AND u.code IN (SELECT descendant_code FROM unit_closure WHERE ancestor_code = @under)' : '';
  const current = `u.kind = 'commune' AND (u.valid_from IS NULL OR u.valid_from <= @day) AND (u.valid_to IS NULL OR u.valid_to >= @day)
    AND NOT EXISTS (SELECT 1 FROM unit_succession n WHERE n.predecessor_code = u.code) ${scope}`;
  const params = { day, ...(under ? { under } : {}) };
  const merged = db
    .prepare(
      `SELECT u.name AS name, p.name AS oldName FROM unit u
         JOIN unit_succession s ON s.successor_code = u.code JOIN unit p ON p.code = s.predecessor_code
       WHERE ${current} AND p.name_folded <> u.name_folded ORDER BY u.code, p.code LIMIT 1`,
    )
    .get(params) as { name: string; oldName: string } | undefined;
  if (merged) return merged;
  return db.prepare(`SELECT u.name AS name FROM unit u WHERE ${current} ORDER BY u.code LIMIT 1`).get(params) as
    { name: string } | undefined;
}

/** Codes from the root down to the unit itself. */
export function ancestorCodes(db: Db, code: string): string[] {
  return (
    db.prepare('SELECT ancestor_code FROM unit_closure WHERE descendant_code = ? ORDER BY depth DESC').all(code) as {
      ancestor_code: string;
    }[]
  ).map((r) => r.ancestor_code);
}

export interface UnitWrite {
  unit: Unit;
  /** Codes of earlier units this one replaces (read from `predecessor_codes`). */
  predecessorCodes: string[];
}

export interface UnitWriteSummary {
  added: number;
  updated: number;
  unchanged: number;
}

/**
 * Upserts the units (parents before children is not required) and rebuilds the closure.
 * Runs in one transaction: either every unit is saved or none is.
 */
export function saveUnits(db: Db, writes: UnitWrite[]): UnitWriteSummary {
  const summary: UnitWriteSummary = { added: 0, updated: 0, unchanged: 0 };
  const existing = db.prepare('SELECT name, kind, parent_code, official_code, valid_from, valid_to FROM unit WHERE code = ?');
  // Parents may come later in the file: insert without parents first, then link.
  const upsert = db.prepare(`INSERT INTO unit (code, name, name_folded, kind, parent_code, official_code, valid_from, valid_to)
    VALUES (@code, @name, @nameFolded, @kind, NULL, @officialCode, @validFrom, @validTo)
    ON CONFLICT(code) DO UPDATE SET name = excluded.name, name_folded = excluded.name_folded, kind = excluded.kind,
      official_code = excluded.official_code, valid_from = excluded.valid_from, valid_to = excluded.valid_to`);
  const setParent = db.prepare('UPDATE unit SET parent_code = ? WHERE code = ?');
  const addSuccession = db.prepare('INSERT OR IGNORE INTO unit_succession (predecessor_code, successor_code) VALUES (?, ?)');
  db.transaction(() => {
    for (const { unit, predecessorCodes } of writes) {
      const before = existing.get(unit.code) as Record<string, string | null> | undefined;
      const after = {
        name: unit.name,
        kind: unit.kind,
        parent_code: unit.parentCode ?? null,
        official_code: unit.officialCode ?? null,
        valid_from: unit.validFrom ?? null,
        valid_to: unit.validTo ?? null,
      };
      if (!before) summary.added++;
      else if (Object.entries(after).some(([k, v]) => before[k] !== v)) summary.updated++;
      else summary.unchanged++;
      upsert.run({
        code: unit.code,
        name: unit.name,
        nameFolded: foldDiacritics(unit.name),
        kind: unit.kind,
        officialCode: unit.officialCode ?? null,
        validFrom: unit.validFrom ?? null,
        validTo: unit.validTo ?? null,
      });
      for (const successor of unit.successorCodes) addSuccession.run(unit.code, successor);
      for (const predecessor of predecessorCodes) addSuccession.run(predecessor, unit.code);
    }
    for (const { unit } of writes) setParent.run(unit.parentCode ?? null, unit.code);
    rebuildClosure(db);
    rebuildRollup(db);
    rebuildCommunityRollups(db);
  })();
  return summary;
}

/** Every (ancestor, descendant) pair from the parent links; the same statement on both engines. */
export const CLOSURE_REBUILD = `DELETE FROM unit_closure;
    WITH RECURSIVE up(descendant_code, ancestor_code, depth) AS (
      SELECT code, code, 0 FROM unit
      UNION ALL
      SELECT up.descendant_code, u.parent_code, up.depth + 1
        FROM up JOIN unit u ON u.code = up.ancestor_code
        WHERE u.parent_code IS NOT NULL AND up.depth < 64
    )
    INSERT INTO unit_closure (ancestor_code, descendant_code, depth)
      SELECT ancestor_code, descendant_code, depth FROM up;`;

/** Recomputes every (ancestor, descendant) pair from the parent links. */
export function rebuildClosure(db: Db): void {
  db.exec(CLOSURE_REBUILD);
}
