// stats:import: read, check everything, then save in one transaction or not at all.
import type { Db } from '../../store/database.js';
import type { ImportIssue, SourceTable } from '../sourceTable/types.js';
import { saveStatistics, savedPeriodsOf } from './repository.js';
import { readStatisticTable } from './statisticTable.js';

export type StatisticImportOutcome = { ok: true; added: number; replaced: number } | { ok: false; issues: ImportIssue[] };

export function importStatisticTable(db: Db, table: SourceTable, importedAt: Date, source?: string): StatisticImportOutcome {
  const unitExists = db.prepare('SELECT 1 FROM unit WHERE code = ?');
  const { rows, issues } = readStatisticTable(table, {
    unitExists: (code) => unitExists.get(code) !== undefined,
    savedPeriods: savedPeriodsOf(db),
  });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, ...saveStatistics(db, rows, importedAt, source) };
}
