// Reads an administrator's file as a table, by its extension.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { readCsvTable } from './csv.js';
import { readXlsxTable } from './xlsx.js';
import { type SourceTable, SourceTableError } from './types.js';

export async function readTableFile(path: string): Promise<SourceTable> {
  const ext = extname(path).toLowerCase();
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw new SourceTableError({ line: 0, key: 'campaign:import.fileMissing', vars: { file: path } });
  }
  if (ext === '.xlsx') return readXlsxTable(bytes);
  if (ext === '.csv' || ext === '.txt') return readCsvTable(bytes.toString('utf8'));
  throw new SourceTableError({ line: 0, key: 'campaign:import.unknownFormat', vars: { file: path } });
}

/** The cells of a row keyed by canonical column name, given each header's canonical name. */
export function rowRecord(columns: (string | undefined)[], cells: SourceTable['rows'][number]['cells']): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  columns.forEach((name, i) => {
    if (name !== undefined) {
      const cell = cells[i];
      record[name] = cell === '' ? undefined : cell;
    }
  });
  return record;
}

export { SourceTableError } from './types.js';
export type { SourceTable } from './types.js';
