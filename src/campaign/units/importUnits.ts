// units:import: read, check everything against the saved tree, then save in one
// transaction or not at all.
import type { Store } from '../../store/index.js';
import type { ImportIssue, SourceTable } from '../sourceTable/types.js';
import type { UnitWriteSummary } from './types.js';
import { readUnitTable, type UnitTableDefaults } from './unitTable.js';

export type UnitImportOutcome = { ok: true; summary: UnitWriteSummary; rows: number } | { ok: false; issues: ImportIssue[] };

export async function importUnitTable(
  store: Pick<Store, 'units'>,
  table: SourceTable,
  defaults: UnitTableDefaults = {},
): Promise<UnitImportOutcome> {
  const { writes, issues } = readUnitTable(table, await store.units.parentLinks(), defaults);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, summary: await store.units.saveUnits(writes), rows: writes.length };
}
