// The compiled report's workbook as a document an office sends upward, read back with
// exceljs: the national heading and the issuing units from the unit tree, the title and
// the period, the page set up for printing, targets with "Đạt / Chưa đạt", date cells, and
// every formula carrying a cached result equal to what the database says.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { type CampaignDefinition, CampaignDefinitionSchema } from '../../src/campaign/definition/schema.js';
import { type Counts, RATE_NAMES, RATE_PARTS, rateOf, shortfall } from '../../src/campaign/kpi.js';
import type { ReportFigures } from '../../src/campaign/reports/figures.js';
import type { UnitFiling } from '../../src/campaign/reports/status.js';
import { finalPeriodOf, periodForDeadlineDay, type ReportingPeriod } from '../../src/campaign/reports/week.js';
import {
  COLUMNS,
  DATE_TIME_FORMAT,
  HEADER_ROW,
  HEADER_TOP,
  RATE_COLUMNS,
  estimatedLines,
  reportWorkbook,
} from '../../src/campaign/reports/workbook.js';
import { documentDateParts, HEADING_ROWS, placeDateLine, placeName } from '../../src/campaign/reports/workbookHeading.js';
import { importUnitTable } from '../../src/campaign/units/importUnits.js';
import { readCsvTable } from '../../src/campaign/sourceTable/csv.js';
import { reportExportCommand } from '../../src/cli/commands/reportExport.js';
import { Texts } from '../../src/i18n/index.js';
import { projectPath } from '../../src/paths.js';
import { BEFORE_DEADLINE, DEMO_NOW, reportsBot } from './reportsBot.js';

const WEEK = '2023-12-08';
const vi = Texts.load('vi').for('vi');
const en = Texts.load('vi').for('en');
let cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup) await c();
  cleanup = [];
});

async function bot(seed = true) {
  const b = await reportsBot(DEMO_NOW, { seed });
  cleanup.push(() => b.close());
  return b;
}
type Bot = Awaited<ReturnType<typeof bot>>;

function figures(counts: Counts, extra: Partial<ReportFigures> = {}): ReportFigures {
  return { ...counts, accountsHelped: 3, paymentsHelped: 4, difficulties: '', proposals: '', ...extra };
}

async function weekOf(b: Bot, unit: string): Promise<ReportingPeriod> {
  return periodForDeadlineDay((await b.store.campaigns.campaignFor(unit, WEEK))!, 'weekly', WEEK)!;
}

async function file(b: Bot, unit: string, f: ReportFigures, at = BEFORE_DEADLINE, period?: ReportingPeriod) {
  const personId = (await b.store.persons.findOrCreate({ channel: 'telegram', externalId: `filer-${unit}` }, 'vi')).person.id;
  await b.store.reports.submitReport({ unitCode: unit, period: period ?? (await weekOf(b, unit)), figures: f, personId, at });
}

