// The compiled report as an Excel file a clerk can check: one row per reporting unit with
// its parent, counts, rates as formulas, when it was sent and whether late; a subtotal
// row after each unit that has units below it, and the province total. Subtotals use
// SUBTOTAL(9, …) so nested subtotals are never counted twice.
import ExcelJS from 'exceljs';
import type { Translator } from '../../i18n/index.js';
import type { Db } from '../../store/database.js';
import { rateOf } from '../kpi.js';
import { getUnit } from '../units/repository.js';
import type { Unit } from '../units/types.js';
import { periodText } from './reportText.js';
import type { UnitReport } from './repository.js';
import { filingsUnder, type UnitFiling } from './status.js';
import type { ReportingPeriod } from './week.js';

/** Column letters, fixed so formulas and tests agree. */
export const COLUMNS = {
  index: 'A',
  code: 'B',
  name: 'C',
  parent: 'D',
  receivedTotal: 'E',
  receivedOnline: 'F',
  digitized: 'G',
  feeDossiers: 'H',
  paidOnline: 'I',
  onlineRate: 'J',
  paymentRate: 'K',
  digitizationRate: 'L',
  accountsHelped: 'M',
  paymentsHelped: 'N',
  submittedAt: 'O',
  late: 'P',
  difficulties: 'Q',
  proposals: 'R',
} as const;

export const HEADER_ROW = 4;
const SUMMED = ['receivedTotal', 'receivedOnline', 'digitized', 'feeDossiers', 'paidOnline', 'accountsHelped', 'paymentsHelped'] as const;

type Row = { kind: 'unit'; filing: UnitFiling } | { kind: 'subtotal'; unit: Unit; from: number; to: number } | { kind: 'total' };

/** Units in tree order, each followed by its descendants and then its subtotal row. */
function layout(filings: UnitFiling[]): { rows: Row[] } {
  const byParent = new Map<string | undefined, UnitFiling[]>();
  const codes = new Set(filings.map((f) => f.unit.code));
  for (const f of filings) {
    // A unit whose parent does not report hangs from the top of the sheet.
    const parent = f.unit.parentCode && codes.has(f.unit.parentCode) ? f.unit.parentCode : undefined;
    byParent.set(parent, [...(byParent.get(parent) ?? []), f]);
  }
  const rows: Row[] = [];
  const visit = (f: UnitFiling) => {
    const start = rows.length;
    rows.push({ kind: 'unit', filing: f });
    const children = byParent.get(f.unit.code) ?? [];
    for (const child of children) visit(child);
    if (children.length) rows.push({ kind: 'subtotal', unit: f.unit, from: start, to: rows.length - 1 });
  };
  for (const f of byParent.get(undefined) ?? []) visit(f);
  rows.push({ kind: 'total' });
  return { rows };
}

function rateFormula(row: number, numerator: string, denominator: string, value: number | undefined): ExcelJS.CellValue {
  return { formula: `IF(${denominator}${row}>0,${numerator}${row}/${denominator}${row},"")`, result: value ?? '' } as ExcelJS.CellFormulaValue;
}

