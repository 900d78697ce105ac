// stats:import: read, check everything, then save in one transaction or not at all.
import type { AuditEntry } from '../../store/core/audit.js';
import type { Store } from '../../store/index.js';
import type { SavedCounts, StatisticImportOutcome } from '../../store/statistics/repository.js';
import type { SourceTable } from '../sourceTable/types.js';
import { readStatisticTable, statisticUnitCodes } from './statisticTable.js';

export type { StatisticImportOutcome } from '../../store/statistics/repository.js';

/** Checks the table against the saved units and periods and saves it, in one transaction. */
export async function importStatisticTable(
  store: Pick<Store, 'statistics'>,
  table: SourceTable,
  importedAt: Date,
  source?: string,
  audit?: (saved: SavedCounts) => AuditEntry,
): Promise<StatisticImportOutcome> {
  return await store.statistics.importStatistics(
    statisticUnitCodes(table),
    (context) => readStatisticTable(table, context),
    importedAt,
    {
      ...(source !== undefined ? { source } : {}),
      ...(audit ? { audit } : {}),
    },
  );
}