async function readSheet(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

/** A cell's shown value: a formula's cached result, or the value itself. */
function shown(sheet: ExcelJS.Worksheet, address: string): unknown {
  const v = sheet.getCell(address).value;
  return v && typeof v === 'object' && 'formula' in v ? (v as ExcelJS.CellFormulaValue).result : v;
}

function rowOf(sheet: ExcelJS.Worksheet, code: string): number {
  for (let r = HEADER_ROW + 1; r <= sheet.rowCount; r++) if (sheet.getCell(`${COLUMNS.code}${r}`).value === code) return r;
  throw new Error(`no row for ${code}`);
}

/** The demo campaign, changed and saved again (targets, compiling department). */
async function changeCampaign(b: Bot, change: (d: CampaignDefinition) => CampaignDefinition): Promise<CampaignDefinition> {
  const changed = change((await b.store.campaigns.campaignFor('BT', WEEK))!);
  await b.store.campaigns.saveCampaign(changed, DEMO_NOW);
  return changed;
}

const counts = (
  receivedTotal: number,
  receivedOnline: number,
  digitized: number,
  feeDossiers: number,
  paidOnline: number,
): Counts => ({
  receivedTotal,
  receivedOnline,
  digitized,
  feeDossiers,
  paidOnline,
});

describe('the compiled report as a document an office can send', () => {
  it('opens with the national heading, the province and compiling department from the unit tree, the title, period and date', async () => {
    const b = await bot();
    const campaign = (await b.store.campaigns.campaignFor('BT', WEEK))!;
    const period = await weekOf(b, 'BT');
    const sheet = await readSheet(await reportWorkbook(b.store, vi, 'BT', period, DEMO_NOW));
    const left = (row: number) => shown(sheet, `A${row}`);
    const right = (row: number) => shown(sheet, `P${row}`);
    const R = HEADING_ROWS;

    expect(left(R.superior)).toBe(`UBND ${(await b.store.units.getUnit(campaign.root))!.name.toLocaleUpperCase('vi')}`);
    expect(left(R.superior)).toBe('UBND TỈNH BẾN TRE');
    expect(left(R.issuer)).toBe((await b.store.units.getUnit(campaign.compiled_by!))!.name.toLocaleUpperCase('vi'));
    expect(left(R.issuer)).toBe('SỞ THÔNG TIN VÀ TRUYỀN THÔNG');
    expect(right(R.superior)).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(right(R.issuer)).toBe('Độc lập – Tự do – Hạnh phúc');
    // The rules drawn under the issuing unit and under the motto.
    expect(String(left(R.rule))).toMatch(/^—{4,}$/);
    expect(String(right(R.rule))).toMatch(/^—{8,}$/);
    expect(right(R.placeDate)).toBe('Bến Tre, ngày 08 tháng 12 năm 2023');
    expect(sheet.getCell(`P${R.superior}`).font.bold).toBe(true);
    expect(sheet.getCell(`A${R.issuer}`).font.bold).toBe(true);

    expect(left(R.title)).toBe('BÁO CÁO TỔNG HỢP TIẾN ĐỘ THỰC HIỆN CHIẾN DỊCH NÂNG CAO HIỆU QUẢ SỬ DỤNG DỊCH VỤ CÔNG TRỰC TUYẾN');
    const [from, to] = [period.from, period.to].map((d) => d.split('-').reverse().join('/'));
    expect(left(R.period)).toBe(`Tuần từ ${from} đến ${to}`);
    expect(left(R.info)).toContain('KH 7386/KH-UBND');
    expect(left(R.info)).toContain('Hạn báo cáo: thứ Sáu 08/12/2023 10:00');
    expect(left(R.info)).toContain(`Đã báo cáo 0/${(await b.store.reports.filingsUnder('BT', 'weekly', WEEK)).length} đơn vị`);
    // The blocks are merged across the columns they stand over, and the title across the table.
    expect(sheet.getCell(`D${R.issuer}`).isMerged).toBe(true);
    expect(sheet.getCell(`X${R.issuer}`).isMerged).toBe(true);
    expect(sheet.getCell(`X${R.title}`).isMerged).toBe(true);
  });

  it('names whoever the data names: another compiling department, a province compiling itself, a district exporting its communes', async () => {
    const b = await bot();
    await changeCampaign(b, (d) => ({ ...d, compiled_by: 'BT-SO-NOIVU' }));
    const period = await weekOf(b, 'BT');
    let sheet = await readSheet(await reportWorkbook(b.store, vi, 'BT', period, DEMO_NOW));
    expect(shown(sheet, `A${HEADING_ROWS.issuer}`)).toBe('SỞ NỘI VỤ');

    // A district head's export: issued by the district, for the district, under the province.
    sheet = await readSheet(await reportWorkbook(b.store, vi, 'BT-BATRI', period, DEMO_NOW));
    expect(shown(sheet, `A${HEADING_ROWS.superior}`)).toBe('UBND TỈNH BẾN TRE');
    expect(shown(sheet, `A${HEADING_ROWS.issuer}`)).toBe('HUYỆN BA TRI');
    expect(String(shown(sheet, `A${HEADING_ROWS.period}`))).toMatch(/^Huyện Ba Tri – Tuần từ /);

    const v = await bot(false);
    await importUnitTable(v.store, readCsvTable(readFileSync(projectPath('data', 'units', 'vinh-long-2025-units.csv'), 'utf8')));
    await v.store.campaigns.saveCampaign(
      CampaignDefinitionSchema.parse({
        id: 'vl-2025',
        root: 'VL',
        starts_on: '2023-11-27',
        ends_on: '2023-12-31',
        compiled_by: 'VL',
      }),
      DEMO_NOW,
    );
    sheet = await readSheet(
      await reportWorkbook(v.store, vi, 'VL', await weekOf(v, 'VL'), new Date('2024-03-05T09:00:00+07:00')),
    );
    expect(shown(sheet, `A${HEADING_ROWS.superior}`)).toBe('UBND TỈNH VĨNH LONG');
    expect(shown(sheet, `A${HEADING_ROWS.issuer}`)).toBeNull();
    expect(shown(sheet, `P${HEADING_ROWS.placeDate}`)).toBe('Vĩnh Long, ngày 05 tháng 3 năm 2024');
    expect(String(shown(sheet, `A${HEADING_ROWS.info}`))).not.toContain('Thực hiện');
  });

  it('titles the final report over the whole campaign', async () => {
    const b = await bot();
    const campaign = await changeCampaign(b, (d) => ({
      ...d,
      deadlines: { ...d.deadlines, final_report: { date: '2024-01-10', time: '17:00' } },
    }));
    const final = finalPeriodOf(campaign)!;
    const sheet = await readSheet(await reportWorkbook(b.store, vi, 'BT', final, new Date('2024-01-12T08:00:00+07:00')));
    expect(shown(sheet, `A${HEADING_ROWS.title}`)).toBe(
      'BÁO CÁO TỔNG HỢP KẾT QUẢ THỰC HIỆN CHIẾN DỊCH NÂNG CAO HIỆU QUẢ SỬ DỤNG DỊCH VỤ CÔNG TRỰC TUYẾN',
    );
    const [from, to] = [campaign.starts_on, campaign.ends_on].map((d) => d.split('-').reverse().join('/'));
    expect(shown(sheet, `A${HEADING_ROWS.period}`)).toBe(`Toàn chiến dịch, từ ${from} đến ${to}`);
    expect(shown(sheet, `P${HEADING_ROWS.placeDate}`)).toBe('Bến Tre, ngày 12 tháng 01 năm 2024');
  });

  it('prints landscape on A4, one page wide, the header rows on every page, the header frozen on screen', async () => {
    const b = await bot();
    const sheet = await readSheet(await reportWorkbook(b.store, vi, 'BT', await weekOf(b, 'BT'), DEMO_NOW));
    const setup = sheet.pageSetup;
    expect(setup.orientation).toBe('landscape');
    expect(setup.paperSize).toBe(9);
    expect(setup.fitToPage).toBe(true);
    expect(setup.fitToWidth).toBe(1);
    expect(setup.fitToHeight).toBe(0);
    expect(setup.printTitlesRow).toBe(`${HEADER_TOP}:${HEADER_ROW}`);
    for (const side of ['left', 'right', 'top', 'bottom'] as const) expect(setup.margins?.[side]).toBeGreaterThanOrEqual(0.4);
    expect(sheet.headerFooter.oddFooter).toContain('Trang &P/&N');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW, xSplit: 3 });
    // Every column has a width; the rates' three columns sit under one merged title.
    for (const column of Object.values(COLUMNS)) expect(sheet.getColumn(column).width, column).toBeGreaterThan(4);
    for (const name of RATE_NAMES) {
      const c = RATE_COLUMNS[name];
      expect(sheet.getCell(`${COLUMNS[c.met]}${HEADER_TOP}`).isMerged).toBe(true);
      expect(shown(sheet, `${COLUMNS[c.target]}${HEADER_ROW}`)).toBe('Chỉ tiêu');
      expect(shown(sheet, `${COLUMNS[c.met]}${HEADER_ROW}`)).toBe('Đạt / Chưa đạt');
    }
    // Signature blocks below the table.
    const words = [...Array(sheet.rowCount).keys()].map((i) => shown(sheet, `A${i + 1}`));
    expect(words).toContain('NGƯỜI LẬP BIỂU');
    expect([...Array(sheet.rowCount).keys()].map((i) => shown(sheet, `P${i + 1}`))).toContain('THỦ TRƯỞNG ĐƠN VỊ');
  });

  it("sets each rate beside the campaign's target and says Đạt or Chưa đạt as the campaign decides it", async () => {
    const b = await bot();
    // Targets read from the campaign, not the defaults: 40% online, 30% payment, 90% digitised.
    const campaign = await changeCampaign(b, (d) => ({ ...d, targets: { online: 0.4, payment: 0.3, digitization: 0.9 } }));
    const period = await weekOf(b, 'BT');
    await file(b, 'BT-BATRI-TANMY', figures(counts(100, 40, 95, 50, 10))); // online at target, payment below, digitised above
    await file(b, 'BT-BATRI-ANDUC', figures(counts(200, 30, 100, 0, 0))); // online below, no fee dossiers, digitised below
    const sheet = await readSheet(await reportWorkbook(b.store, vi, 'BT', period, DEMO_NOW));
    const at = (code: string, key: keyof typeof COLUMNS) => shown(sheet, `${COLUMNS[key]}${rowOf(sheet, code)}`);

    for (const code of ['BT-BATRI-TANMY', 'BT-BATRI-ANDUC']) {
      expect(at(code, 'onlineTarget')).toBe(campaign.targets.online);
      expect(at(code, 'paymentTarget')).toBe(campaign.targets.payment);
      expect(at(code, 'digitizationTarget')).toBe(campaign.targets.digitization);
    }
    expect(at('BT-BATRI-TANMY', 'onlineRate')).toBe(0.4);
    expect(at('BT-BATRI-TANMY', 'onlineMet')).toBe('Đạt');
    expect(at('BT-BATRI-TANMY', 'paymentRate')).toBe(0.2);
    expect(at('BT-BATRI-TANMY', 'paymentMet')).toBe('Chưa đạt');
    expect(at('BT-BATRI-TANMY', 'digitizationMet')).toBe('Đạt');
    expect(at('BT-BATRI-ANDUC', 'onlineRate')).toBe(0.15);
    expect(at('BT-BATRI-ANDUC', 'onlineMet')).toBe('Chưa đạt');
    expect(at('BT-BATRI-ANDUC', 'paymentRate')).toBe('–');
    expect(at('BT-BATRI-ANDUC', 'paymentMet')).toBe('–');
    expect(at('BT-BATRI-ANDUC', 'digitizationMet')).toBe('Chưa đạt');
    // The formula decides as the cached value says, so a recalculation agrees.
    expect(
      (sheet.getCell(`${COLUMNS.onlineMet}${rowOf(sheet, 'BT-BATRI-TANMY')}`).value as ExcelJS.CellFormulaValue).formula,
    ).toMatch(/^IF\(ISNUMBER\(J\d+\),IF\(J\d+>=K\d+,"Đạt","Chưa đạt"\),"–"\)$/);
    // A unit that has not reported has its target but no rate and no verdict.
    const missing = (await b.store.reports.filingsUnder('BT', 'weekly', WEEK)).find((f) => !f.report)!.unit.code;
    expect(at(missing, 'onlineTarget')).toBe(0.4);
    expect(at(missing, 'onlineRate')).toBeNull();
    expect(at(missing, 'onlineMet')).toBeNull();
    // Rates and targets show as percentages with one decimal, counts with thousands separators.
    const r = rowOf(sheet, 'BT-BATRI-TANMY');
    expect(sheet.getCell(`${COLUMNS.onlineRate}${r}`).numFmt).toBe('0.0%');
    expect(sheet.getCell(`${COLUMNS.onlineTarget}${r}`).numFmt).toBe('0.0%');
    expect(sheet.getCell(`${COLUMNS.receivedTotal}${r}`).numFmt).toBe('#,##0');
  });

  it('writes when each report was sent as a date cell in Vietnamese format, in the province’s time', async () => {
    const b = await bot();
    await file(b, 'BT-BATRI-TANMY', figures(counts(100, 60, 100, 50, 20)), new Date('2023-12-07T23:30:00Z')); // 06:30 on Friday 08/12 in Vietnam
    await file(b, 'BT-BATRI-ANDUC', figures(counts(100, 60, 100, 50, 20)), BEFORE_DEADLINE);
    const sheet = await readSheet(await reportWorkbook(b.store, vi, 'BT', await weekOf(b, 'BT'), DEMO_NOW));
    const cell = (code: string) => sheet.getCell(`${COLUMNS.submittedAt}${rowOf(sheet, code)}`);
    expect(cell('BT-BATRI-TANMY').value).toBeInstanceOf(Date);
    // Spreadsheets keep no time zone: the cell holds the wall clock a reader in the province expects.
    expect((cell('BT-BATRI-TANMY').value as Date).toISOString()).toBe('2023-12-08T06:30:00.000Z');
    expect((cell('BT-BATRI-ANDUC').value as Date).toISOString()).toBe('2023-12-07T09:00:00.000Z');
    expect(cell('BT-BATRI-TANMY').numFmt).toBe(DATE_TIME_FORMAT);
    expect(DATE_TIME_FORMAT).toBe('dd/mm/yyyy hh:mm');
  });

  it('gives every formula a cached result equal to what the database says', async () => {
    const b = await bot();
    const campaign = (await b.store.campaigns.campaignFor('BT', WEEK))!;
    const all = await b.store.reports.filingsUnder('BT', 'weekly', WEEK);
    for (const [i, f] of all.entries()) {
      if (i % 3 === 2) continue;
      const n = i + 1;
      // Some units without fee dossiers (no payment rate), some well above and some below each target.
      await file(
        b,
        f.unit.code,
        figures(
          counts(100 * n, (i % 2 ? 60 : 35) * n, (i % 5 ? 100 : 90) * n, i % 7 ? 50 * n : 0, (i % 7 ? (i % 3 ? 20 : 10) : 0) * n),
        ),
        i % 4 ? BEFORE_DEADLINE : DEMO_NOW,
      );
    }

    // Through the CLI, as a clerk exports it.
    const dir = mkdtempSync(join(tmpdir(), 'workbook-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const out = join(dir, 'bt.xlsx');
    const code = await reportExportCommand.run(['--week', WEEK, '--out', out], {
      config: { DEFAULT_LOCALE: 'vi' } as never,
      store: b.store,
      io: { out: () => {}, err: () => {} },
      now: DEMO_NOW,
    });
    expect(code).toBe(0);
    const sheet = await readSheet(new Uint8Array(readFileSync(out)));

    // What each row should show, from the database alone: a unit's own report, or the sum
    // of the reports of the units a subtotal or the total covers.
    const reports = await b.store.reports.reportsForPeriod('weekly', WEEK);
    const SUMMED = [
      'receivedTotal',
      'receivedOnline',
      'digitized',
      'feeDossiers',
      'paidOnline',
      'accountsHelped',
      'paymentsHelped',
    ] as const;
    type Sums = Record<(typeof SUMMED)[number], number>;
    // The filings under each unit, read before the synchronous walk over the sheet below.
    const filingsBelow = new Map<string, UnitFiling[]>();
    const parents = all.filter((f) => all.some((g) => g.unit.parentCode === f.unit.code)).map((f) => f.unit.code);
    for (const root of ['BT', ...parents]) filingsBelow.set(root, await b.store.reports.filingsUnder(root, 'weekly', WEEK));
    const sumOf = (root: string): Sums => {
      const sums = Object.fromEntries(SUMMED.map((k) => [k, 0])) as Sums;
      for (const f of filingsBelow.get(root)!) {
        const fig = reports.get(f.unit.code)?.latest.figures;
        if (fig) for (const k of SUMMED) sums[k] += fig[k];
      }
      return sums;
    };
    const expectedRow = (r: number): Sums | undefined => {
      const unit = sheet.getCell(`${COLUMNS.code}${r}`).value;
      const name = (shown(sheet, `${COLUMNS.name}${r}`) ?? '') as string;
      if (typeof unit === 'string') return reports.get(unit)?.latest.figures;
      if (name.startsWith('TỔNG CỘNG')) return sumOf('BT');
      const parent = all.find((f) => `Cộng ${f.unit.name}` === name);
      return parent ? sumOf(parent.unit.code) : undefined;
    };

    let formulas = 0;
    let checked = 0;
    sheet.eachRow((row, r) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (!v || typeof v !== 'object' || !('formula' in v)) return;
        formulas++;
        const { result } = v as ExcelJS.CellFormulaValue;
        expect(result, `${cell.address} has a cached result`).toBeDefined();
        expect(result, `${cell.address} has a cached result`).not.toBe('');
        const want = expectedRow(r);
        expect(want, `${cell.address}: a formula on a row the database accounts for`).toBeDefined();
        const column = cell.address.replace(/\d+$/, '');
        const key = (Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).find((k) => COLUMNS[k] === column)!;
        if (key in want!) {
          expect(result, cell.address).toBe(want![key as keyof Sums]);
          checked++;
        }
        for (const name of RATE_NAMES) {
          const { numerator, denominator } = RATE_PARTS[name];
          const rate = rateOf(want![numerator], want![denominator]);
          if (key === RATE_COLUMNS[name].rate) {
            if (rate === undefined) expect(result, cell.address).toBe('–');
            else expect(result as number, cell.address).toBeCloseTo(rate, 12);
            checked++;
          }
          if (key === RATE_COLUMNS[name].met) {
            const short = shortfall(rate, campaign.targets[name]);
            expect(result, cell.address).toBe(short === undefined ? '–' : short === 0 ? 'Đạt' : 'Chưa đạt');
            checked++;
          }
        }
      }),
    );
    // Every formula was checked: the counts of sum rows, every rate and every verdict.
    expect(checked).toBe(formulas);
    const reported = all.filter((f) => reports.has(f.unit.code)).length;
    const sumRows = 1 + all.filter((f) => all.some((g) => g.unit.parentCode === f.unit.code)).length;
    expect(formulas).toBe(sumRows * (5 + 2 + 6) + reported * 6);
    // Both verdicts occur, so the check is not vacuous.
    const verdicts = new Set<unknown>();
    for (let r = HEADER_ROW + 1; r <= sheet.rowCount; r++) {
      const v = sheet.getCell(`${COLUMNS.onlineMet}${r}`).value;
      if (v && typeof v === 'object' && 'formula' in v) verdicts.add(v.result);
    }
    expect(verdicts).toEqual(new Set(['Đạt', 'Chưa đạt']));
  });

  it('has every sentence in English too', async () => {
    const b = await bot();
    const sheet = await readSheet(await reportWorkbook(b.store, en, 'BT', await weekOf(b, 'BT'), DEMO_NOW));
    expect(shown(sheet, `P${HEADING_ROWS.superior}`)).toBe('SOCIALIST REPUBLIC OF VIETNAM');
    expect(shown(sheet, `P${HEADING_ROWS.issuer}`)).toBe('Independence – Freedom – Happiness');
    expect(shown(sheet, `P${HEADING_ROWS.placeDate}`)).toBe('Bến Tre, 08/12/2023');
    expect(shown(sheet, `${COLUMNS.onlineMet}${HEADER_ROW}`)).toBe('Met / Not met');
  });
});

