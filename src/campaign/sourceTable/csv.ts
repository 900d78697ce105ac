// CSV through csv-parse (quotes, embedded commas and new lines, BOM). Comma or semicolon
// separated: spreadsheets set to Vietnamese write `;` because `,` is the decimal mark.
import { parse } from 'csv-parse/sync';
import { type SourceTable, SourceTableError } from './types.js';

function delimiterOf(firstLine: string): string {
  const semicolons = firstLine.split(';').length;
  const commas = firstLine.split(',').length;
  return semicolons > commas ? ';' : ',';
}

export function readCsvTable(text: string): SourceTable {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, {
      delimiter: delimiterOf(firstLine),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 0;
    throw new SourceTableError({ line, key: 'campaign:import.csvUnreadable', vars: { detail: (err as Error).message } });
  }
  const [head, ...rest] = records;
  if (!head) throw new SourceTableError({ line: 1, key: 'campaign:import.noHeader' });
  return {
    header: head.record.map((h) => h.normalize('NFC')),
    rows: rest
      .filter((r) => r.record.some((cell) => cell !== ''))
      .map((r) => ({ line: r.info.lines, cells: r.record.map((c) => c.normalize('NFC')) })),
  };
}