export async function reportWorkbook(db: Db, tr: Translator, rootCode: string, period: ReportingPeriod, exportedAt: Date): Promise<Uint8Array> {
  const filings = filingsUnder(db, rootCode, period.kind, period.deadlineDay);
  const root = getUnit(db, rootCode);
  const workbook = new ExcelJS.Workbook();
  workbook.created = exportedAt;
  const sheet = workbook.addWorksheet(tr.t('reports:export.sheet'));
  sheet.getCell('A1').value = tr.t('reports:export.title', { unit: root?.name ?? rootCode, period: periodText(tr, period) });
  sheet.getCell('A1').font = { bold: true, size: 13 };
  sheet.getCell('A2').value = tr.t('reports:export.subtitle', {
    deadline: tr.fmt.dateTime(period.deadline),
    exportedAt: tr.fmt.dateTime(exportedAt),
    filed: filings.filter((f) => f.report).length,
    total: filings.length,
  });
  const header = sheet.getRow(HEADER_ROW);
  for (const [key, column] of Object.entries(COLUMNS)) header.getCell(column).value = tr.t(`reports:export.columns.${key}`);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  sheet.views = [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 3 }];
  for (const [column, width] of Object.entries({ A: 5, B: 18, C: 30, D: 26, O: 22, P: 10, Q: 40, R: 40 })) sheet.getColumn(column).width = width;
  for (const column of ['E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N']) sheet.getColumn(column).width = 13;

  const { rows } = layout(filings);
  const first = HEADER_ROW + 1;
  const sums = new Map<number, Record<(typeof SUMMED)[number], number>>();
  let index = 0;
  rows.forEach((row, i) => {
    const r = first + i;
    const line = sheet.getRow(r);
    const put = (key: keyof typeof COLUMNS, value: ExcelJS.CellValue) => {
      line.getCell(COLUMNS[key]).value = value;
    };
    let totals: Record<(typeof SUMMED)[number], number>;
    if (row.kind === 'unit') {
      const { unit, report, state } = row.filing;
      put('index', ++index);
      put('code', unit.code);
      put('name', unit.name);
      const parent = unit.parentCode ? getUnit(db, unit.parentCode) : undefined;
      if (parent) put('parent', parent.name);
      totals = unitTotals(report);
      if (report) {
        for (const key of SUMMED) put(key, totals[key]);
        put('submittedAt', tr.fmt.dateTime(new Date(report.firstSubmittedAt)));
        // Empty cells stay empty, so a clerk's COUNTA over a column counts only real entries.
        if (state === 'late') put('late', tr.t('reports:export.yes'));
        if (report.latest.figures.difficulties) put('difficulties', report.latest.figures.difficulties);
        if (report.latest.figures.proposals) put('proposals', report.latest.figures.proposals);
      } else put('submittedAt', tr.t('reports:export.missing'));
    } else {
      const from = row.kind === 'subtotal' ? first + row.from : first;
      const to = row.kind === 'subtotal' ? first + row.to : r - 1;
      const covered = rows.slice(from - first, to - first + 1).flatMap((x, k) => (x.kind === 'unit' ? [sums.get(from + k)!] : []));
      totals = Object.fromEntries(SUMMED.map((key) => [key, covered.reduce((s, t) => s + t[key], 0)])) as typeof totals;
      put('name', row.kind === 'subtotal' ? tr.t('reports:export.subtotal', { unit: row.unit.name }) : tr.t('reports:export.total', { unit: root?.name ?? rootCode }));
      for (const key of SUMMED)
        put(key, { formula: `SUBTOTAL(9,${COLUMNS[key]}${from}:${COLUMNS[key]}${to})`, result: totals[key] } as ExcelJS.CellFormulaValue);
      line.font = { bold: true };
    }
    sums.set(r, totals);
    const reported = row.kind !== 'unit' || row.filing.report !== undefined;
    if (reported) {
      put('onlineRate', rateFormula(r, COLUMNS.receivedOnline, COLUMNS.receivedTotal, rateOf(totals.receivedOnline, totals.receivedTotal)));
      put('paymentRate', rateFormula(r, COLUMNS.paidOnline, COLUMNS.feeDossiers, rateOf(totals.paidOnline, totals.feeDossiers)));
      put('digitizationRate', rateFormula(r, COLUMNS.digitized, COLUMNS.receivedTotal, rateOf(totals.digitized, totals.receivedTotal)));
    }
    for (const key of ['onlineRate', 'paymentRate', 'digitizationRate'] as const) line.getCell(COLUMNS[key]).numFmt = '0.0%';
    for (const key of SUMMED) line.getCell(COLUMNS[key]).numFmt = '#,##0';
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

function unitTotals(report: UnitReport | undefined): Record<(typeof SUMMED)[number], number> {
  const f = report?.latest.figures;
  return Object.fromEntries(SUMMED.map((key) => [key, f ? f[key] : 0])) as Record<(typeof SUMMED)[number], number>;
}

export function exportFileName(rootCode: string, period: ReportingPeriod): string {
  return period.kind === 'final' ? `bao-cao-ket-thuc-${rootCode}.xlsx` : `bao-cao-tuan-${rootCode}-${period.deadlineDay}.xlsx`;
}
