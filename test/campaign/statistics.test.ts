import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Store } from '../../src/store/index.js';
import { readCsvTable } from '../../src/campaign/sourceTable/csv.js';
import { readXlsxTable } from '../../src/campaign/sourceTable/xlsx.js';
import { readTableFile } from '../../src/campaign/sourceTable/index.js';
import { importUnitTable } from '../../src/campaign/units/importUnits.js';
import { importStatisticTable } from '../../src/campaign/statistics/importStatistics.js';
import { weekEndOf } from '../../src/campaign/weeks.js';
import { projectPath } from '../../src/paths.js';
import { openTestStore } from '../support/testStore.js';

const NOW = new Date('2023-12-08T12:00:00+07:00');
const HEADER = 'unit_code,from,to,received_total,received_online,digitized,fee_dossiers,paid_online';

async function db(): Promise<Store> {
  const d = await openTestStore();
  await importUnitTable(d, readCsvTable(readFileSync(projectPath('data/units/ben-tre-2023-units.csv'), 'utf8')));
  return d;
}

const rowCount = async (d: Store) =>
  Number(
    (
      await d.sql
        .selectFrom('unit_statistic')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const batri = (d: Store) => d.statistics.periodCountsUnder('BT-BATRI', { from: '2023-12-01', to: '2023-12-31' }, weekEndOf);

async function xlsx(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('data');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('stats:import', () => {
  it('reads the Vietnamese sample: Vietnamese headers, dates and numbers (1.020)', async () => {
    const d = await db();
    const outcome = await importStatisticTable(d, await readTableFile(projectPath('data/samples/statistics-sample.csv')), NOW);
    expect(outcome).toEqual({ ok: true, added: 5, replaced: 0 });
    const [week] = await batri(d);
    // District's own row plus three communes.
    expect(week?.counts.receivedTotal).toBe(1020 + 64 + 48 + 97);
    expect(week?.weekEnd).toBe('2023-12-10');
  });

  it('reads the XLSX sample with date cells, and re-importing replaces rather than adds', async () => {
    const d = await db();
    await importStatisticTable(d, await readTableFile(projectPath('data/samples/statistics-sample.csv')), NOW);
    const outcome = await importStatisticTable(d, await readTableFile(projectPath('data/samples/statistics-sample.xlsx')), NOW);
    expect(outcome).toEqual({ ok: true, added: 0, replaced: 5 });
    expect(await rowCount(d)).toBe(5);
    expect((await batri(d))[0]?.counts.receivedOnline).toBe(412 + 21 + 26 + 55);
  });

  it('lists every bad CSV row by line and saves none of the file', async () => {
    const d = await db();
    const table = readCsvTable(
      [
        HEADER,
        'BT-BATRI-TANXUAN,2023-12-04,2023-12-08,100,40,50,30,5',
        'BT-NOWHERE,2023-12-04,2023-12-08,10,1,1,1,1',
        'BT-BATRI-ANDUC,2023-12-04,2023-12-08,10,11,1,1,1',
        'BT-BATRI-BATRI,31/02/2023,2023-12-08,10,1,1,1,1',
        'BT-BATRI-ANHIEP,2023-12-04,2023-12-08,"1,5",1,1,1,1',
        'BT-BATRI-TANXUAN,2023-12-06,2023-12-07,10,1,1,1,1',
        'BT-BATRI-MYHOA,2023-12-08,2023-12-04,10,1,1,1,1',
      ].join('\n'),
    );
    const outcome = await importStatisticTable(d, table, NOW);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.issues.map((i) => [i.line, i.key])).toEqual([
      [3, 'campaign:import.unknownUnit'],
      [4, 'campaign:import.onlineAboveTotal'],
      [5, 'campaign:import.badDate'],
      [6, 'campaign:import.badCount'],
      [7, 'campaign:import.periodClash'],
      [8, 'campaign:import.periodReversed'],
    ]);
    expect(await rowCount(d)).toBe(0);
  });

  it('refuses a period overlapping one already saved (it would count twice), keeping what was saved', async () => {
    const d = await db();
    expect(
      (await importStatisticTable(d, readCsvTable(`${HEADER}\nBT-BATRI-TANXUAN,2023-12-04,2023-12-08,100,40,50,30,5`), NOW)).ok,
    ).toBe(true);
    const outcome = await importStatisticTable(
      d,
      readCsvTable(`${HEADER}\nBT-BATRI-TANXUAN,2023-12-01,2023-12-31,900,400,500,300,50`),
      NOW,
    );
    expect(outcome.ok).toBe(false);
    expect((await batri(d))[0]?.counts.receivedTotal).toBe(100);
  });

  it('names missing columns', async () => {
    const outcome = await importStatisticTable(
      await db(),
      readCsvTable('unit_code,from,to,received_total\nBT,2023-12-01,2023-12-02,1'),
      NOW,
    );
    expect(outcome.ok).toBe(false);
    if (!outcome.ok)
      expect(outcome.issues.map((i) => i.vars?.column)).toEqual(['received_online', 'digitized', 'fee_dossiers', 'paid_online']);
  });

  it('lists bad XLSX rows by their row number and saves nothing', async () => {
    const d = await db();
    const bytes = await xlsx([
      [
        'Mã đơn vị',
        'Từ ngày',
        'Đến ngày',
        'Tổng hồ sơ tiếp nhận',
        'Tiếp nhận trực tuyến',
        'Hồ sơ số hóa',
        'Hồ sơ có phí',
        'Thanh toán trực tuyến',
      ],
      ['BT-BATRI-TANXUAN', new Date('2023-12-04T00:00:00Z'), new Date('2023-12-08T00:00:00Z'), 100, 40, 50, 30, 5],
      ['BT-BATRI-ANDUC', new Date('2023-12-04T00:00:00Z'), new Date('2023-12-08T00:00:00Z'), 100, 40, 50, 30, 31],
      ['BT-BATRI-BATRI', 'hôm qua', new Date('2023-12-08T00:00:00Z'), 100, 40, 50, 30, 5],
      ['BT-BATRI-MYHOA', new Date('2023-12-04T00:00:00Z'), new Date('2023-12-08T00:00:00Z'), 12.5, 4, 5, 3, 1],
    ]);
    const outcome = await importStatisticTable(d, await readXlsxTable(bytes), NOW);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.issues.map((i) => [i.line, i.key])).toEqual([
      [3, 'campaign:import.paidAboveFee'],
      [4, 'campaign:import.badDate'],
      [5, 'campaign:import.badCount'],
    ]);
    expect(await rowCount(d)).toBe(0);
  });

  it('says a file that is not a spreadsheet cannot be read', async () => {
    await expect(readXlsxTable(new TextEncoder().encode('not a zip'))).rejects.toMatchObject({
      issue: { key: 'campaign:import.xlsxUnreadable' },
    });
  });
});