describe('Vietnamese document dates and places', () => {
  it('writes a day below 10 and the months 1 and 2 with a leading zero, in the province’s time zone', () => {
    expect(documentDateParts(new Date('2024-03-05T09:00:00+07:00'))).toEqual({ day: '05', month: '3', year: '2024' });
    expect(documentDateParts(new Date('2024-01-08T09:00:00+07:00'))).toEqual({ day: '08', month: '01', year: '2024' });
    expect(documentDateParts(new Date('2023-12-18T09:00:00+07:00'))).toEqual({ day: '18', month: '12', year: '2023' });
    // 23:30 UTC on 31/12 is already New Year's Day in Vietnam.
    expect(documentDateParts(new Date('2023-12-31T23:30:00Z'))).toEqual({ day: '01', month: '01', year: '2024' });
    expect(placeDateLine(vi, 'Tỉnh Bến Tre', new Date('2023-11-29T09:00:00+07:00'))).toBe('Bến Tre, ngày 29 tháng 11 năm 2023');
  });

  it('names the place without its rank', () => {
    expect(placeName('Tỉnh Bến Tre')).toBe('Bến Tre');
    expect(placeName('Thành phố Cần Thơ')).toBe('Cần Thơ');
    expect(placeName('Vĩnh Long')).toBe('Vĩnh Long');
  });

  it('gives a row the lines its longest text needs', () => {
    expect(estimatedLines('Xã An Hiệp', 22)).toBe(1);
    expect(estimatedLines('Mạng chập chờn ở các xã cù lao, nhiều người dân chưa có tài khoản VNeID mức 2', 24)).toBe(3);
    expect(estimatedLines('BT-MOCAYBAC-HUNGKHANHTRUNGA', 19, 8)).toBe(2);
  });
});
