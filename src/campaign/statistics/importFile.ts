// The week's statistics export as it arrives, a file name and its bytes, from the command
// line (stats:import) or from a chat: read by its extension, checked in full, saved with
// its audit record in one transaction or not at all. The bytes are not kept.
import { extname } from 'node:path';
import type { Store } from '../../store/index.js';
import { readCsvTable } from '../sourceTable/csv.js';
import { readXlsxTable } from '../sourceTable/xlsx.js';
import { type SourceTable, SourceTableError } from '../sourceTable/types.js';
import { importStatisticTable, type StatisticImportOutcome } from './importStatistics.js';

export interface StatisticsFile {
  /** The file's name as its sender knows it: decides how it is read, and names it in the audit log. */
  name: string;
  bytes: Uint8Array;
}

export interface StatisticsImporter {
  /** The person who sent it in a chat; none for an administrator at the command line. */
  actorId?: number | null;
  /** Where it came from, e.g. `chat` (recorded in the audit log). */
  source?: string;
}

/** The extensions read as a statistics table (`.txt` is read as CSV, as it always was). */
export function statisticsFileKind(name: string): 'csv' | 'xlsx' | undefined {
  const ext = extname(name).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv' || ext === '.txt') return 'csv';
  return undefined;
}

async function readTable(file: StatisticsFile): Promise<SourceTable> {
  const kind = statisticsFileKind(file.name);
  if (kind === 'xlsx') return readXlsxTable(file.bytes);
  if (kind === 'csv') return readCsvTable(Buffer.from(file.bytes).toString('utf8'));
  throw new SourceTableError({ line: 0, key: 'campaign:import.unknownFormat', vars: { file: file.name } });
}

export async function importStatisticsFile(
  store: Pick<Store, 'statistics'>,
  file: StatisticsFile,
  now: Date,
  by: StatisticsImporter = {},
): Promise<StatisticImportOutcome> {
  let table: SourceTable;
  try {
    table = await readTable(file);
  } catch (err) {
    if (!(err instanceof SourceTableError)) throw err;
    return { ok: false, issues: [err.issue] };
  }
  return await importStatisticTable(store, table, now, file.name, ({ added, replaced }) => ({
    actorId: by.actorId ?? null,
    action: 'statistics.imported',
    subject: file.name,
    details: { added, replaced, ...(by.source ? { source: by.source } : {}) },
    at: now,
  }));
}
