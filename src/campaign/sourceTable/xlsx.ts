// The first worksheet of an XLSX workbook, through exceljs. Dates stay dates and numbers
// stay numbers, so nothing is re-guessed from text.
import ExcelJS from 'exceljs';
import { type Cell, type SourceTable, SourceTableError } from './types.js';

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' || typeof value === 'string')
    return typeof value === 'string' ? value.trim().normalize('NFC') : value;
  if (value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if ('result' in value) return cellValue(value.result);
  if ('richText' in value)
    return value.richText
      .map((part) => part.text)
      .join('')
      .trim()
      .normalize('NFC');
  if ('text' in value) return String(value.text).trim();
  return undefined;
}

export async function readXlsxTable(bytes: Uint8Array): Promise<SourceTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (err) {
    throw new SourceTableError({ line: 0, key: 'campaign:import.xlsxUnreadable', vars: { detail: (err as Error).message } });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SourceTableError({ line: 0, key: 'campaign:import.noHeader' });
  let header: string[] | undefined;
  const rows: SourceTable['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellValue(row.getCell(c).value));
    if (!header) {
      header = cells.map((cell) => (cell === undefined ? '' : String(cell)));
      return;
    }
    if (cells.some((cell) => cell !== undefined && cell !== '')) rows.push({ line: rowNumber, cells });
  });
  if (!header) throw new SourceTableError({ line: 1, key: 'campaign:import.noHeader' });
  return { header, rows };
}
