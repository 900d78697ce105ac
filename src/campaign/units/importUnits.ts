// units:import: read, check everything, then save in one transaction or not at all.
import type { Db } from '../../store/database.js';
import type { SourceTable } from '../sourceTable/types.js';
import { saveUnits, type UnitWriteSummary } from './repository.js';
import { readUnitTable, type UnitTableDefaults } from './unitTable.js';
import type { ImportIssue } from '../sourceTable/types.js';

export type UnitImportOutcome = { ok: true; summary: UnitWriteSummary; rows: number } | { ok: false; issues: ImportIssue[] };

export function importUnitTable(db: Db, table: SourceTable, defaults: UnitTableDefaults = {}): UnitImportOutcome {
  const saved = db.prepare('SELECT code, parent_code FROM unit').all() as { code: string; parent_code: string | null }[];
  const existing = new Map(saved.map((r) => [r.code, r.parent_code ?? undefined]));
  const { writes, issues } = readUnitTable(table, existing, defaults);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, summary: saveUnits(db, writes), rows: writes.length };
}
